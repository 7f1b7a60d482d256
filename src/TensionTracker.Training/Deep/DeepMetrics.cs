using TensionTracker.Text.Scoring;

namespace TensionTracker.Deep;

/// <summary>Three-class figures (keys 1 conflict/negative, 2 neutral, 3 cooperation/positive), calibration and correlation.</summary>
public static class DeepMetrics
{
    public static uint Predicted(StanceProbabilities p) =>
        DeepModel.ClassOf(p) switch { StanceClasses.Conflict => 1u, StanceClasses.Cooperation => 3u, _ => 2u };

    public static Dictionary<string, double> Classes(IReadOnlyList<uint> gold, IReadOnlyList<StanceProbabilities> predicted)
    {
        var f1 = new double[3];
        for (uint k = 1; k <= 3; k++)
        {
            int tp = 0, fp = 0, fn = 0;
            for (var i = 0; i < gold.Count; i++)
            {
                var p = Predicted(predicted[i]);
                if (p == k && gold[i] == k) tp++;
                else if (p == k) fp++;
                else if (gold[i] == k) fn++;
            }
            f1[k - 1] = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
        }
        var correct = gold.Where((g, i) => Predicted(predicted[i]) == g).Count();
        return new()
        {
            ["n"] = gold.Count,
            ["f1_macro"] = Round(f1.Average()),
            ["accuracy"] = Round(gold.Count == 0 ? 0 : (double)correct / gold.Count),
            ["f1_negative"] = Round(f1[0]), ["f1_neutral"] = Round(f1[1]), ["f1_positive"] = Round(f1[2]),
            ["ece"] = Round(Calibration(gold, predicted).Ece),
            ["log_loss"] = Round(LogLoss(gold, predicted)),
        };
    }

    public static double LogLoss(IReadOnlyList<uint> gold, IReadOnlyList<StanceProbabilities> p) =>
        gold.Count == 0 ? 0 : -gold.Select((g, i) => Math.Log(Math.Max(1e-7, Of(p[i], g)))).Average();

    public static float Of(StanceProbabilities p, uint key) => key switch { 1 => p.Conflict, 2 => p.Neutral, _ => p.Cooperation };

    public sealed record Bin(double From, double To, int Count, double Confidence, double Accuracy);

    /// <summary>Expected calibration error over ten equal-width bins of the top class's probability, and the bins.</summary>
    public static (double Ece, List<Bin> Bins) Calibration(IReadOnlyList<uint> gold, IReadOnlyList<StanceProbabilities> predicted)
    {
        var bins = new List<Bin>();
        double ece = 0;
        for (var b = 0; b < 10; b++)
        {
            double lo = b / 10.0, hi = (b + 1) / 10.0;
            var members = Enumerable.Range(0, gold.Count).Where(i =>
            {
                var top = Of(predicted[i], Predicted(predicted[i]));
                return top > lo && (top <= hi || b == 9);
            }).ToList();
            if (members.Count == 0) continue;
            var confidence = members.Average(i => Of(predicted[i], Predicted(predicted[i])));
            var accuracy = members.Average(i => Predicted(predicted[i]) == gold[i] ? 1.0 : 0.0);
            ece += members.Count / (double)gold.Count * Math.Abs(confidence - accuracy);
            bins.Add(new Bin(lo, hi, members.Count, Round(confidence), Round(accuracy)));
        }
        return (ece, bins);
    }

    public static double Pearson(IReadOnlyList<float> a, IReadOnlyList<float> b)
    {
        if (a.Count < 2) return 0;
        double ma = a.Average(), mb = b.Average(), cov = 0, va = 0, vb = 0;
        for (var i = 0; i < a.Count; i++)
        {
            cov += (a[i] - ma) * (b[i] - mb);
            va += (a[i] - ma) * (a[i] - ma);
            vb += (b[i] - mb) * (b[i] - mb);
        }
        return va == 0 || vb == 0 ? 0 : Round(cov / Math.Sqrt(va * vb));
    }

    public static double Round(double v) => Math.Round(v, 4);
}
