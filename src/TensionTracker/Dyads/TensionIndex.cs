using TensionTracker.Text.Extraction;
using TensionTracker.Text.Scoring;

namespace TensionTracker.Dyads;

/// <summary>
/// The tension index, in one place (README.md and docs/tension-index.md say the same in words).
///
/// The scale: 0 two countries in close alliance (leaders praising each other, treaties signed); 25 warm, working
/// relations; 50 nothing either way: no evidence, or as much warmth as hostility; 75 open hostility (threats,
/// sanctions, expulsions); 100 a crisis at the top (leaders threatening force, troops mobilised, envoys expelled).
///
/// Each statement, toward the pair's other country, gives the model's class probabilities (conflict, neutral,
/// cooperation) and its stance (-1 hostile .. 1 cooperative). Its lean  l = p_conflict - p_cooperation  says which way it
/// points (the probabilities read better than the regressed stance for that); its severity  |stance|  how hard (a threat
/// of force near 1, a regret near 0.4); its weight  w = salience(speaker's role) x directness x section  who said it and how
/// plainly (a head of state's threat weighs more than a deputy's complaint). It contributes  signal = w |stance| l,
/// polar = |signal|  and  neutral = w (1 - |l|),  each decayed by recency (half-life 30 days). Over a pair:
///   index = 50 + 50 S / (P + 1)   (the 1: a statement's worth of "nothing either way", so thin evidence stays near 50);
///   confidence = (1 - e^(-P / 3)) x sqrt(P / (P + N))   (polar evidence raises it; neutral statements lower it, never moving the index);
///   uncertainty = 25 (1 - confidence) index points either way;  lower bound = index - uncertainty.
/// </summary>
public static class TensionIndex
{
    public static readonly TimeSpan HalfLife = TimeSpan.FromDays(30);
    /// <summary>How much "nothing either way" every pair starts with, in heads of state's direct statements.</summary>
    public const double Prior = 1.0;
    public const double ConfidenceScale = 3.0;
    /// <summary>Below this confidence a pair never enters the default ranking's lead (see <see cref="Rank"/>).</summary>
    public const double MinimumConfidence = 0.15;

    public static double Salience(string role) => role switch
    {
        SpeakerRoles.HeadOfState => 1.0,
        SpeakerRoles.Minister => 0.8,
        SpeakerRoles.Military => 0.6,
        SpeakerRoles.Official => 0.6,
        SpeakerRoles.Unattributed => 0.5,   // the outlet's own narration of what one state did to another: acts, not words
        SpeakerRoles.Legislator => 0.4,
        _ => 0.0,                            // analysts, think tanks, NGOs, international bodies: listed, never counted for a pair
    };

    /// <summary>
    /// Who said it, how directly, where in the article: the statement's weight before its severity and recency. A deputy,
    /// vice or junior office-holder speaks with less of the office's weight than its holder (<see cref="SecondRankShare"/>).
    /// </summary>
    public static double Weight(string role, string? speakerCountry, bool direct, string section, string? speaker = null)
    {
        if (speakerCountry is null && role != SpeakerRoles.Unattributed) return 0;
        var sectionFactor = section switch { Sections.Caption => 0.0, Sections.Headline => 0.5, _ => 1.0 };
        var rank = speaker is not null && IsSecondRank(speaker) ? SecondRankShare : 1.0;
        return Salience(role) * rank * (direct ? 1.0 : 0.5) * sectionFactor;
    }

    /// <summary>The share of an office's weight its deputies, vices and juniors carry.</summary>
    public const double SecondRankShare = 0.6;

    static readonly string[] SecondRankWords = ["deputy", "vice", "junior", "assistant", "under-secretary", "undersecretary", "state secretary"];

    static bool IsSecondRank(string speaker)
    {
        foreach (var word in SecondRankWords)
        {
            var at = speaker.IndexOf(word, StringComparison.OrdinalIgnoreCase);
            // a word of its own ("deputy foreign minister", "vice-president"), not inside a name
            if (at >= 0 && (at == 0 || !char.IsLetter(speaker[at - 1])) && (at + word.Length == speaker.Length || !char.IsLetter(speaker[at + word.Length])))
                return true;
        }
        return false;
    }

    /// <summary>
    /// One statement's part in its pair's index, computed here and nowhere else (the projection stores it for the totals,
    /// reads of other moments call it again on the same stored inputs).
    /// </summary>
    public static Contribution Contribute(double weight, StanceProbabilities p, float stance)
    {
        if (weight <= 0) return default;
        var lean = Math.Clamp((double)p.Conflict - p.Cooperation, -1, 1);
        var signal = weight * Math.Min(1.0, Math.Abs(stance)) * lean;
        return new Contribution(signal, Math.Abs(signal), weight * (1 - Math.Abs(lean)));
    }

    /// <summary>The reading toward the pair's other country: the target for a speaker, both named countries for narration.</summary>
    public static (StanceProbabilities Probabilities, float Stance) Toward(StatementScore score, string? speakerCountry, string from, string to)
    {
        if (speakerCountry is not null) return (score.ProbabilitiesToward(to), score.StanceToward(to));
        StanceProbabilities a = score.ProbabilitiesToward(from), b = score.ProbabilitiesToward(to);
        return (new((a.Conflict + b.Conflict) / 2, (a.Neutral + b.Neutral) / 2, (a.Cooperation + b.Cooperation) / 2),
            (score.StanceToward(from) + score.StanceToward(to)) / 2);
    }

    public static double Decay(DateTimeOffset publishedAt, DateTimeOffset at) =>
        publishedAt >= at ? 1.0 : Math.Pow(0.5, (at - publishedAt) / HalfLife);

    /// <summary>The index from decayed sums; null without any counted statement.</summary>
    public static IndexValue? FromSums(double signal, double polar, double neutral, int statements, DateTimeOffset? last)
    {
        if (statements <= 0 || last is null) return null;
        polar = Math.Max(0, polar);
        neutral = Math.Max(0, neutral);
        var tension = 50 + 50 * Math.Clamp(signal / (polar + Prior), -1, 1);
        var confidence = polar + neutral <= 0 ? 0 : (1 - Math.Exp(-polar / ConfidenceScale)) * Math.Sqrt(polar / (polar + neutral));
        return new IndexValue(Math.Round(tension, 2), Math.Round(confidence, 3), statements, last.Value);
    }

    public static IndexValue? Compute(IEnumerable<Evidence> evidence, DateTimeOffset at)
    {
        double signal = 0, polar = 0, neutral = 0;
        var count = 0;
        DateTimeOffset? last = null;
        foreach (var e in evidence)
        {
            if (e.PublishedAt > at || e.Weight <= 0) continue;
            var c = e.Contribution;
            var d = Decay(e.PublishedAt, at);
            signal += c.Signal * d;
            polar += c.Polar * d;
            neutral += c.Neutral * d;
            count++;
            if (last is null || e.PublishedAt > last) last = e.PublishedAt;
        }
        return FromSums(signal, polar, neutral, count, last);
    }

    /// <summary>The orders a ranking offers; the first is the default.</summary>
    public static readonly string[] Orders = ["evidence", "tension", "confidence", "statements", "latest"];

    /// <summary>
    /// "evidence" (the default): pairs with at least <see cref="MinimumConfidence"/> first, each group by its lower bound
    /// (index minus uncertainty), so one passing statement never leads; "tension": the index alone; "confidence";
    /// "statements"; "latest": the most recent statement first. Ties: the higher index, then the pair's name.
    /// </summary>
    public static IEnumerable<DyadSummary> Rank(IEnumerable<DyadSummary> pairs, string order) => (order switch
        {
            "tension" => pairs.OrderByDescending(p => p.Tension ?? double.MinValue),
            "confidence" => pairs.OrderByDescending(p => p.Confidence),
            "statements" => pairs.OrderByDescending(p => p.Statements),
            "latest" => pairs.OrderByDescending(p => p.LastStatementAt ?? DateTimeOffset.MinValue),
            _ => pairs.OrderByDescending(p => p.Confidence >= MinimumConfidence).ThenByDescending(p => p.LowerBound ?? double.MinValue),
        })
        .ThenByDescending(p => p.Tension ?? double.MinValue).ThenBy(p => p.Pair, StringComparer.Ordinal);

    public static string? ParseOrder(string? order) =>
        order is null ? Orders[0] : Orders.FirstOrDefault(o => string.Equals(o, order, StringComparison.OrdinalIgnoreCase));

    public static IResult InvalidOrder(string order) =>
        Results.Problem(statusCode: 400, title: "Invalid order", detail: $"'{order}' is not one of: {string.Join(", ", Orders)}");

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

public sealed record IndexValue(double Tension, double Confidence, int Statements, DateTimeOffset LastStatementAt)
{
    /// <summary>Index points either way that the evidence leaves open: 25 with none, shrinking as confidence grows.</summary>
    public double Uncertainty => Math.Round(25 * (1 - Confidence), 1);

    public double LowerBound => Math.Round(Math.Max(0, Tension - Uncertainty), 2);
}

/// <summary>One statement's part in a pair's index (see <see cref="TensionIndex"/>), before recency.</summary>
public readonly record struct Contribution(double Signal, double Polar, double Neutral);
