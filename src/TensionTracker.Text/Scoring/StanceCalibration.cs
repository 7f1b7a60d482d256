using System.Globalization;

namespace TensionTracker.Text.Scoring;

/// <summary>
/// Calibration of the stance classes' scores (conflict, neutral, cooperation): logits divided by a temperature plus a
/// bias per class, then softmax. Fitted on held-out documents by minimising the log loss; the card's settings keep it.
/// </summary>
public sealed record StanceCalibration(float Temperature, float BiasConflict, float BiasNeutral, float BiasCooperation)
{
    public static readonly StanceCalibration Identity = new(1f, 0f, 0f, 0f);
    public const string Setting = "stance_calibration";

    public StanceProbabilities Apply(float conflict, float neutral, float cooperation)
    {
        var a = conflict / Temperature + BiasConflict;
        var b = neutral / Temperature + BiasNeutral;
        var c = cooperation / Temperature + BiasCooperation;
        var m = MathF.Max(a, MathF.Max(b, c));
        float ea = MathF.Exp(a - m), eb = MathF.Exp(b - m), ec = MathF.Exp(c - m);
        var sum = ea + eb + ec;
        return new StanceProbabilities(ea / sum, eb / sum, ec / sum);
    }

    public string Format() => string.Join(' ', new[] { Temperature, BiasConflict, BiasNeutral, BiasCooperation }
        .Select(v => v.ToString("0.#####", CultureInfo.InvariantCulture)));

    public static StanceCalibration? FromSettings(IReadOnlyDictionary<string, string> settings)
    {
        if (!settings.TryGetValue(Setting, out var s)) return null;
        var v = s.Split(' ').Select(x => float.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        return new StanceCalibration(v[0], v[1], v[2], v[3]);
    }

    /// <summary>Fits temperature and biases to held-out logits (rows of 3) and gold classes (-1, 0, 1) by gradient descent on the mean log loss.</summary>
    public static StanceCalibration Fit(IReadOnlyList<float[]> logits, IReadOnlyList<int> gold, IReadOnlyList<float>? weights = null)
    {
        double invT = 1, b0 = 0, b1 = 0, b2 = 0;
        var n = logits.Count;
        if (n == 0) return Identity;
        double total = 0;
        for (var i = 0; i < n; i++) total += weights?[i] ?? 1;
        for (var iter = 0; iter < 3000; iter++)
        {
            double gT = 0, g0 = 0, g1 = 0, g2 = 0;
            for (var i = 0; i < n; i++)
            {
                var l = logits[i];
                var w = (weights?[i] ?? 1) / total;
                double a = l[0] * invT + b0, b = l[1] * invT + b1, c = l[2] * invT + b2;
                var m = Math.Max(a, Math.Max(b, c));
                double ea = Math.Exp(a - m), eb = Math.Exp(b - m), ec = Math.Exp(c - m), s = ea + eb + ec;
                double pa = ea / s - (gold[i] == -1 ? 1 : 0), pb = eb / s - (gold[i] == 0 ? 1 : 0), pc = ec / s - (gold[i] == 1 ? 1 : 0);
                gT += w * (pa * l[0] + pb * l[1] + pc * l[2]);
                g0 += w * pa; g1 += w * pb; g2 += w * pc;
            }
            const double rate = 0.5;
            invT -= rate * gT; b0 -= rate * g0; b1 -= rate * g1; b2 -= rate * g2;
            invT = Math.Clamp(invT, 0.05, 20);
        }
        return new StanceCalibration((float)(1 / invT), (float)b0, (float)b1, (float)b2);
    }
}

/// <summary>One reliability bin: the top class's mean predicted probability against how often it was right.</summary>
public sealed record CalibrationBin(double Lower, double Upper, int Count, double MeanPredicted, double Observed);

/// <summary>Expected calibration error over the top class's probability (10 equal-width bins), and the bins.</summary>
public static class CalibrationError
{
    public static (double Ece, List<CalibrationBin> Bins) Compute(IReadOnlyList<StanceProbabilities> predicted, IReadOnlyList<int> gold, int bins = 10)
    {
        var count = new int[bins]; var conf = new double[bins]; var right = new double[bins];
        for (var i = 0; i < predicted.Count; i++)
        {
            var (cls, p) = Top(predicted[i]);
            var b = Math.Min(bins - 1, (int)(p * bins));
            count[b]++; conf[b] += p; right[b] += cls == gold[i] ? 1 : 0;
        }
        var table = new List<CalibrationBin>();
        double ece = 0;
        for (var b = 0; b < bins; b++)
        {
            if (count[b] == 0) continue;
            table.Add(new CalibrationBin(Math.Round((double)b / bins, 2), Math.Round((double)(b + 1) / bins, 2), count[b],
                Math.Round(conf[b] / count[b], 4), Math.Round(right[b] / count[b], 4)));
            ece += Math.Abs(conf[b] - right[b]) / Math.Max(1, predicted.Count);
        }
        return (ece, table);
    }

    /// <summary>The most probable class (-1 conflict, 0 neutral, 1 cooperation) and its probability.</summary>
    public static (int Class, float Probability) Top(StanceProbabilities p) =>
        p.Conflict >= p.Neutral && p.Conflict >= p.Cooperation ? (-1, p.Conflict)
        : p.Cooperation > p.Neutral ? (1, p.Cooperation)
        : (0, p.Neutral);
}
