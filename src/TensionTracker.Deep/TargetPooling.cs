namespace TensionTracker.Deep;

/// <summary>
/// What the head reads about one target in one text: parts of <see cref="MiniLmEncoder.Dimension"/> floats side by
/// side, pooled from the encoder's piece vectors. <see cref="FourMeans"/> (deep-minilm-v1, v2): means of the whole
/// text, the target's own pieces, and <see cref="Window"/> pieces on each side of it. <see cref="WithContext"/> adds
/// the largest value of each dimension over the target and its two windows, and a mean of the whole text weighted by
/// nearness to the target (its clause, beyond the windows). The same sentence thus reads differently for each of its
/// targets. A text without a target mention (or with one the encoder's window cut away) reads its whole-text mean in
/// every part. A model file names its pooling by <see cref="Description"/>.
/// </summary>
public sealed class TargetPooling
{
    public const int Window = 6;
    /// <summary>Pieces at which the nearness weight has halved.</summary>
    const float HalfWeightAt = 8f;

    public static readonly TargetPooling FourMeans = new(4,
        "mean of all pieces | mean of the target's pieces | mean of 6 pieces left of it | mean of 6 pieces right of it (384 each)");
    public static readonly TargetPooling WithContext = new(6,
        "mean of all pieces | mean of the target's pieces | mean of 6 pieces left of it | mean of 6 pieces right of it | max over the target and its 6+6 pieces | mean of all pieces weighted 1/(1 + distance/8) from the target (384 each)");

    TargetPooling(int parts, string description) => (Parts, Description) = (parts, description);

    public int Parts { get; }
    public string Description { get; }
    public int Dimension => Parts * MiniLmEncoder.Dimension;

    public static TargetPooling Named(string description) =>
        new[] { FourMeans, WithContext }.FirstOrDefault(p => p.Description == description)
        ?? throw new InvalidDataException($"unknown pooling '{description}'");

    public float[] Features(EncodedText text, int start = -1, int length = 0)
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
        int left = Math.Max(1, first - Window), right = Math.Min(text.Length - 1, last + Window);
        if (!Mean(text, left, first, features.AsSpan(2 * d, d))) sentence.CopyTo(features.AsSpan(2 * d, d));
        if (!Mean(text, last, right, features.AsSpan(3 * d, d))) sentence.CopyTo(features.AsSpan(3 * d, d));
        if (Parts == 4) return features;
        Max(text, left, right, features.AsSpan(4 * d, d));
        Nearness(text, first, last, features.AsSpan(5 * d, d));
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

    static void Max(EncodedText text, int from, int to, Span<float> into)
    {
        into.Fill(float.NegativeInfinity);
        for (var i = from; i < to; i++)
        {
            var v = text.Vector(i);
            for (var k = 0; k < into.Length; k++) into[k] = Math.Max(into[k], v[k]);
        }
    }

    static void Nearness(EncodedText text, int first, int last, Span<float> into)
    {
        into.Clear();
        float total = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var distance = i < first ? first - i : i >= last ? i - last + 1 : 0;
            var w = 1f / (1f + distance / HalfWeightAt);
            total += w;
            var v = text.Vector(i);
            for (var k = 0; k < into.Length; k++) into[k] += w * v[k];
        }
        for (var k = 0; k < into.Length; k++) into[k] /= total;
    }
}
