using System.Text.Json;
using TensionTracker.Deep;

namespace TensionTracker.Text.Tests.Deep;

public class the_encoder_cut_to_its_first_layers
{
    static readonly byte[] Graph = MiniLmEncoder.ReadGraph();

    [Fact]
    public void keeps_the_weights_of_the_layers_it_reads_and_drops_the_rest_and_the_pooler()
    {
        var names = Int8Graph.InitializerNames(Int8Graph.FirstLayers(Graph, 4));
        Assert.Contains("embeddings.word_embeddings.weight", names);
        Assert.Contains("encoder.layer.3.output.LayerNorm.bias", names);
        Assert.DoesNotContain(names, n => n.StartsWith("encoder.layer.4.", StringComparison.Ordinal) || n.StartsWith("encoder.layer.5.", StringComparison.Ordinal));
        Assert.DoesNotContain(names, n => n.StartsWith("pooler.", StringComparison.Ordinal));
        // Each layer's six matrices go too (their names are numbers in this graph): about 7 MB of float a layer.
        Assert.InRange(Graph.Length - Int8Graph.FirstLayers(Graph, 4).Length, 2 * 7_000_000, 2 * 7_500_000 + 600_000);
    }

    [Fact]
    public void cut_twice_is_the_same_graph_as_cut_once_and_all_six_is_the_graph_as_it_ships()
    {
        Assert.Equal(Int8Graph.FirstLayers(Graph, 3), Int8Graph.FirstLayers(Int8Graph.FirstLayers(Graph, 5), 3));
        Assert.Same(Graph, Int8Graph.FirstLayers(Graph, MiniLmEncoder.AllLayers));
    }

    [Fact]
    public void sums_the_outputs_of_the_top_layers_when_asked_piece_by_piece()
    {
        const string text = "Colombia thanked Ecuador and accused Venezuela.";
        using var third = new MiniLmEncoder(threads: 1, layers: 3);
        using var fourth = new MiniLmEncoder(threads: 1, layers: 4);
        using var summed = new MiniLmEncoder(threads: 1, layers: 4, summed: 2);
        Assert.Equal(MiniLmEncoder.Name + ", first 4 of 6 layers, the outputs of layers 3 to 4 summed", summed.Description);
        var (a, b, sum) = (third.Encode([text])[0].Vectors, fourth.Encode([text])[0].Vectors, summed.Encode([text])[0].Vectors);
        Assert.Equal(a.Length, sum.Length);
        for (var k = 0; k < sum.Length; k++) Assert.Equal(a[k] + b[k], sum[k], 1e-4f);
    }

    [Fact]
    public void a_layer_the_encoder_does_not_have_is_refused_by_name()
    {
        var e = Assert.Throws<InvalidDataException>(() => Int8Graph.FirstLayers(Graph, 7));
        Assert.Contains("no encoder layer 7", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new MiniLmEncoder(layers: 0));
    }

    [Fact]
    public void reads_every_piece_with_a_vector_of_its_own_int8_and_named_so()
    {
        using var encoder = new MiniLmEncoder(threads: 1, int8: true, layers: 4);
        Assert.Equal(MiniLmEncoder.Int8Name + ", first 4 of 6 layers", encoder.Description);
        var text = encoder.Encode(["Colombia thanked Ecuador and accused Venezuela."])[0];
        Assert.Equal(text.Length * MiniLmEncoder.Dimension, text.Vectors.Length);
        Assert.All(text.Vectors, v => Assert.True(float.IsFinite(v)));
        // Layer-normed output: the pieces differ from each other (not a constant or an empty output).
        Assert.NotEqual(text.Vector(1).ToArray(), text.Vector(2).ToArray());
    }

    [Fact]
    public void head_settings_written_before_layers_existed_read_as_all_six()
    {
        var old = JsonSerializer.Deserialize<HeadSettings>("""{"encoder": "e", "pooling": "p", "max_pieces": 128, "temperature": 0.95}""", HeadSettings.Json)!;
        Assert.Equal(MiniLmEncoder.AllLayers, old.Layers);
        var v3 = JsonSerializer.Deserialize<HeadSettings>("""{"encoder": "e", "pooling": "p", "max_pieces": 128, "temperature": 1, "layers": 4}""", HeadSettings.Json)!;
        Assert.Equal(4, v3.Layers);
    }
}
