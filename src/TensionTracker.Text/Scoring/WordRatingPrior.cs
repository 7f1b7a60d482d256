namespace TensionTracker.Text.Scoring;

/// <summary>
/// What a word's rating is before the rated sentences say anything about it: a ridge regression from a
/// sentence's mean word vector (<see cref="WordVectors"/>) to its rating, read back one word at a time
/// (the prediction for the word alone). The learned word ratings shrink towards it instead of towards 0, so a
/// word no training sentence used still has a rating near the words whose vectors are like its own
/// ("massacre" near "slaughter", "praised" near "commended").
/// </summary>
public static class WordRatingPrior
{
    /// <summary>Fits the ridge on <paramref name="rows"/> (weighted) and returns the prior of every word that has a vector.</summary>
    public static Dictionary<string, float> Fit(IEnumerable<(string Text, float Label, float Weight)> rows, WordVectors vectors, double l2)
    {
        var d = vectors.Dimension;
        var p = d + 1; // the last coefficient is the intercept
        var a = new double[p, p];
        var b = new double[p];
        var x = new double[p];
        double weights = 0;
        foreach (var (text, label, weight) in rows)
        {
            if (!MeanVector(TextTokens.Of(text).Lower, vectors, x)) continue;
            weights += weight;
            for (var i = 0; i < p; i++)
            {
                var wx = weight * x[i];
                b[i] += wx * label;
                for (var j = 0; j <= i; j++) a[i, j] += wx * x[j];
            }
        }
        for (var i = 0; i < d; i++) a[i, i] += l2 * weights;
        var coef = SolveSymmetric(a, b);
        var prior = new Dictionary<string, float>(vectors.Count, StringComparer.Ordinal);
        foreach (var word in vectors.Words)
        {
            vectors.TryGet(word, out var v);
            var s = coef[d];
            for (var i = 0; i < d; i++) s += coef[i] * v[i];
            prior[word] = (float)s;
        }
        return prior;
    }

    /// <summary>The mean vector of the words that have one, with a trailing 1 for the intercept; false when none has.</summary>
    private static bool MeanVector(string[] words, WordVectors vectors, double[] x)
    {
        Array.Clear(x);
        var n = 0;
        foreach (var w in words)
        {
            if (!vectors.TryGet(w, out var v)) continue;
            for (var i = 0; i < v.Length; i++) x[i] += v[i];
            n++;
        }
        if (n == 0) return false;
        for (var i = 0; i < x.Length - 1; i++) x[i] /= n;
        x[^1] = 1;
        return true;
    }

    /// <summary>Solves A c = b for a symmetric positive definite A given by its lower triangle (Cholesky).</summary>
    private static double[] SolveSymmetric(double[,] a, double[] b)
    {
        var p = b.Length;
        var l = new double[p, p];
        for (var i = 0; i < p; i++)
            for (var j = 0; j <= i; j++)
            {
                var s = a[i, j];
                for (var k = 0; k < j; k++) s -= l[i, k] * l[j, k];
                l[i, j] = i == j ? Math.Sqrt(Math.Max(s, 1e-12)) : s / l[j, j];
            }
        var y = new double[p];
        for (var i = 0; i < p; i++)
        {
            var s = b[i];
            for (var k = 0; k < i; k++) s -= l[i, k] * y[k];
            y[i] = s / l[i, i];
        }
        var c = new double[p];
        for (var i = p - 1; i >= 0; i--)
        {
            var s = y[i];
            for (var k = i + 1; k < p; k++) s -= l[k, i] * c[k];
            c[i] = s / l[i, i];
        }
        return c;
    }
}
