using System.Buffers.Binary;
using System.Text;

namespace TensionTracker.Deep;

/// <summary>
/// Dynamic int8 quantisation of an ONNX graph, done here in .NET on the graph the package ships (nothing downloaded):
/// every MatMul whose second input is a constant float matrix becomes ONNX Runtime's DynamicQuantizeMatMul, its
/// weights int8 with one scale per output column (symmetric), its input quantised on the fly. The rest of the graph
/// (embeddings, softmax, layer norms) stays float. On cores with int8 dot products (AVX-512 VNNI, AVX-VNNI) this is
/// the encoder's largest saving, and its weights take a quarter of the memory.
/// Reads and writes ONNX's protobuf at the wire level: only the fields it changes are parsed, the rest copied as is.
/// </summary>
public static class Int8Graph
{
    // ONNX field numbers (onnx.proto): ModelProto, GraphProto, NodeProto, TensorProto.
    const int ModelGraph = 7, ModelOpset = 8;
    const int GraphNode = 1, GraphInitializer = 5, GraphOutput = 12, GraphValueInfo = 13;
    const int NodeInput = 1, NodeOutput = 2, NodeName = 3, NodeOpType = 4, NodeDomain = 7;
    const int TensorDims = 1, TensorDataType = 2, TensorFloatData = 4, TensorName = 8, TensorRawData = 9;
    const int Float = 1, Int8 = 3;

    /// <summary>The quantised graph, and how many matrices it turned to int8.</summary>
    public static (byte[] Model, int Quantised) Quantise(byte[] model)
    {
        var graph = Fields(model).SingleOrDefault(f => f.Number == ModelGraph);
        if (graph.Payload.IsEmpty) throw new InvalidDataException("the ONNX model has no graph");
        var fields = Fields(graph.Payload).ToList();

        var weights = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var vectors = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var f in fields.Where(f => f.Number == GraphInitializer))
            switch (Tensor.Read(f.Payload))
            {
                case { DataType: Float, Dims.Length: 2 } t: weights[t.Name] = t; break;
                case { DataType: Float, Dims.Length: 1 } t: vectors[t.Name] = t.Dims[0]; break;
            }
        var nodes = fields.Where(f => f.Number == GraphNode).Select(f => Node.Read(f.Payload)).ToList();
        // A matrix is quantised only when every node reading it is a MatMul reading it as B.
        var readers = nodes.SelectMany(n => n.Inputs.Select((input, i) => (input, n, i))).ToLookup(x => x.input);
        var quantised = weights.Keys.Where(name => readers[name].Any()
            && readers[name].All(r => r.n.OpType == "MatMul" && r.n.Domain == "" && r.i == 1)).ToHashSet(StringComparer.Ordinal);
        // A constant bias (one per column) added to the product alone goes into the quantised MatMul (its fifth input), and its Add goes.
        var biases = new Dictionary<Node, (string Bias, Node Add)>();
        foreach (var node in nodes.Where(n => n.OpType == "MatMul" && n.Inputs.Count == 2 && quantised.Contains(n.Inputs[1])))
            if (readers[node.Outputs[0]].ToList() is [{ n: { OpType: "Add", Domain: "", Inputs.Count: 2 } add, i: var at }]
                && vectors.GetValueOrDefault(add.Inputs[1 - at]) == weights[node.Inputs[1]].Dims[1])
                biases[node] = (add.Inputs[1 - at], add);
        var folded = biases.Values.Select(b => b.Add).ToHashSet();

        // Writers sized for the whole graph up front: no doubling and no copies of 60-90 MB buffers on the way.
        var newGraph = new ProtoWriter(graph.Payload.Length);
        var n = 0;
        foreach (var f in fields)
        {
            var node = f.Number == GraphNode ? nodes[n++] : null;
            if (node is not null && folded.Contains(node)) continue;
            if (node is { OpType: "MatMul", Inputs.Count: 2 } && quantised.Contains(node.Inputs[1]))
            {
                var bias = biases.GetValueOrDefault(node);
                newGraph.Message(GraphNode, w =>
                {
                    string[] inputs = bias.Add is null
                        ? [node.Inputs[0], node.Inputs[1] + "_int8", node.Inputs[1] + "_scale"]
                        : [node.Inputs[0], node.Inputs[1] + "_int8", node.Inputs[1] + "_scale", "", bias.Bias];
                    foreach (var input in inputs) w.String(NodeInput, input);
                    foreach (var output in bias.Add?.Outputs ?? node.Outputs) w.String(NodeOutput, output);
                    w.String(NodeName, node.Name + "_int8");
                    w.String(NodeOpType, "DynamicQuantizeMatMul");
                    w.String(NodeDomain, "com.microsoft");
                });
            }
            else if (f.Number == GraphInitializer && Tensor.Read(f.Payload) is { } t && quantised.Contains(t.Name))
            {
                var (values, scales) = PerColumn(t);
                newGraph.Message(GraphInitializer, w => { w.Int64s(TensorDims, t.Dims); w.Varint(TensorDataType, Int8); w.String(TensorName, t.Name + "_int8"); w.Bytes(TensorRawData, values); });
                newGraph.Message(GraphInitializer, w => { w.Int64s(TensorDims, [t.Dims[1]]); w.Varint(TensorDataType, Float); w.String(TensorName, t.Name + "_scale"); w.Bytes(TensorRawData, scales); });
            }
            else newGraph.Raw(f.Raw);
        }

        var result = new ProtoWriter(model.Length);
        var microsoft = false;
        foreach (var f in Fields(model))
            if (f.Number == ModelGraph) result.Bytes(ModelGraph, newGraph.Written);
            else
            {
                microsoft |= f.Number == ModelOpset && Fields(f.Payload).Any(o => o.Number == 1 && Encoding.UTF8.GetString(o.Payload.Span) == "com.microsoft");
                result.Raw(f.Raw);
            }
        // DynamicQuantizeMatMul is ONNX Runtime's own operator (domain com.microsoft, version 1).
        if (!microsoft) result.Message(ModelOpset, w => { w.String(1, "com.microsoft"); w.Varint(2, 1); });
        return (result.ToArray(), quantised.Count);
    }

    /// <summary>
    /// The graph cut after its first <paramref name="layers"/> encoder layers: the output of that layer's last layer
    /// norm becomes `last_hidden_state` (or, with <paramref name="summed"/> above 1, the sum of the outputs of that
    /// many top layers: layers 3 and 4 of 4, say), and every node, initializer and output the cut graph no longer
    /// needs goes (the pooler with the layers above). Fewer layers, proportionally less time per piece.
    /// </summary>
    public static byte[] FirstLayers(byte[] model, int layers, int summed = 1)
    {
        const string Output = "last_hidden_state";
        if (summed < 1 || summed > layers) throw new ArgumentOutOfRangeException(nameof(summed), summed, $"between 1 and {layers} layers can be summed");
        var graph = Fields(model).SingleOrDefault(f => f.Number == ModelGraph);
        if (graph.Payload.IsEmpty) throw new InvalidDataException("the ONNX model has no graph");
        var fields = Fields(graph.Payload).ToList();
        var nodes = fields.Where(f => f.Number == GraphNode).Select(f => Node.Read(f.Payload)).ToList();
        Node LayerOutput(int layer)
        {
            var lastNorm = $"encoder.layer.{layer - 1}.output.LayerNorm.bias";
            return nodes.SingleOrDefault(n => n.OpType == "Add" && n.Inputs.Contains(lastNorm))
                ?? throw new InvalidDataException($"the ONNX model has no encoder layer {layer} (no node adds {lastNorm})");
        }
        var cut = LayerOutput(layers);
        // The whole encoder: nothing to cut (v1 and v2 load the graph as it ships).
        if (cut.Outputs[0] == Output && summed == 1) return model;
        // The summed layers' outputs, renamed where one is the graph's output now (the top layer of all six).
        var tops = Enumerable.Range(layers - summed + 1, summed).Select(LayerOutput).ToList();
        string Renamed(string name) => name == Output ? Output + "_top" : name;

        // Walk back from the new output: what the cut graph needs (every summed layer is below the cut).
        var producers = new Dictionary<string, Node>(StringComparer.Ordinal);
        foreach (var node in nodes.TakeWhile(n => n != cut)) foreach (var o in node.Outputs) producers[o] = node;
        var needed = new HashSet<Node> { cut };
        var names = new HashSet<string>(cut.Inputs, StringComparer.Ordinal);
        var pending = new Stack<string>(cut.Inputs);
        while (pending.TryPop(out var name))
            if (producers.TryGetValue(name, out var node) && needed.Add(node))
                foreach (var input in node.Inputs) if (names.Add(input)) pending.Push(input);

        var newGraph = new ProtoWriter(graph.Payload.Length);
        void Write(string name, string opType, IEnumerable<string> inputs, string output) =>
            newGraph.Message(GraphNode, w =>
            {
                foreach (var input in inputs) w.String(NodeInput, input);
                w.String(NodeOutput, output);
                w.String(NodeName, name);
                w.String(NodeOpType, opType);
            });
        var n = 0;
        foreach (var f in fields)
        {
            var node = f.Number == GraphNode ? nodes[n++] : null;
            if (node is not null && !needed.Contains(node)) continue;
            if (node == cut)
            {
                if (summed == 1) { Write(node.Name, node.OpType, node.Inputs, Output); continue; }
                Write(node.Name, node.OpType, node.Inputs, Renamed(node.Outputs[0]));
                // Right after the cut, which every summed output comes before: so the graph stays in order.
                var sum = Renamed(tops[0].Outputs[0]);
                for (var i = 1; i < tops.Count; i++)
                {
                    var into = i == tops.Count - 1 ? Output : $"sum_of_layers_{layers - summed + 1}_to_{layers - summed + 1 + i}";
                    Write(into + "_add", "Add", [sum, Renamed(tops[i].Outputs[0])], into);
                    sum = into;
                }
            }
            else if (f.Number == GraphInitializer && !names.Contains(Tensor.Read(f.Payload).Name)) continue;
            else if (f.Number == GraphOutput && ValueName(f.Payload) != Output) continue;
            else if (f.Number == GraphValueInfo && !names.Contains(ValueName(f.Payload))) continue;
            else newGraph.Raw(f.Raw);
        }
        var result = new ProtoWriter(model.Length);
        foreach (var f in Fields(model))
            if (f.Number == ModelGraph) result.Bytes(ModelGraph, newGraph.Written);
            else result.Raw(f.Raw);
        return result.ToArray();
    }

    /// <summary>The names of the graph's initializers (its weights), in order.</summary>
    internal static List<string> InitializerNames(byte[] model) =>
        Fields(Fields(model).Single(f => f.Number == ModelGraph).Payload).Where(f => f.Number == GraphInitializer)
            .Select(f => Tensor.Read(f.Payload).Name).ToList();

    static string ValueName(ReadOnlyMemory<byte> valueInfo) =>
        Fields(valueInfo).Where(f => f.Number == 1).Select(f => Encoding.UTF8.GetString(f.Payload.Span)).FirstOrDefault() ?? "";

    /// <summary>Int8 values of a [K, N] matrix, each column scaled by its largest magnitude / 127; and the N scales (float, little-endian).</summary>
    static (byte[] Values, byte[] Scales) PerColumn(Tensor t)
    {
        int rows = (int)t.Dims[0], columns = (int)t.Dims[1];
        var data = t.Floats();
        var scales = new float[columns];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++) scales[c] = Math.Max(scales[c], Math.Abs(data[r * columns + c]));
        for (var c = 0; c < columns; c++) scales[c] = scales[c] > 0 ? scales[c] / 127f : 1f;
        var values = new byte[rows * columns];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
                values[r * columns + c] = (byte)(sbyte)Math.Clamp(MathF.Round(data[r * columns + c] / scales[c]), -127, 127);
        var scaleBytes = new byte[columns * 4];
        for (var c = 0; c < columns; c++) BinaryPrimitives.WriteSingleLittleEndian(scaleBytes.AsSpan(c * 4), scales[c]);
        return (values, scaleBytes);
    }

    readonly record struct Field(int Number, int Wire, ulong Varint, ReadOnlyMemory<byte> Payload, ReadOnlyMemory<byte> Raw);

    static IEnumerable<Field> Fields(ReadOnlyMemory<byte> message)
    {
        var at = 0;
        while (at < message.Length)
        {
            var start = at;
            var tag = ReadVarint(message.Span, ref at);
            int number = (int)(tag >> 3), wire = (int)(tag & 7);
            ulong varint = 0;
            var payload = ReadOnlyMemory<byte>.Empty;
            switch (wire)
            {
                case 0: varint = ReadVarint(message.Span, ref at); break;
                case 1: payload = message.Slice(at, 8); at += 8; break;
                case 2: var length = (int)ReadVarint(message.Span, ref at); payload = message.Slice(at, length); at += length; break;
                case 5: payload = message.Slice(at, 4); at += 4; break;
                default: throw new InvalidDataException($"ONNX protobuf: wire type {wire} at byte {start} is not supported");
            }
            yield return new(number, wire, varint, payload, message[start..at]);
        }
    }

    static ulong ReadVarint(ReadOnlySpan<byte> data, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
    }

    /// <summary>A node as read (compared by reference: two nodes may read alike).</summary>
    sealed class Node(string name, string opType, string domain, List<string> inputs, List<string> outputs)
    {
        public string Name => name;
        public string OpType => opType;
        public string Domain => domain;
        public List<string> Inputs => inputs;
        public List<string> Outputs => outputs;

        public static Node Read(ReadOnlyMemory<byte> payload)
        {
            string name = "", op = "", domain = "";
            List<string> inputs = [], outputs = [];
            foreach (var f in Fields(payload))
            {
                if (f.Wire != 2) continue;
                var text = Encoding.UTF8.GetString(f.Payload.Span);
                switch (f.Number)
                {
                    case NodeInput: inputs.Add(text); break;
                    case NodeOutput: outputs.Add(text); break;
                    case NodeName: name = text; break;
                    case NodeOpType: op = text; break;
                    case NodeDomain: domain = text; break;
                }
            }
            return new(name, op, domain, inputs, outputs);
        }
    }

    sealed record Tensor(string Name, int DataType, long[] Dims, ReadOnlyMemory<byte> RawData, ReadOnlyMemory<byte> FloatData)
    {
        public static Tensor Read(ReadOnlyMemory<byte> payload)
        {
            string name = "";
            var type = 0;
            List<long> dims = [];
            ReadOnlyMemory<byte> raw = default, floats = default;
            foreach (var f in Fields(payload))
                switch (f.Number)
                {
                    case TensorDims when f.Wire == 0: dims.Add((long)f.Varint); break;
                    case TensorDims when f.Wire == 2:
                        for (var at = 0; at < f.Payload.Length;) dims.Add((long)ReadVarint(f.Payload.Span, ref at));
                        break;
                    case TensorDataType: type = (int)f.Varint; break;
                    case TensorName: name = Encoding.UTF8.GetString(f.Payload.Span); break;
                    case TensorRawData: raw = f.Payload; break;
                    case TensorFloatData when f.Wire == 2: floats = f.Payload; break;
                }
            return new(name, type, dims.ToArray(), raw, floats);
        }

        public float[] Floats()
        {
            var bytes = RawData.IsEmpty ? FloatData.Span : RawData.Span;
            var count = Dims.Aggregate(1L, (a, d) => a * d);
            if (bytes.Length != count * 4) throw new InvalidDataException($"ONNX tensor {Name}: {bytes.Length} bytes for {count} floats");
            var values = new float[count];
            for (var i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * 4)..]);
            return values;
        }
    }

    sealed class ProtoWriter(int capacity = 256)
    {
        readonly MemoryStream stream = new(capacity);

        public ReadOnlySpan<byte> Written => stream.GetBuffer().AsSpan(0, (int)stream.Length);

        public void Raw(ReadOnlyMemory<byte> bytes) => stream.Write(bytes.Span);
        public void Varint(int field, long value) { Tag(field, 0); WriteVarint((ulong)value); }
        public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        public void Bytes(int field, ReadOnlySpan<byte> value)
        {
            Tag(field, 2);
            WriteVarint((ulong)value.Length);
            stream.Write(value);
        }

        public void Int64s(int field, IEnumerable<long> values)
        {
            foreach (var v in values) Varint(field, v);
        }

        public void Message(int field, Action<ProtoWriter> write)
        {
            var inner = new ProtoWriter();
            write(inner);
            Bytes(field, inner.Written);
        }

        public byte[] ToArray() => stream.ToArray();

        void Tag(int field, int wire) => WriteVarint((ulong)(field << 3 | wire));

        void WriteVarint(ulong value)
        {
            while (value >= 0x80) { stream.WriteByte((byte)(value | 0x80)); value >>= 7; }
            stream.WriteByte((byte)value);
        }
    }
}
