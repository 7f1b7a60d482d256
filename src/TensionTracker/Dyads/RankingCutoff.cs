namespace TensionTracker.Dyads;

/// <summary>
/// Where a reader going down the running totals in one stored order can stop, for the orders that depend on the moment
/// (the index, its confidence and lower bound move with time through the common decay factor, so no stored order is
/// theirs): each is at most a function of one grown sum that keeps its order over time. <see cref="Admits"/> is called
/// with the pairs in descending order of that sum; once it says no, neither this pair nor any pair further down can
/// enter the top, so ranking only the pairs admitted gives exactly what ranking every pair would.
/// </summary>
public sealed class RankingCutoff
{
    readonly string order;
    readonly int top;
    // The best values of the pairs that can lead so far, lowest first (for "evidence", the first group's lower bounds).
    readonly PriorityQueue<double, double> best = new();

    public RankingCutoff(string order, int top)
    {
        if (KeyOf(order) is null) throw new ArgumentException($"the order '{order}' has no cutoff", nameof(order));
        (this.order, this.top) = (order, top);
    }

    /// <summary>The grown sum an order's reader goes down by (decay times it is the sum now): signal or polar; null for stored orders.</summary>
    public static string? KeyOf(string order) => order switch
    {
        "evidence" or "tension" => "signal",
        "confidence" => "polar",
        _ => null,
    };

    /// <summary>False once no pair at or below this decayed key (signal or polar) can enter the top; else counts the pair.</summary>
    public bool Admits(double key, IndexValue? value)
    {
        if (best.Count == top && AtMost(order, key) < best.Peek()) return false;
        if (value is null || (order == "evidence" && value.Confidence < TensionIndex.MinimumConfidence)) return true;
        var score = order switch { "tension" => value.Tension, "confidence" => value.Confidence, _ => value.LowerBound };
        best.Enqueue(score, score);
        if (best.Count > top) best.Dequeue();
        return true;
    }

    /// <summary>
    /// The most the order's value can be for a pair whose decayed key is at most <paramref name="key"/>, rounding included
    /// (|S| is at most P up to float noise; the share of polar evidence, sqrt(P / (P + N)), at most 1). It grows with the key.
    /// </summary>
    public static double AtMost(string order, double key) => order switch
    {
        "tension" => key <= 0 ? 50.01 : 50 + 50 * Math.Min(1, key / (Math.Max(0, key - Noise) + TensionIndex.Prior)) + 0.01,
        "confidence" => 1 - Math.Exp(-Math.Max(0, key) / TensionIndex.ConfidenceScale) + 0.001,
        _ => LowerBoundAtMost(key),
    };

    /// <summary>How far float sums may put |S| above P (the sums of a pair are added and taken away in the same steps).</summary>
    const double Noise = 1e-6;
    const double SignalStep = 0.02, PolarStep = 0.02, Reach = 30;
    static readonly Lazy<double[]> Table = new(() =>
        Enumerable.Range(0, 1001).Select(i => LowerBoundAtMostExactly(i * SignalStep)).ToArray());

    /// <summary>
    /// The highest lower bound (index minus uncertainty, rounded) a pair with decayed signal sum at most S can have: for
    /// S at most 0 the index is at most 50 and the uncertainty at least 0; above, from a table of S in steps of 0.02
    /// (each entry bounds every S up to it), and beyond the table no bound.
    /// </summary>
    public static double LowerBoundAtMost(double signal)
    {
        if (signal <= 0) return 50.1;
        var i = (int)Math.Ceiling(signal / SignalStep);
        return i < Table.Value.Length ? Table.Value[i] : 100.1;
    }

    /// <summary>
    /// 25 + the most of  h(P) = 50 min(1, S / (P + 1)) + 25 (1 - e^(-P/3))  over P at least S (the lower bound is
    /// 25 + h times at most 1 on the confidence part), plus the rounding. The first part of h falls with P and the second
    /// grows, so over [P, P + step] h is at most the first at P plus the second at P + step; past the steps, at most
    /// the first there plus 25. Over P at least S, a larger S only raises h: the bound grows with S.
    /// </summary>
    static double LowerBoundAtMostExactly(double signal)
    {
        var from = Math.Max(0, signal - Noise);
        double Falling(double p) => 50 * Math.Min(1, signal / (p + TensionIndex.Prior));
        double Rising(double p) => 25 * (1 - Math.Exp(-p / TensionIndex.ConfidenceScale));
        var most = Falling(from + Reach) + 25;
        for (var p = from; p < from + Reach; p += PolarStep)
            most = Math.Max(most, Falling(p) + Rising(p + PolarStep));
        return 25 + most + 0.1;
    }
}
