using System.Globalization;
using System.Text.Json;

namespace TensionTracker.Text.Extraction;

/// <summary>One event-coded item: a sentence or short paragraph, the date it was published, and who did what to whom.</summary>
public sealed record EventItem(string Id, DateOnly Date, string Text, string Source, string Target, string Act);

public sealed record EventActRecall(string Act, int Items, double PairRecall, double DirectedAccuracy);

public sealed record EventItemsReport(int Items, double PairRecall, double DirectedAccuracy, IReadOnlyList<EventActRecall> Acts, IReadOnlyList<string> Misses);

/// <summary>
/// Scores the extractor on event-coded items (JSON lines: <c>id, date, text, source, target, act</c>, plus <c>goldstein,
/// stance, actor</c> for the reader; source and target ISO alpha-3). Each item is published as an article of one paragraph
/// dated <c>date</c>. <c>pair_recall</c>: some counted statement links source and target in either direction (speaker
/// country and a target); <c>directed_accuracy</c>: some counted statement has the source as speaker country and the
/// target among its targets.
/// </summary>
public static class EventItemsEvaluation
{
    /// <summary>The items of a JSON-lines file, or of <c>items.jsonl</c> in a folder; a malformed line is an error naming file and line.</summary>
    public static List<EventItem> Load(string path)
    {
        var file = Directory.Exists(path) ? Path.Combine(path, "items.jsonl") : path;
        if (!File.Exists(file)) throw new FileNotFoundException($"event items not found: {file}");
        var items = new List<EventItem>();
        int lineNo = 0;
        foreach (var line in File.ReadLines(file))
        {
            lineNo++;
            if (line.Trim().Length == 0) continue;
            try
            {
                using var doc = JsonDocument.Parse(line);
                var r = doc.RootElement;
                if (r.ValueKind != JsonValueKind.Object) throw new FormatException("not a JSON object");
                string Need(string name) => r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString()!.Trim().Length > 0
                    ? v.GetString()!.Trim() : throw new FormatException($"\"{name}\" is missing or not a non-empty string");
                string Code(string name) => Need(name) is { Length: 3 } c && c.All(char.IsAsciiLetter) ? c.ToUpperInvariant()
                    : throw new FormatException($"\"{name}\" must be an ISO alpha-3 code");
                var date = DateOnly.TryParseExact(Need("date")[..Math.Min(10, Need("date").Length)], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                    ? d : throw new FormatException("\"date\" must be an ISO date (yyyy-MM-dd)");
                items.Add(new EventItem(Need("id"), date, Need("text"), Code("source"), Code("target"), Need("act").ToLowerInvariant()));
            }
            catch (Exception e) when (e is JsonException or FormatException)
            {
                throw new FormatException($"{file}:{lineNo}: {e.Message}", e);
            }
        }
        return items;
    }

    public static EventItemsReport Evaluate(IReadOnlyList<EventItem> items, StatementExtractor extractor)
    {
        var misses = new List<string>();
        var byAct = new SortedDictionary<string, (int N, int Pair, int Directed)>(StringComparer.Ordinal);
        int pairs = 0, directed = 0;
        foreach (var item in items)
        {
            var published = new DateTimeOffset(item.Date.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
            var statements = extractor.Extract("", item.Text, published).Where(s => s.Counted && s.SpeakerCountry is not null).ToList();
            bool isDirected = statements.Any(s => s.SpeakerCountry == item.Source && s.Targets.Contains(item.Target));
            bool isPair = isDirected || statements.Any(s => s.SpeakerCountry == item.Target && s.Targets.Contains(item.Source));
            if (isPair) pairs++;
            if (isDirected) directed++;
            var a = byAct.GetValueOrDefault(item.Act);
            byAct[item.Act] = (a.N + 1, a.Pair + (isPair ? 1 : 0), a.Directed + (isDirected ? 1 : 0));
            if (!isDirected)
            {
                var found = statements.Count == 0 ? "no statement"
                    : string.Join("; ", statements.Select(s => $"{s.SpeakerCountry} ({s.Speaker}) -> {string.Join(',', s.Targets)}"));
                misses.Add($"{item.Id} [{item.Act}] {item.Source}->{item.Target}{(isPair ? " reversed" : "")}: {found}: {Short(item.Text)}");
            }
        }
        double Ratio(int x, int n) => n == 0 ? 0 : (double)x / n;
        return new EventItemsReport(items.Count, Ratio(pairs, items.Count), Ratio(directed, items.Count),
            [.. byAct.Select(kv => new EventActRecall(kv.Key, kv.Value.N, Ratio(kv.Value.Pair, kv.Value.N), Ratio(kv.Value.Directed, kv.Value.N)))], misses);
    }

    /// <summary>One <c>name value</c> line per figure, one <c>act</c> line per act, then the misses (prefixed <c>miss</c>).</summary>
    public static void Print(EventItemsReport r, TextWriter w)
    {
        string F(double d) => d.ToString("0.000", CultureInfo.InvariantCulture);
        w.WriteLine($"pair_recall {F(r.PairRecall)}");
        w.WriteLine($"directed_accuracy {F(r.DirectedAccuracy)}");
        w.WriteLine($"n {r.Items}");
        foreach (var a in r.Acts) w.WriteLine($"act {a.Act} n {a.Items} pair_recall {F(a.PairRecall)} directed_accuracy {F(a.DirectedAccuracy)}");
        foreach (var m in r.Misses) w.WriteLine($"miss {m}");
    }

    static string Short(string s) => s.Length <= 90 ? s : s[..87] + "...";
}
