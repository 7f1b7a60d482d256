using System.Globalization;

namespace TensionTracker.Text.Scoring;

/// <summary>
/// Three-class figures (-1 negative / conflict, 0 neutral, 1 positive / cooperation): accuracy, F1 per class and
/// their unweighted mean (<c>f1_macro</c>, NewsMTSC's headline figure).
/// </summary>
public sealed record ClassMetrics(int N, double Accuracy, double F1Negative, double F1Neutral, double F1Positive)
{
    public double F1Macro => (F1Negative + F1Neutral + F1Positive) / 3;

    public static ClassMetrics Compute(IReadOnlyList<int> gold, IReadOnlyList<int> predicted)
    {
        var n = gold.Count;
        var tp = new int[3]; var fp = new int[3]; var fn = new int[3];
        var correct = 0;
        for (var i = 0; i < n; i++)
        {
            int g = gold[i] + 1, p = predicted[i] + 1;
            if (g == p) { tp[g]++; correct++; }
            else { fp[p]++; fn[g]++; }
        }
        double F1(int c) => 2 * tp[c] + fp[c] + fn[c] > 0 ? 2.0 * tp[c] / (2 * tp[c] + fp[c] + fn[c]) : 0;
        return new ClassMetrics(n, n > 0 ? (double)correct / n : double.NaN, F1(0), F1(1), F1(2));
    }

    public IEnumerable<(string Name, double Value)> Lines()
    {
        yield return ("n", N);
        yield return ("f1_macro", F1Macro);
        yield return ("accuracy", Accuracy);
        yield return ("f1_negative", F1Negative);
        yield return ("f1_neutral", F1Neutral);
        yield return ("f1_positive", F1Positive);
    }

    public void Print(TextWriter log, string prefix = "")
    {
        foreach (var (name, value) in Lines())
            log.WriteLine(name == "n" ? $"{prefix}{name} {value:0}" : $"{prefix}{name} {value.ToString("0.0000", CultureInfo.InvariantCulture)}");
    }
}
