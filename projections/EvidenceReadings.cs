using TensionTracker.Articles;
using TensionTracker.Dyads;

namespace TensionTracker;

/// <summary>One statement as it bears on one pair (an entry of its extraction): what a model's reading is combined with.</summary>
public sealed record EvidenceEntry(
    Guid ArticleId, int Revision, string ExtractorVersion, int Statement, int Entry, string Pair, string From, string To,
    string? SpeakerCountry, double Weight, DateTimeOffset PublishedAt);

/// <summary>One model's reading of one extraction, per entry, and what it adds to each pair's totals (grown, see DyadTotals).</summary>
public sealed record EvidenceReading(
    Guid ArticleId, string Model, int Revision, string ExtractorVersion, DateTimeOffset PublishedAt, DateTimeOffset RecordedAt,
    float[] Tones, float[] Stances, float[] Conflict, float[] Neutral, float[] Cooperation,
    string[] Pairs, double[] Signal, double[] Polar, double[] NeutralMass, int[] Counts);

/// <summary>The pure half of EvidenceProjection: events in, rows out, no database.</summary>
public static class EvidenceReadings
{
    /// <summary>The entries of an extraction, in order: each statement toward each pair it bears on (TensionIndex.Directions).</summary>
    public static List<(EvidenceEntry Entry, StatementRecord Statement)> Entries(StatementsExtracted e)
    {
        var entries = new List<(EvidenceEntry, StatementRecord)>();
        for (var i = 0; i < e.Statements.Length; i++)
        {
            var s = e.Statements[i];
            foreach (var (from, to) in TensionIndex.Directions(s.SpeakerCountry, s.Targets))
                entries.Add((new EvidenceEntry(e.ArticleId, e.Revision, e.ExtractorVersion, i, entries.Count, TensionIndex.PairKey(from, to),
                    from, to, s.SpeakerCountry, TensionIndex.Weight(s.SpeakerRole, s.SpeakerCountry, s.Direct, s.Section, s.Speaker), e.PublishedAt), s));
        }
        return entries;
    }

    /// <summary>
    /// A model's scores read against the extraction's entries (in entry order): the class probabilities toward each pair's
    /// other country, and each pair's summed contribution, grown by the publication time. An entry whose statement has no
    /// score (a shorter score list) reads neutral and counts for nothing.
    /// </summary>
    public static EvidenceReading Read(StatementsScored scored, IReadOnlyList<EvidenceEntry> entries)
    {
        var n = entries.Count;
        float[] tones = new float[n], stances = new float[n], conflict = new float[n], neutral = new float[n], cooperation = new float[n];
        var perPair = new SortedDictionary<string, (double Signal, double Polar, double Neutral, int Count)>(StringComparer.Ordinal);
        var published = n > 0 ? entries[0].PublishedAt : default;
        var growth = DyadTotals.Growth(published);
        for (var i = 0; i < n; i++)
        {
            var entry = entries[i];
            if (entry.Statement >= scored.Scores.Length)
            {
                neutral[i] = 1;
                continue;
            }
            var score = scored.Scores[entry.Statement];
            var (p, stance) = TensionIndex.Toward(score, entry.SpeakerCountry, entry.From, entry.To);
            (tones[i], stances[i], conflict[i], neutral[i], cooperation[i]) = (score.Tone, stance, p.Conflict, p.Neutral, p.Cooperation);
            if (entry.Weight <= 0) continue;
            var c = TensionIndex.Contribute(entry.Weight, p, stance);
            var sum = perPair.GetValueOrDefault(entry.Pair);
            perPair[entry.Pair] = (sum.Signal + c.Signal * growth, sum.Polar + c.Polar * growth, sum.Neutral + c.Neutral * growth, sum.Count + 1);
        }
        return new EvidenceReading(scored.ArticleId, scored.Model, scored.Revision, scored.ExtractorVersion, published, scored.RecordedAt,
            tones, stances, conflict, neutral, cooperation,
            perPair.Keys.ToArray(), perPair.Values.Select(v => v.Signal).ToArray(), perPair.Values.Select(v => v.Polar).ToArray(),
            perPair.Values.Select(v => v.Neutral).ToArray(), perPair.Values.Select(v => v.Count).ToArray());
    }

    /// <summary>When an article's evidence and fingerprint stop counting (a revision's own StatementsExtracted follows it).</summary>
    public static (Guid Article, DateTimeOffset At)? Closing(object e) => e switch
    {
        ArticleRevised r => (r.ArticleId, r.RecordedAt),
        ArticleLinkedAsCopy c => (c.ArticleId, c.RecordedAt),  // a copy's statements count under the original
        ArticleRetracted r => (r.ArticleId, r.RecordedAt),
        _ => null,
    };
}
