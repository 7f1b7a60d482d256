using System.IO.Compression;

namespace TensionTracker.Text.Scoring;

/// <summary>
/// Dense context features of the target head (tone-stance-v6 on): a three-class head over the mean word vectors of
/// the words around the target (<see cref="TargetFeatures.ContextWeights"/>: all words, nearness-weighted, the
/// target's clause, near on its left, near on its right; 5 x 384 dimensions, all-MiniLM-L6-v2 word vectors) gives three
/// logits that the target head reads beside its hashed words. Being linear in the means, it is stored projected: each
/// word's vector times the class weights of each group, fifteen figures a word, so scoring reads no vectors, only one lookup per word and reading.
/// Saved as an entry of the model's zip.
/// </summary>
public sealed class TargetContext
{
    public const int Groups = 5;
    public const int Outputs = 3;
    public const string ZipEntry = "TargetContext/projections.bin";
    public const string Setting = "target_context";
    private const int Stride = Groups * Outputs;

    private readonly Dictionary<ulong, int> _index;
    private readonly float[] _projections; // Stride per word: group-major, class-minor

    [ThreadStatic] private static TextTokens? _lastTokens;
    [ThreadStatic] private static TargetContext? _lastContext;
    [ThreadStatic] private static int[]? _lastIndex;

    public TargetContext(Dictionary<ulong, int> index, float[] projections) => (_index, _projections) = (index, projections);

    public int Count => _index.Count;

    /// <summary>The context logits of one reading (conflict, neutral, cooperation).</summary>
    public void Logits(string text, TextTokens tokens, ReadOnlySpan<(int Start, int End)> target, ReadOnlySpan<(int Start, int End)> others, Span<float> logits)
    {
        var n = tokens.Hashes.Length;
        Span<int> words = n <= 256 ? stackalloc int[n] : new int[n];
        Span<float> weights = n <= 128 ? stackalloc float[Groups * n] : new float[Groups * n];
        var k = TargetFeatures.ContextWeights(text, tokens, target, others, words, weights);
        Span<float> sum = stackalloc float[Stride];
        Span<float> total = stackalloc float[Groups];
        sum.Clear(); total.Clear();
        // A statement is read as a whole and toward each target: its words are looked up once.
        if (!ReferenceEquals(tokens, _lastTokens) || !ReferenceEquals(this, _lastContext))
        {
            if (_lastIndex is null || _lastIndex.Length < n) _lastIndex = new int[Math.Max(n, 64)];
            for (var i = 0; i < n; i++) _lastIndex[i] = _index.TryGetValue(tokens.Hashes[i], out var x) ? x : -1;
            (_lastTokens, _lastContext) = (tokens, this);
        }
        var index = _lastIndex!;
        for (var i = 0; i < k; i++)
        {
            var at = index[words[i]];
            if (at < 0) continue;
            var p = _projections.AsSpan(at * Stride, Stride);
            for (var g = 0; g < Groups; g++)
            {
                var w = weights[Groups * i + g];
                if (w == 0) continue;
                total[g] += w;
                for (var c = 0; c < Outputs; c++) sum[g * Outputs + c] += w * p[g * Outputs + c];
            }
        }
        logits.Clear();
        for (var g = 0; g < Groups; g++)
            if (total[g] > 0)
                for (var c = 0; c < Outputs; c++) logits[c] += sum[g * Outputs + c] / total[g];
    }

    /// <summary>Projects word vectors through a head's weights (<paramref name="weights"/>[class] over Groups x dimension inputs).</summary>
    public static TargetContext Project(IEnumerable<(ulong Hash, float[] Vector)> words, float[][] weights, float scale)
    {
        var index = new Dictionary<ulong, int>();
        var projections = new List<float>();
        foreach (var (hash, v) in words)
        {
            if (!index.TryAdd(hash, index.Count)) continue;
            for (var g = 0; g < Groups; g++)
                for (var c = 0; c < Outputs; c++)
                {
                    double dot = 0;
                    for (var d = 0; d < v.Length; d++) dot += weights[c][g * v.Length + d] * v[d];
                    projections.Add((float)(Half)(scale * dot)); // as saved
                }
        }
        return new TargetContext(index, [.. projections]);
    }

    /// <summary>Writes the projections into the model's zip (half precision: word hash, then Groups x Outputs figures).</summary>
    public void SaveInto(string zipPath)
    {
        using var zip = ZipFile.Open(zipPath, ZipArchiveMode.Update);
        zip.GetEntry(ZipEntry)?.Delete();
        using var w = new BinaryWriter(zip.CreateEntry(ZipEntry, CompressionLevel.Optimal).Open());
        w.Write(_index.Count);
        foreach (var (hash, at) in _index.OrderBy(kv => kv.Value))
        {
            w.Write(hash);
            for (var j = 0; j < Stride; j++) w.Write((Half)_projections[at * Stride + j]);
        }
    }

    /// <summary>The projections in a model's zip, or null when it has none (models before v6).</summary>
    public static TargetContext? LoadFrom(string zipPath)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        var entry = zip.GetEntry(ZipEntry);
        if (entry is null) return null;
        using var r = new BinaryReader(entry.Open());
        var count = r.ReadInt32();
        if (count < 0 || count > 10_000_000) throw new InvalidDataException($"{zipPath}: {ZipEntry} is damaged (count {count})");
        var index = new Dictionary<ulong, int>(count);
        var projections = new float[count * Stride];
        for (var i = 0; i < count; i++)
        {
            index[r.ReadUInt64()] = i;
            for (var j = 0; j < Stride; j++) projections[i * Stride + j] = (float)r.ReadHalf();
        }
        return new TargetContext(index, projections);
    }
}
