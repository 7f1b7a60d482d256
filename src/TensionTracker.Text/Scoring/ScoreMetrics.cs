namespace TensionTracker.Text.Scoring;

/// <summary>
/// The figures `tension model eval` prints. Three classes for F1: negative below -0.05, positive above
/// 0.05, neutral between (the VADER paper's threshold), applied to gold and prediction alike.
/// <c>sign_agreement</c>: share of rows with a non-neutral gold label whose prediction has the same sign.
/// </summary>
public sealed record ScoreMetrics(int N, double PearsonR, double Mae, double F1Weighted, double F1Macro, double SignAgreement)
{
    public const float NeutralBand = 0.05f;

    public static int ClassOf(float v) => v < -NeutralBand ? -1 : v > NeutralBand ? 1 : 0;

    public static ScoreMetrics Compute(IReadOnlyList<float> gold, IReadOnlyList<float> predicted)
    {
        var n = gold.Count;
        if (n == 0) return new ScoreMetrics(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        double mg = 0, mp = 0;
        for (var i = 0; i < n; i++) { mg += gold[i]; mp += predicted[i]; }
        mg /= n; mp /= n;
        double sxy = 0, sxx = 0, syy = 0, mae = 0;
        for (var i = 0; i < n; i++)
        {
            double dx = gold[i] - mg, dy = predicted[i] - mp;
            sxy += dx * dy; sxx += dx * dx; syy += dy * dy;
            mae += Math.Abs(gold[i] - predicted[i]);
        }
        var r = sxx > 0 && syy > 0 ? sxy / Math.Sqrt(sxx * syy) : 0;

        var tp = new int[3]; var fp = new int[3]; var fn = new int[3]; var support = new int[3];
        int signed = 0, agree = 0;
        for (var i = 0; i < n; i++)
        {
            int g = ClassOf(gold[i]) + 1, p = ClassOf(predicted[i]) + 1;
            support[g]++;
            if (g == p) tp[g]++; else { fp[p]++; fn[g]++; }
            if (g != 1)
            {
                signed++;
                if (Math.Sign(predicted[i]) == Math.Sign(gold[i])) agree++;
            }
        }
        double weighted = 0, macro = 0;
        for (var c = 0; c < 3; c++)
        {
            var prec = tp[c] + fp[c] > 0 ? (double)tp[c] / (tp[c] + fp[c]) : 0;
            var rec = tp[c] + fn[c] > 0 ? (double)tp[c] / (tp[c] + fn[c]) : 0;
            var f1 = prec + rec > 0 ? 2 * prec * rec / (prec + rec) : 0;
            weighted += f1 * support[c] / n;
            macro += f1 / 3;
        }
        return new ScoreMetrics(n, r, mae / n, weighted, macro, signed > 0 ? (double)agree / signed : double.NaN);
    }

    public IEnumerable<(string Name, double Value)> Lines()
    {
        yield return ("n", N);
        yield return ("pearson_r", PearsonR);
        yield return ("mae", Mae);
        yield return ("f1_weighted", F1Weighted);
        yield return ("f1_macro", F1Macro);
        yield return ("sign_agreement", SignAgreement);
    }

    public void Print(TextWriter log, string prefix = "")
    {
        foreach (var (name, value) in Lines())
            log.WriteLine(name == "n" ? $"{prefix}{name} {value:0}" : $"{prefix}{name} {value.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture)}");
    }
}
