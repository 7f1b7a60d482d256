using System.Security.Cryptography;
using System.Text;

namespace TensionTracker.Deep;

/// <summary>
/// Pooled encoder features of a data file, computed once and cached (encoding is the slow part of training: about
/// 100 sentences a second per core). The cache key is the file's content, the encoder, the pooling and the window, so
/// a changed file or setting is encoded again. Rows: one per target mention of a NewsMTSC file (all four parts), one
/// per sentence of a TSV file (the whole-text mean only, expanded on reading).
/// </summary>
public static class DeepFeatures
{
    const string Version = "deep-features-1";

    public static float[][] ForNews(string path, IReadOnlyList<NewsSentence> sentences, MiniLmEncoder encoder, TargetPooling pooling, string cacheDir, TextWriter log) =>
        Cached(path, encoder, pooling, cacheDir, log, () =>
        {
            var encoded = encoder.Encode(sentences.Select(s => s.Text).ToList(), sentences.Select(s => s.Targets[0].From).ToList());
            return sentences.SelectMany((s, i) => s.Targets.Select(t => pooling.Features(encoded[i], t.From, t.To - t.From))).ToArray();
        });

    public static float[][] ForSentences(string path, IReadOnlyList<string> texts, MiniLmEncoder encoder, TargetPooling pooling, string cacheDir, TextWriter log) =>
        Cached(path, encoder, TargetPooling.FourMeans, cacheDir, log, () =>
                encoder.Encode(texts).Select(e => TargetPooling.FourMeans.Features(e)[..MiniLmEncoder.Dimension]).ToArray())
            .Select(mean => Whole(mean, pooling)).ToArray();

    /// <summary>A whole-text mean as the four parts of an untargeted row.</summary>
    static float[] Whole(float[] mean, TargetPooling pooling)
    {
        var f = new float[pooling.Dimension];
        for (var p = 0; p < pooling.Parts; p++) mean.CopyTo(f, p * mean.Length);
        return f;
    }

    static float[][] Cached(string path, MiniLmEncoder encoder, TargetPooling pooling, string cacheDir, TextWriter log, Func<float[][]> compute)
    {
        string key;
        using (var file = File.OpenRead(path))
        using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            sha.AppendData(Encoding.UTF8.GetBytes($"{Version}|{encoder.Description}|{pooling.Description}|{encoder.MaxPieces}|"));
            var buffer = new byte[1 << 16];
            int read;
            while ((read = file.Read(buffer)) > 0) sha.AppendData(buffer, 0, read);
            key = Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
        }
        var cachePath = Path.Combine(cacheDir, $"{Path.GetFileNameWithoutExtension(path)}.{key}.bin");
        if (File.Exists(cachePath))
        {
            using var r = new BinaryReader(File.OpenRead(cachePath));
            var rows = new float[r.ReadInt32()][];
            var dim = r.ReadInt32();
            for (var i = 0; i < rows.Length; i++)
            {
                rows[i] = new float[dim];
                r.Read(System.Runtime.InteropServices.MemoryMarshal.AsBytes(rows[i].AsSpan()));
            }
            log.WriteLine($"   {Path.GetFileName(path)}: {rows.Length} rows of encoder features from the cache");
            return rows;
        }
        var started = System.Diagnostics.Stopwatch.StartNew();
        var computed = compute();
        log.WriteLine($"   {Path.GetFileName(path)}: encoded {computed.Length} rows in {started.Elapsed.TotalSeconds:0} s");
        Directory.CreateDirectory(cacheDir);
        var temp = cachePath + ".tmp";
        using (var w = new BinaryWriter(File.Create(temp)))
        {
            w.Write(computed.Length);
            w.Write(computed.Length == 0 ? 0 : computed[0].Length);
            foreach (var row in computed) w.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(row.AsSpan()));
        }
        File.Move(temp, cachePath, overwrite: true);
        return computed;
    }
}
