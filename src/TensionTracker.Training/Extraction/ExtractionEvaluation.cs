using System.Globalization;
using System.Text.Json;

namespace TensionTracker.Text.Extraction;

public sealed record ExtractionReport(
    double SpeakerCountryAccuracy, double SpeakerRoleAccuracy, double TargetPrecision, double TargetRecall, double TargetF1,
    double MainPairRecall, int Statements, int Articles, IReadOnlyList<string> Misses);

/// <summary>
/// Scores the extractor against annotated articles: each <c>NAME.json</c> in the data folder names its article (POST
/// format, path relative to the file), its main pairs and its gold statements (see <c>seeds/extraction-eval/README.md</c>).
/// A gold statement matches the extracted statement whose span overlaps it most. Target precision and recall are micro
/// averages over (statement, target) pairs of matched statements; an unmatched gold statement counts as wrong for the
/// speaker and as missed for its targets. Main pairs are looked for among the (speaker country, target) pairs predicted
/// anywhere in the article.
/// </summary>
public static class ExtractionEvaluation
{
    static readonly JsonDocumentOptions JsonOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    public static ExtractionReport Evaluate(string dataDir, StatementExtractor extractor)
    {
        if (!Directory.Exists(dataDir)) throw new DirectoryNotFoundException($"evaluation folder not found: {dataDir}");
        int gold = 0, speakerRight = 0, roleRight = 0, tp = 0, predPairs = 0, goldPairs = 0, pairsGold = 0, pairsFound = 0, articles = 0;
        var misses = new List<string>();
        foreach (var file in Directory.GetFiles(dataDir, "*.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            using var doc = JsonDocument.Parse(File.ReadAllText(file), JsonOptions);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("article", out var artRef)) continue;
            var artPath = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, artRef.GetString()!));
            using var art = JsonDocument.Parse(File.ReadAllText(artPath), JsonOptions);
            var title = Str(art.RootElement, "title") ?? "";
            var body = Str(art.RootElement, "body") ?? "";
            var published = DateTimeOffset.Parse(Str(art.RootElement, "publishedAt") ?? "2025-01-01T00:00:00Z", CultureInfo.InvariantCulture);
            var text = ArticleDocument.Text(title, body);
            var result = extractor.Analyse(title, body, published, includeUncounted: true);
            var predicted = result.Statements;
            articles++;

            foreach (var g in Array(root, "statements"))
            {
                gold++;
                var gText = Str(g, "text") ?? "";
                var gCountry = Str(g, "speakerCountry");
                var gRole = Str(g, "speakerRole");
                var gTargets = Array(g, "targets").Select(x => x.GetString()!).Distinct().ToList();
                goldPairs += gTargets.Count;
                int at = gText.Length == 0 ? -1 : text.IndexOf(gText, StringComparison.Ordinal);
                if (at < 0) { misses.Add($"{name}: gold text not found: {Short(gText)}"); continue; }
                var match = BestOverlap(predicted, at, at + gText.Length);
                if (match is null) { misses.Add($"{name}: no statement extracted: {Short(gText)} (gold {gCountry ?? "null"} -> {string.Join(',', gTargets)})"); continue; }
                if (match.SpeakerCountry == gCountry) speakerRight++;
                else misses.Add($"{name}: speaker country {match.SpeakerCountry ?? "null"} ({match.Speaker ?? "none"}) != {gCountry ?? "null"} ({Str(g, "speaker") ?? "none"}): {Short(gText)}");
                if (match.SpeakerRole == gRole) roleRight++;
                predPairs += match.Targets.Length;
                int hit = match.Targets.Count(gTargets.Contains);
                tp += hit;
                if (hit != gTargets.Count || hit != match.Targets.Length)
                    misses.Add($"{name}: targets [{string.Join(',', match.Targets)}] != [{string.Join(',', gTargets)}]: {Short(gText)}");
            }

            var found = new HashSet<string>(StringComparer.Ordinal);
            foreach (var s in predicted.Where(s => s.Counted && s.SpeakerCountry is not null))
                foreach (var tgt in s.Targets) found.Add(PairKey(s.SpeakerCountry!, tgt));
            foreach (var mp in Array(root, "mainPairs").Select(x => x.GetString()!))
            {
                pairsGold++;
                var parts = mp.ToUpperInvariant().Split('-');
                if (parts.Length == 2 && found.Contains(PairKey(parts[0], parts[1]))) pairsFound++;
                else misses.Add($"{name}: main pair {mp} not found (predicted main pair {result.MainPairKey ?? "none"})");
            }
        }
        double P = predPairs == 0 ? 0 : (double)tp / predPairs;
        double R = goldPairs == 0 ? 0 : (double)tp / goldPairs;
        return new ExtractionReport(
            gold == 0 ? 0 : (double)speakerRight / gold, gold == 0 ? 0 : (double)roleRight / gold, P, R,
            P + R == 0 ? 0 : 2 * P * R / (P + R), pairsGold == 0 ? 0 : (double)pairsFound / pairsGold, gold, articles, misses);
    }

    /// <summary>One <c>name value</c> line per figure, then the misses (one per line, prefixed <c>miss</c>).</summary>
    public static void Print(ExtractionReport r, TextWriter w)
    {
        string F(double d) => d.ToString("0.000", CultureInfo.InvariantCulture);
        w.WriteLine($"speaker_country_accuracy {F(r.SpeakerCountryAccuracy)}");
        w.WriteLine($"target_precision {F(r.TargetPrecision)}");
        w.WriteLine($"target_recall {F(r.TargetRecall)}");
        w.WriteLine($"target_f1 {F(r.TargetF1)}");
        w.WriteLine($"main_pair_recall {F(r.MainPairRecall)}");
        w.WriteLine($"statements {r.Statements}");
        w.WriteLine($"articles {r.Articles}");
        w.WriteLine($"speaker_role_accuracy {F(r.SpeakerRoleAccuracy)}");
        foreach (var m in r.Misses) w.WriteLine($"miss {m}");
    }

    static string PairKey(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? $"{a}-{b}" : $"{b}-{a}";

    static ExtractedStatement? BestOverlap(IReadOnlyList<ExtractedStatement> ss, int s, int e)
    {
        ExtractedStatement? best = null;
        int bestLen = 0;
        foreach (var x in ss)
        {
            int ov = Math.Min(e, x.Start + x.Length) - Math.Max(s, x.Start);
            // prefer the counted statement when a caption or pull quote overlaps as much
            if (ov > bestLen || (ov == bestLen && ov > 0 && x.Counted && best is { Counted: false })) { best = x; bestLen = ov; }
        }
        return best;
    }

    static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    static IEnumerable<JsonElement> Array(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().ToList() : [];

    static string Short(string s) => s.Length <= 90 ? s : s[..87] + "...";
}
