using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TensionTracker.Bench;

/// <summary>One measured figure: a value with its unit, or none with the reason it could not be measured.</summary>
public sealed record Figure(string Name, double? Value, string Unit, string? Note = null);

/// <summary>
/// The figures of one run, printed as they come (one <c>name value unit</c> line each, `n/a` with the reason
/// when a figure cannot be measured yet) and written at the end as JSON together with the machine and conditions.
/// </summary>
public sealed class BenchReport
{
    readonly List<Figure> figures = [];
    public JsonObject Machine { get; } = [];
    public JsonObject Conditions { get; } = [];

    public IReadOnlyList<Figure> Figures => figures;

    public void Add(string name, double? value, string unit, string? note = null)
    {
        var figure = new Figure(name, value is { } v && (double.IsNaN(v) || double.IsInfinity(v)) ? null : value, unit, note);
        figures.RemoveAll(f => f.Name == name);
        figures.Add(figure);
        Console.WriteLine(Line(figure));
    }

    public void NotAvailable(string name, string unit, string reason) => Add(name, null, unit, reason);

    public static string Line(Figure f)
    {
        var value = f.Value is { } v ? Format(v) : "n/a";
        return f.Note is null ? $"{f.Name} {value} {f.Unit}" : $"{f.Name} {value} {f.Unit} # {f.Note}";
    }

    public static string Format(double v) =>
        Math.Abs(v) >= 100 ? Math.Round(v).ToString("0", CultureInfo.InvariantCulture)
        : Math.Abs(v) >= 1 ? v.ToString("0.##", CultureInfo.InvariantCulture)
        : v.ToString("0.####", CultureInfo.InvariantCulture);

    public void Write(string path)
    {
        var root = new JsonObject
        {
            ["figures"] = new JsonObject(figures.Select(f => KeyValuePair.Create(f.Name, (JsonNode?)new JsonObject
            {
                ["value"] = f.Value is { } v ? JsonValue.Create(Math.Round(v, 4)) : null,
                ["unit"] = f.Unit,
                ["note"] = f.Note,
            }))),
            ["machine"] = Machine.DeepClone(),
            ["conditions"] = Conditions.DeepClone(),
        };
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        File.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>Nearest-rank percentile of a sample (p in 0..100); null for an empty sample.</summary>
    public static double? Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0) return null;
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
