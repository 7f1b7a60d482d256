using TensionTracker.Text.Extraction;

namespace TensionTracker.Text.Scoring;

/// <summary>
/// Where a statement names its target countries: every gazetteer hit (a country's name, its demonym, its capital, one
/// of its places, offices or office-holders) that resolves to one of the targets, as character spans into the
/// statement's text. What a target-aware model reads (<see cref="ScoringInput"/>).
/// </summary>
public static class TargetMentions
{
    public static TargetMention[] Locate(Gazetteer gazetteer, string text, IReadOnlyCollection<string> targets)
    {
        if (targets.Count == 0 || text.Length == 0) return [];
        var found = new List<TargetMention>();
        var tokens = Tokens.Tokenize(text);
        foreach (var m in gazetteer.FindAll(text, tokens, 0, tokens.Count))
            foreach (var e in m.Entries)
                if (e.Country is { } country && targets.Contains(country))
                {
                    found.Add(new TargetMention(country, m.Start, m.End - m.Start));
                    break;
                }
        return found.ToArray();
    }

    /// <summary>
    /// Mentions as stored with a statement: three numbers each, the target's index in <paramref name="targets"/>, the
    /// start and the length (every mention Locate finds names one of the targets).
    /// </summary>
    public static int[] Encode(TargetMention[] mentions, IReadOnlyList<string> targets)
    {
        var encoded = new int[mentions.Length * 3];
        for (var i = 0; i < mentions.Length; i++)
        {
            var target = -1;
            for (var t = 0; t < targets.Count && target < 0; t++) if (targets[t] == mentions[i].Target) target = t;
            if (target < 0) throw new ArgumentException($"mention of {mentions[i].Target}, not one of the statement's targets");
            (encoded[3 * i], encoded[3 * i + 1], encoded[3 * i + 2]) = (target, mentions[i].Start, mentions[i].Length);
        }
        return encoded;
    }

    /// <summary>The mentions <see cref="Encode"/> stored, as Locate found them.</summary>
    public static TargetMention[] Decode(int[] encoded, IReadOnlyList<string> targets)
    {
        if (encoded.Length % 3 != 0) throw new ArgumentException($"stored mentions come in threes, not {encoded.Length} numbers");
        var mentions = new TargetMention[encoded.Length / 3];
        for (var i = 0; i < mentions.Length; i++)
            mentions[i] = new TargetMention(targets[encoded[3 * i]], encoded[3 * i + 1], encoded[3 * i + 2]);
        return mentions;
    }

    /// <summary>Every hit that names a country, in order of the text (the first country an entry names when it names several).</summary>
    public static List<(string Country, int Start, int Length)> Countries(Gazetteer gazetteer, string text)
    {
        var tokens = Tokens.Tokenize(text);
        var found = new List<(string, int, int)>();
        foreach (var m in gazetteer.FindAll(text, tokens, 0, tokens.Count))
        {
            var countries = m.Entries.Select(e => e.Country).OfType<string>().Distinct().ToList();
            if (countries.Count == 1) found.Add((countries[0], m.Start, m.End - m.Start));
        }
        return found;
    }
}
