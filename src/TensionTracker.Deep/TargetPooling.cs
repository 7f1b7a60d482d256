namespace TensionTracker.Deep;

/// <summary>
/// What the head reads about one target in one text: four means of the encoder's piece vectors, side by side: the
/// whole text, the target's own pieces, and a window of <see cref="Window"/> pieces on each side of the target. The
/// same sentence thus reads differently for each of its targets. A text without a target mention (or with one the
/// encoder's window cut away) reads its whole text in all four places.
/// </summary>
public static class TargetPooling
{
    public const int Window = 6;
    public const int Parts = 4;
    public const int Dimension = Parts * MiniLmEncoder.Dimension;
    public const string Description = "mean of all pieces | mean of the target's pieces | mean of 6 pieces left of it | mean of 6 pieces right of it (384 each)";

    public static float[] Features(EncodedText text, int start = -1, int length = 0)
    {
        var features = new float[Dimension];
        var d = MiniLmEncoder.Dimension;
        var sentence = features.AsSpan(0, d);
        Mean(text, 0, text.Length, sentence);
        var (first, last) = start < 0 ? (-1, -1) : Span(text, start, start + length);
        if (first < 0)
        {
            for (var p = 1; p < Parts; p++) sentence.CopyTo(features.AsSpan(p * d, d));
            return features;
        }
        Mean(text, first, last, features.AsSpan(d, d));
        if (!Mean(text, Math.Max(1, first - Window), first, features.AsSpan(2 * d, d))) sentence.CopyTo(features.AsSpan(2 * d, d));
        if (!Mean(text, last, Math.Min(text.Length - 1, last + Window), features.AsSpan(3 * d, d))) sentence.CopyTo(features.AsSpan(3 * d, d));
        return features;
    }

    /// <summary>The pieces [first, last) that overlap the characters [start, end), [CLS] and [SEP] left out; (-1, -1) when none do.</summary>
    public static (int First, int Last) Span(EncodedText text, int start, int end)
    {
        int first = -1, last = -1;
        for (var i = 1; i < text.Length - 1; i++)
        {
            var p = text.Pieces[i];
            if (p.End <= start || p.Start >= end) continue;
            if (first < 0) first = i;
            last = i + 1;
        }
        return (first, last);
    }

    static bool Mean(EncodedText text, int from, int to, Span<float> into)
    {
        if (to <= from) return false;
        into.Clear();
        for (var i = from; i < to; i++)
        {
            var v = text.Vector(i);
            for (var k = 0; k < into.Length; k++) into[k] += v[k];
        }
        var n = 1f / (to - from);
        for (var k = 0; k < into.Length; k++) into[k] *= n;
        return true;
    }
}
