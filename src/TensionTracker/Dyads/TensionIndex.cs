using TensionTracker.Text.Extraction;

namespace TensionTracker.Dyads;

/// <summary>
/// The tension index, in one place (README.md and docs/tension-index.md state the same formula).
/// Each statement between two countries gives a value  t = 50 - 50 * (0.75 * stance + 0.25 * tone)
/// (0 warmest, 50 neutral, 100 most hostile) and a weight  w = salience(role) * directness * section,
/// decayed by recency:  d = 0.5 ^ (age at `at` / half-life).  The index is  sum(w d t) / sum(w d), and its
/// confidence  1 - exp(-sum(w d) / 3): about three fresh, direct statements by heads of state give 0.63;
/// old or scarce evidence keeps the index but lowers the confidence. No evidence, no index.
/// </summary>
public static class TensionIndex
{
    public static readonly TimeSpan HalfLife = TimeSpan.FromDays(30);
    public const double StanceShare = 0.75;
    public const double ConfidenceScale = 3.0;

    public static double Salience(string role) => role switch
    {
        SpeakerRoles.HeadOfState => 1.0,
        SpeakerRoles.Minister => 0.8,
        SpeakerRoles.Military => 0.6,
        SpeakerRoles.Official => 0.6,
        SpeakerRoles.Legislator => 0.4,
        SpeakerRoles.Unattributed => 0.3,   // the outlet's own narration of what one state did to another
        _ => 0.0,                            // analysts, think tanks, NGOs, international bodies: listed, never counted for a pair
    };

    public static double Weight(string role, string? speakerCountry, bool direct, string section)
    {
        if (speakerCountry is null && role != SpeakerRoles.Unattributed) return 0;
        var sectionFactor = section switch { Sections.Caption => 0.0, Sections.Headline => 0.5, _ => 1.0 };
        return Salience(role) * (direct ? 1.0 : 0.5) * sectionFactor;
    }

    public static double StatementTension(float tone, float stance) =>
        50 - 50 * Math.Clamp(StanceShare * stance + (1 - StanceShare) * tone, -1, 1);

    public static double Decay(DateTimeOffset publishedAt, DateTimeOffset at) =>
        publishedAt >= at ? 1.0 : Math.Pow(0.5, (at - publishedAt) / HalfLife);

    public static IndexValue? Compute(IEnumerable<Evidence> evidence, DateTimeOffset at)
    {
        double mass = 0, sum = 0;
        var count = 0;
        DateTimeOffset? last = null;
        foreach (var e in evidence)
        {
            if (e.PublishedAt > at || e.Weight <= 0) continue;
            var w = e.Weight * Decay(e.PublishedAt, at);
            mass += w;
            sum += w * StatementTension(e.Tone, e.Stance);
            count++;
            if (last is null || e.PublishedAt > last) last = e.PublishedAt;
        }
        if (count == 0 || mass <= 0) return null;
        return new IndexValue(Math.Round(sum / mass, 2), Math.Round(1 - Math.Exp(-mass / ConfidenceScale), 3), count, last!.Value);
    }

    public static string PairKey(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? $"{a}-{b}" : $"{b}-{a}";

    /// <summary>Accepts either order and case: "usa-col" and "COL-USA" are the same pair.</summary>
    public static string? ParsePair(string text)
    {
        var parts = text.ToUpperInvariant().Split('-', '_', '~');
        return parts.Length == 2 && parts.All(p => p.Length == 3 && p.All(char.IsAsciiLetterUpper)) && parts[0] != parts[1]
            ? PairKey(parts[0], parts[1]) : null;
    }

    public static IResult InvalidPair(string pair) =>
        Results.Problem(statusCode: 400, title: "Invalid pair", detail: $"'{pair}' is not two ISO 3166-1 alpha-3 codes joined by '-'");

    /// <summary>
    /// The pairs a statement counts for: speaker's country toward each target; for narration (no speaker
    /// country), each pair of the countries it names, undirected. A country speaking of itself is no pair.
    /// </summary>
    public static IEnumerable<(string From, string To)> Directions(string? speakerCountry, string[] targets)
    {
        if (speakerCountry is not null)
        {
            foreach (var t in targets.Distinct())
                if (t != speakerCountry) yield return (speakerCountry, t);
            yield break;
        }
        var distinct = targets.Distinct().ToArray();
        for (var i = 0; i < distinct.Length; i++)
            for (var j = i + 1; j < distinct.Length; j++)
                yield return (distinct[i], distinct[j]);
    }
}

public sealed record IndexValue(double Tension, double Confidence, int Statements, DateTimeOffset LastStatementAt);
