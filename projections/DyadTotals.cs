using TensionTracker.Dyads;

namespace TensionTracker;

/// <summary>
/// The running totals' clock. Each statement adds its contribution times <see cref="Growth"/> of its publication (the
/// exponential trick); at any moment the totals times <see cref="DecayAt"/> of that moment are the decayed sums the index
/// needs (TensionIndex.Decay of each statement), so one row per pair serves every "now".
/// </summary>
public static class DyadTotals
{
    public static readonly DateTimeOffset Epoch = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>2^((t - epoch) / half-life), bounded so that a wild date cannot overflow a double.</summary>
    public static double Growth(DateTimeOffset publishedAt) =>
        Math.Pow(2, Math.Clamp((publishedAt - Epoch) / TensionIndex.HalfLife, -1000, 1000));

    /// <summary>The decay of the totals at a moment: 2^(-(at - epoch) / half-life).</summary>
    public static double DecayAt(DateTimeOffset at) => Math.Pow(2, -(at - Epoch) / TensionIndex.HalfLife);
}
