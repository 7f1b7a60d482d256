using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TensionTracker.Text.Scoring;

/// <summary>Which head a labelled row teaches.</summary>
public enum LabelKind
{
    Tone,
    Stance,
}

/// <summary>
/// One labelled sentence, label on -1..1. <see cref="Group"/> is what a split keeps together: the
/// article for the NYT editorial snippets (the number before <c>_</c> in the id), the
/// <c>source</c> column for diplomatic statements, the row itself elsewhere.
/// </summary>
public sealed record LabelledSentence(string File, string Id, string Group, string Text, float Label, LabelKind Kind)
{
    /// <summary>Content hash of the normalised text: what a model card records of the rows it trained on.</summary>
    public string Hash => LabelledSentences.TextHash(Text);
    /// <summary>The raters' standard deviation (-4..4 scale) when the file has an <c>sd</c> column, else 0.</summary>
    public float Sd { get; init; }
    /// <summary>The diplomatic statement's category (threat, agreement ...) when the file has a <c>category</c> column.</summary>
    public string Category { get; init; } = "";
}

/// <summary>
/// Reads the two data formats, telling them apart by their header: rated sentences
/// (<c>id mean_rating sd n_raters text</c>, ratings -4..4, divided by 4) and diplomatic statements
/// (<c>id source category stance text</c>, stance already -1..1).
/// </summary>
public static class LabelledSentences
{
    public static LabelKind DetectKind(string path)
    {
        var header = File.ReadLines(path).FirstOrDefault() ?? "";
        var cols = header.Split('\t').Select(c => c.Trim().ToLowerInvariant()).ToArray();
        if (cols.Contains("mean_rating")) return LabelKind.Tone;
        if (cols.Contains("stance")) return LabelKind.Stance;
        throw new InvalidDataException($"{path}: header must name mean_rating (rated sentences) or stance (diplomatic statements), got '{header}'");
    }

    public static List<LabelledSentence> Load(string path)
    {
        var kind = DetectKind(path);
        var name = Path.GetFileName(path);
        var rows = new List<LabelledSentence>();
        using var reader = new StreamReader(path, Encoding.UTF8);
        var header = (reader.ReadLine() ?? "").Split('\t').Select(c => c.Trim().ToLowerInvariant()).ToList();
        int Col(string c) => header.IndexOf(c) is var i && i >= 0 ? i : throw new InvalidDataException($"{path}: no column {c}");
        var idCol = Col("id");
        var textCol = Col("text");
        var labelCol = kind == LabelKind.Tone ? Col("mean_rating") : Col("stance");
        var sourceCol = kind == LabelKind.Stance ? Col("source") : -1;
        var sdCol = header.IndexOf("sd");
        var categoryCol = header.IndexOf("category");
        var splitByArticle = kind == LabelKind.Tone && name.StartsWith("nyt", StringComparison.OrdinalIgnoreCase);
        string? line;
        var lineNo = 1;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var p = line.Split('\t');
            if (p.Length <= Math.Max(textCol, labelCol))
                throw new InvalidDataException($"{path}:{lineNo}: expected {header.Count} tab-separated columns");
            if (!float.TryParse(p[labelCol], NumberStyles.Float, CultureInfo.InvariantCulture, out var label))
                throw new InvalidDataException($"{path}:{lineNo}: label '{p[labelCol]}' is not a number");
            if (kind == LabelKind.Tone) label /= 4f;
            var id = p[idCol].Trim();
            var group = kind == LabelKind.Stance ? p[sourceCol].Trim()
                : splitByArticle && id.Contains('_') ? id[..id.IndexOf('_')]
                : id;
            var sd = sdCol >= 0 && sdCol < p.Length && float.TryParse(p[sdCol], NumberStyles.Float, CultureInfo.InvariantCulture, out var sv) ? sv : 0f;
            rows.Add(new LabelledSentence(name, id, $"{name}:{group}", p[textCol].Trim(), Math.Clamp(label, -1f, 1f), kind)
            {
                Sd = sd,
                Category = categoryCol >= 0 && categoryCol < p.Length ? p[categoryCol].Trim() : "",
            });
        }
        return rows;
    }

    /// <summary>
    /// Deterministic split by group: groups ordered by a hash of their name, and every group whose
    /// position modulo 10 is below <paramref name="heldOutTenths"/> is held out. Independent of the seed,
    /// so every model is judged on the same rows.
    /// </summary>
    public static bool IsHeldOut(string group, IReadOnlyDictionary<string, int> rank, int heldOutTenths, int offset = 0) =>
        rank.TryGetValue(group, out var r) && (r + offset) % 10 < heldOutTenths;

    /// <summary>Position of each group within its own file (groups are named <c>file:group</c>), so one file's split does not depend on the others given.</summary>
    public static Dictionary<string, int> RankGroups(IEnumerable<string> groups) =>
        groups.Distinct()
            .GroupBy(g => g[..Math.Max(0, g.IndexOf(':'))])
            .SelectMany(file => file.OrderBy(g => TextHash(g), StringComparer.Ordinal).ThenBy(g => g, StringComparer.Ordinal)
                .Select((g, i) => (g, i)))
            .ToDictionary(x => x.g, x => x.i);

    public static string TextHash(string text)
    {
        var norm = string.Join(' ', text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(norm));
        return Convert.ToHexString(bytes, 0, 6).ToLowerInvariant();
    }

    public static string FileSha256(string path)
    {
        using var s = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(s)).ToLowerInvariant();
    }
}
