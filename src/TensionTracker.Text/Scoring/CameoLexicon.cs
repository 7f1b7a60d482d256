using System.Globalization;

namespace TensionTracker.Text.Scoring;

/// <summary>
/// Conflict/cooperation reading of a sentence from the PETRARCH2 CAMEO verb dictionary
/// (<c>cameo2_verbs_goldstein.tsv</c>, <c>cameo2_verb_patterns_goldstein.tsv</c>, synonym sets from
/// <c>CAMEO.2.0.txt</c>; MIT) with Goldstein weights (-10 most conflictual .. +10 most cooperative).
/// A verb is found by its stem (listed irregular forms included); the most specific of its block's
/// phrase patterns whose words occur near it (up to 4 tokens before, 8 after, stems compared)
/// gives the CAMEO code, else the verb's own code. A negation up to 3 tokens before the verb
/// ("will not attack") moves the event into the negated features.
/// </summary>
public sealed class CameoLexicon
{
    public const int FeatureCount = 32;

    public static readonly string[] FeatureNames = BuildNames();

    private const int Before = 4, After = 8;

    private sealed record Verb(string[] Rest, int Block, string Code, float Goldstein);

    // A pattern: slots before and after the verb; each slot has alternatives, each a word sequence (stem ids).
    private sealed record Pattern(int[][][] Pre, int[][][] Post, int Specificity, string Code, float Goldstein);

    // Both keyed by stem hash (TextTokens.StemHashes): no string hashing per token.
    private readonly Dictionary<ulong, List<Verb>> _verbsByFirstStem;
    private readonly Dictionary<ulong, int> _stemIds;
    private readonly List<Pattern>[] _patternsByBlock;
    // Per block: word id -> indices (in specificity order) of the patterns whose first slot can start with it;
    // and the first pattern without words (the block's catch-all), or -1.
    private readonly Dictionary<int, int[]>[] _anchors;
    private readonly int[] _catchAll;
    private readonly Dictionary<string, float> _goldsteinByCode;

    private CameoLexicon(Dictionary<string, List<Verb>> verbs, Dictionary<string, int> stemIds,
        List<Pattern>[] patterns, Dictionary<string, float> goldstein)
    {
        _verbsByFirstStem = verbs.ToDictionary(kv => TextTokens.Hash64(kv.Key), kv => kv.Value);
        _stemIds = stemIds.ToDictionary(kv => TextTokens.Hash64(kv.Key), kv => kv.Value);
        _patternsByBlock = patterns;
        _goldsteinByCode = goldstein;
        _anchors = new Dictionary<int, int[]>[patterns.Length];
        _catchAll = new int[patterns.Length];
        for (var b = 0; b < patterns.Length; b++)
        {
            var index = new Dictionary<int, List<int>>();
            _catchAll[b] = -1;
            for (var k = 0; k < patterns[b].Count; k++)
            {
                var pat = patterns[b][k];
                var first = pat.Pre.Length > 0 ? pat.Pre[0] : pat.Post.Length > 0 ? pat.Post[0] : null;
                if (first is null)
                {
                    if (_catchAll[b] < 0) _catchAll[b] = k;
                    continue;
                }
                foreach (var alt in first)
                {
                    if (!index.TryGetValue(alt[0], out var list)) index[alt[0]] = list = [];
                    if (list.Count == 0 || list[^1] != k) list.Add(k);
                }
            }
            _anchors[b] = index.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
        }
    }

    public int VerbCount => _verbsByFirstStem.Values.Sum(v => v.Count);
    public int PatternCount => _patternsByBlock.Sum(p => p.Count);

    public static CameoLexicon Load(string lexiconDir)
    {
        var goldstein = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(lexiconDir, "cameo_codes_goldstein.tsv")).Skip(1))
        {
            var p = line.Split('\t');
            if (p.Length > 2 && TryFloat(p[2], out var g)) goldstein[p[0]] = g;
        }

        var synsets = LoadSynsets(Path.Combine(lexiconDir, "CAMEO.2.0.txt"));
        var blocks = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        int BlockId(string b)
        {
            if (!blocks.TryGetValue(b, out var id)) blocks[b] = id = blocks.Count;
            return id;
        }

        var verbs = new Dictionary<string, List<Verb>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(lexiconDir, "cameo2_verbs_goldstein.tsv")).Skip(1))
        {
            var p = line.Split('\t');
            if (p.Length < 4) continue;
            var entry = p[0];
            var block = BlockId(p[1].Trim());
            var code = p[2].Trim();
            var g = TryFloat(p[3], out var gv) ? gv : float.NaN;
            var bracket = Between(entry, '[', ']');
            if (bracket is { Length: > 0 })
            {
                var c = bracket.Split(':')[0].Trim();
                if (c != "---" && goldstein.TryGetValue(c, out var bg)) { code = c; g = bg; }
            }
            var forms = new List<string> { Head(entry) };
            var braces = Between(entry, '{', '}');
            if (braces is not null)
                forms.AddRange(braces.Split('+', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .SelectMany(f => f.Contains(' ') && !Head(entry).Contains(' ') ? f.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [f]));
            foreach (var form in forms.Distinct())
            {
                var words = form.Trim().TrimStart('+').Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Select(w => TextTokens.Stem(w.ToLowerInvariant())).ToArray();
                if (words.Length == 0) continue;
                if (!verbs.TryGetValue(words[0], out var list)) verbs[words[0]] = list = [];
                list.Add(new Verb(words[1..], block, code, g));
            }
        }

        var stemIds = new Dictionary<string, int>(StringComparer.Ordinal);
        int StemId(string w)
        {
            var s = TextTokens.Stem(w.ToLowerInvariant());
            if (!stemIds.TryGetValue(s, out var id)) stemIds[s] = id = stemIds.Count;
            return id;
        }

        var patterns = new List<(int Block, Pattern P)>();
        foreach (var line in File.ReadLines(Path.Combine(lexiconDir, "cameo2_verb_patterns_goldstein.tsv")).Skip(1))
        {
            var p = line.Split('\t');
            if (p.Length < 4) continue;
            var block = BlockId(p[0].Trim());
            var code = p[2].Trim().Split(':')[0];
            var g = TryFloat(p[3], out var gv) ? gv : float.NaN;
            var text = p[1].Replace("(", " ").Replace(")", " ").Replace("{", " ").Replace("}", " ");
            var pre = new List<int[][]>();
            var post = new List<int[][]>();
            var seenVerb = false;
            var specificity = 0;
            foreach (var tok in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (tok == "*") { seenVerb = true; continue; }
                if (tok[0] is '$' or '+' or '^' or '%' || tok.Length < 2) continue;
                string[] alternatives = tok[0] == '&'
                    ? synsets.TryGetValue(tok[1..].ToUpperInvariant(), out var members) ? members : []
                    : [tok];
                var slot = alternatives
                    .Select(a => a.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(StemId).ToArray())
                    .Where(a => a.Length > 0).ToArray();
                if (slot.Length == 0) continue;
                (seenVerb ? post : pre).Add(slot);
                specificity++;
            }
            patterns.Add((block, new Pattern(pre.ToArray(), post.ToArray(), specificity, code, g)));
        }

        var byBlock = new List<Pattern>[blocks.Count];
        for (var i = 0; i < byBlock.Length; i++) byBlock[i] = [];
        foreach (var (block, pat) in patterns) byBlock[block].Add(pat);
        foreach (var list in byBlock) list.Sort((a, b) => b.Specificity.CompareTo(a.Specificity));
        return new CameoLexicon(verbs, stemIds, byBlock, goldstein);
    }

    /// <summary>One matched event: the verb's token index, its CAMEO code and Goldstein weight.</summary>
    public readonly record struct CameoEvent(int TokenIndex, string Code, float Goldstein, bool Negated);

    public List<CameoEvent> Events(TextTokens tokens)
    {
        var words = tokens.Lower;
        var n = words.Length;
        var events = new List<CameoEvent>();
        if (n == 0) return events;
        var stems = tokens.Stems;
        var stemHashes = tokens.StemHashes;
        int[]? ids = null;
        for (var i = 0; i < n; i++)
        {
            if (!_verbsByFirstStem.TryGetValue(stemHashes[i], out var verbs)) continue;
            Verb? verb = null;
            foreach (var c in verbs)
            {
                if (c.Rest.Length == 0) { verb ??= c; continue; }
                if (i + c.Rest.Length >= n) continue;
                var ok = true;
                for (var k = 0; k < c.Rest.Length && ok; k++) ok = stems[i + 1 + k] == c.Rest[k];
                if (ok) { verb = c; break; }
            }
            if (verb is null) continue;
            var code = verb.Code;
            var g = verb.Goldstein;
            if (ids is null)
            {
                ids = new int[n];
                for (var k = 0; k < n; k++) ids[k] = _stemIds.TryGetValue(stemHashes[k], out var id) ? id : -1;
            }
            // Candidate patterns: those anchored on a word in the window; the most specific (lowest index) that
            // matches wins, else the block's catch-all. Each anchor's list is in index order, so a list is only
            // read up to the best match found so far (no merge, sort or allocation).
            var anchors = _anchors[verb.Block];
            int from = Math.Max(0, i - Before), to = Math.Min(n, i + 1 + After);
            var block = _patternsByBlock[verb.Block];
            var catchAll = _catchAll[verb.Block];
            var best = catchAll >= 0 ? catchAll : int.MaxValue;
            for (var k = from; k < to; k++)
            {
                if (k == i || ids[k] < 0 || !anchors.TryGetValue(ids[k], out var pats)) continue;
                foreach (var idx in pats)
                {
                    if (idx >= best) break;
                    var pat = block[idx];
                    if (!SlotsMatch(pat.Pre, ids, from, i) || !SlotsMatch(pat.Post, ids, i + 1, to)) continue;
                    best = idx;
                    break;
                }
            }
            if (best != int.MaxValue)
            {
                code = block[best].Code;
                g = block[best].Goldstein;
            }
            if (code == "---" || float.IsNaN(g)) continue;
            var negated = false;
            for (var k = Math.Max(0, i - 3); k < i; k++) negated |= VaderLexicon.IsNegation(words[k]);
            events.Add(new CameoEvent(i, code, g, negated));
        }
        return events;
    }

    public void Write(TextTokens tokens, Span<float> dest)
    {
        dest[..FeatureCount].Clear();
        var events = Events(tokens);
        float sum = 0, negSum = 0, min = 0, max = 0;
        var count = 0;
        foreach (var e in events)
        {
            if (e.Negated) { negSum += e.Goldstein; continue; }
            count++;
            sum += e.Goldstein;
            min = Math.Min(min, e.Goldstein);
            max = Math.Max(max, e.Goldstein);
            if (e.Goldstein <= -4) dest[5] += 1;
            if (e.Goldstein >= 3) dest[6] += 1;
            if (e.Code.Length >= 2 && int.TryParse(e.Code.AsSpan(0, 2), out var root) && root is >= 1 and <= 20)
            {
                dest[root switch { <= 5 => 8, <= 9 => 9, <= 14 => 10, _ => 11 }] += 1;
                dest[11 + root] += 1;
            }
        }
        dest[0] = count;
        dest[1] = sum / 10f;
        dest[2] = min / 10f;
        dest[3] = max / 10f;
        dest[4] = count > 0 ? sum / count / 10f : 0f;
        dest[7] = negSum / 10f;
    }

    private static bool SlotsMatch(int[][][] slots, int[] ids, int from, int to)
    {
        foreach (var slot in slots)
        {
            var any = false;
            foreach (var alt in slot)
            {
                var all = true;
                foreach (var id in alt)
                {
                    var found = false;
                    for (var k = from; k < to && !found; k++) found = ids[k] == id;
                    if (!found) { all = false; break; }
                }
                if (all) { any = true; break; }
            }
            if (!any) return false;
        }
        return true;
    }

    private static Dictionary<string, string[]> LoadSynsets(string path)
    {
        var sets = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string? current = null;
        var members = new List<string>();
        foreach (var rawLine in File.ReadLines(path))
        {
            var line = rawLine.Split('#')[0].Trim();
            if (line.StartsWith("####### VERB PATTERNS", StringComparison.Ordinal) || rawLine.Contains("VERB PATTERNS")) break;
            if (line.StartsWith('&'))
            {
                if (current is not null) sets[current] = members.ToArray();
                current = line[1..].Trim().TrimEnd('_');
                members = [];
            }
            else if (line.StartsWith('+') && current is not null)
            {
                members.Add(line[1..].Trim().TrimEnd('_'));
            }
        }
        if (current is not null) sets[current] = members.ToArray();
        return sets;
    }

    private static string Head(string entry)
    {
        var cut = entry.IndexOfAny(['{', '[']);
        return (cut >= 0 ? entry[..cut] : entry).Trim().TrimStart('+');
    }

    private static string? Between(string s, char open, char close)
    {
        var a = s.IndexOf(open);
        var b = a >= 0 ? s.IndexOf(close, a + 1) : -1;
        return a >= 0 && b > a ? s[(a + 1)..b] : null;
    }

    private static bool TryFloat(string s, out float v) =>
        float.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out v);

    private static string[] BuildNames()
    {
        var names = new List<string>
        {
            "cameo_events", "cameo_goldstein_sum", "cameo_goldstein_min", "cameo_goldstein_max", "cameo_goldstein_mean",
            "cameo_hostile_events", "cameo_cooperative_events", "cameo_negated_goldstein_sum",
            "cameo_quad_verbal_coop", "cameo_quad_material_coop", "cameo_quad_verbal_conflict", "cameo_quad_material_conflict",
        };
        for (var r = 1; r <= 20; r++) names.Add($"cameo_root_{r:00}");
        return names.ToArray();
    }
}
