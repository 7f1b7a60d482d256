using System.Globalization;

namespace TensionTracker.Text.Scoring;

/// <summary>
/// A monotone map of the target head's mixed stance onto the labels' scale, one per most probable class (conflict,
/// neutral, cooperation): a regression and a probability that are both unsure pull a threat towards 0, while the
/// middle of the scale is not read too near, so one factor cannot fix the ends (round 7) but a map per class can.
/// Fitted on out-of-fold readings: the readings of a class sorted by stance, cut into bins of equal count, the bins'
/// mean label made non-decreasing (pool adjacent violators), then read by linear interpolation between the bins'
/// mean stances (flat beyond the first and last). A class with too few readings keeps the identity.
/// </summary>
public sealed record StanceMap(float[][] Knots, float[][] Values)
{
    public const string Setting = "target_stance_map";
    public static readonly StanceMap Identity = new([[], [], []], [[], [], []]);

    /// <summary>The mapped stance of a reading whose most probable class is <paramref name="cls"/> (-1, 0, 1).</summary>
    public float Apply(int cls, float stance)
    {
        var x = Knots[cls + 1];
        var y = Values[cls + 1];
        if (x.Length == 0) return stance;
        if (stance <= x[0]) return y[0];
        if (stance >= x[^1]) return y[^1];
        var i = Array.BinarySearch(x, stance);
        if (i >= 0) return y[i];
        i = ~i; // x[i - 1] < stance < x[i]
        var t = (stance - x[i - 1]) / (x[i] - x[i - 1]);
        return y[i - 1] + t * (y[i] - y[i - 1]);
    }

    /// <summary>Fits the map per class from readings (class, stance, label, weight); <paramref name="bins"/> bins per class at most.</summary>
    /// <remarks>
    /// With <paramref name="quantiles"/> the labels are sorted on their own and bin k's mean label goes with bin k's mean
    /// stance (quantile matching): the mapped readings of a class spread as its labels do, where the mean label given the
    /// stance (the default) shrinks an unsure reading towards the class's middle.
    /// </remarks>
    public static StanceMap Fit(IReadOnlyList<(int Class, float Stance, float Label, float Weight)> readings, int bins = 12, int minPerBin = 15, bool quantiles = false)
    {
        var knots = new float[3][];
        var values = new float[3][];
        for (var c = -1; c <= 1; c++)
        {
            var rows = readings.Where(r => r.Class == c).OrderBy(r => r.Stance).ThenBy(r => r.Label).ToList();
            if (quantiles)
            {
                var sorted = rows.Select(r => r.Label).Order().ToList();
                rows = rows.Select((r, i) => r with { Label = sorted[i] }).ToList();
            }
            var n = Math.Min(bins, rows.Count / minPerBin);
            if (n < 2) { knots[c + 1] = []; values[c + 1] = []; continue; }
            // Bins of equal count: mean stance, mean label, total weight.
            var bx = new List<double>(); var by = new List<double>(); var bw = new List<double>();
            for (var b = 0; b < n; b++)
            {
                var part = rows.Skip(b * rows.Count / n).Take((b + 1) * rows.Count / n - b * rows.Count / n).ToList();
                var w = part.Sum(r => (double)r.Weight);
                bx.Add(part.Sum(r => (double)r.Weight * r.Stance) / w);
                by.Add(part.Sum(r => (double)r.Weight * r.Label) / w);
                bw.Add(w);
            }
            // Pool adjacent violators on the labels; pooled blocks keep their weighted mean stance as the knot.
            var blocks = new List<(double X, double Y, double W)>();
            for (var b = 0; b < n; b++)
            {
                blocks.Add((bx[b], by[b], bw[b]));
                while (blocks.Count > 1 && blocks[^2].Y >= blocks[^1].Y)
                {
                    var (x1, y1, w1) = blocks[^2]; var (x2, y2, w2) = blocks[^1];
                    blocks.RemoveRange(blocks.Count - 2, 2);
                    blocks.Add(((x1 * w1 + x2 * w2) / (w1 + w2), (y1 * w1 + y2 * w2) / (w1 + w2), w1 + w2));
                }
            }
            knots[c + 1] = blocks.Select(b => (float)Math.Round(b.X, 4)).ToArray();
            values[c + 1] = blocks.Select(b => (float)Math.Round(Math.Clamp(b.Y, -1, 1), 4)).ToArray();
            if (knots[c + 1].Length < 2 || knots[c + 1].Zip(knots[c + 1].Skip(1)).Any(p => p.Second <= p.First)) { knots[c + 1] = []; values[c + 1] = []; }
        }
        return new StanceMap(knots, values);
    }

    /// <summary>Card form: three classes separated by '|', each a list of stance:label knots.</summary>
    public string Format() => string.Join('|', Enumerable.Range(0, 3).Select(c =>
        string.Join(' ', Knots[c].Zip(Values[c], (x, y) => $"{x.ToString("0.####", CultureInfo.InvariantCulture)}:{y.ToString("0.####", CultureInfo.InvariantCulture)}"))));

    public static StanceMap? FromSettings(IReadOnlyDictionary<string, string> settings)
    {
        if (!settings.TryGetValue(Setting, out var s)) return null;
        var parts = s.Split('|');
        if (parts.Length != 3) throw new InvalidDataException($"{Setting} needs three classes separated by '|': {s}");
        var knots = new float[3][];
        var values = new float[3][];
        for (var c = 0; c < 3; c++)
        {
            var pairs = parts[c].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split(':')).ToArray();
            knots[c] = pairs.Select(p => float.Parse(p[0], CultureInfo.InvariantCulture)).ToArray();
            values[c] = pairs.Select(p => float.Parse(p[1], CultureInfo.InvariantCulture)).ToArray();
        }
        return new StanceMap(knots, values);
    }
}
