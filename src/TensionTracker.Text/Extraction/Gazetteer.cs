namespace TensionTracker.Text.Extraction;

// TEMPORARY placeholder until the extraction branch lands (replaced wholesale on merge).
public sealed class Gazetteer
{
    public Dictionary<string, string> Names { get; } = new(StringComparer.OrdinalIgnoreCase);
    public static Gazetteer Load(string dir)
    {
        var g = new Gazetteer();
        foreach (var line in File.ReadLines(Path.Combine(dir, "world_countries.tsv")).Skip(1))
        {
            var f = line.Split('\t');
            g.Names.TryAdd(f[4], f[1]);
            if (f[8].Length > 0) g.Names.TryAdd(f[8], f[1]);
        }
        return g;
    }
}
