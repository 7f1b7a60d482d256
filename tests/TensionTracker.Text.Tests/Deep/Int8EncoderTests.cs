using TensionTracker.Deep;

namespace TensionTracker.Text.Tests.Deep;

public class the_int8_encoder(EncoderFixture fixture) : IClassFixture<EncoderFixture>
{
    static readonly string[] Sentences =
    [
        "Colombia thanked Ecuador for its help, while it accused Venezuela of sending troops to the border.",
        "The two presidents signed a friendship treaty and praised the close partnership between their nations.",
        "Trump called Petro a sick man who likes making cocaine and selling it.",
        "Shares fell sharply in Tokyo on Tuesday.",
    ];

    [Fact]
    public void turns_every_matrix_of_the_six_layers_into_int8_and_leaves_the_embeddings_float()
    {
        var (model, quantised) = Int8Graph.Quantise(MiniLmEncoder.ReadGraph());
        Assert.Equal(6 * 6, quantised); // query, key, value, attention output, and the two feed-forward matrices per layer
        // The 36 matrices (about 42 MB as float) shrink to a quarter; the embeddings (about 47 MB) stay as they were.
        Assert.InRange(model.Length, 50_000_000, 65_000_000);
    }

    [Fact]
    public void reads_sentences_as_the_float_encoder_does()
    {
        using var int8 = new MiniLmEncoder(threads: 1, int8: true);
        Assert.Equal(MiniLmEncoder.Int8Name, int8.Description);
        var exact = fixture.Encoder.Encode(Sentences).Select(Mean).ToList();
        var quick = int8.Encode(Sentences).Select(Mean).ToList();
        for (var i = 0; i < Sentences.Length; i++)
        {
            Assert.True(Cosine(exact[i], quick[i]) > 0.97, $"sentence {i}: cosine {Cosine(exact[i], quick[i])}");
            // ...and closer to its own float reading than to any other sentence's.
            for (var j = 0; j < Sentences.Length; j++)
                if (j != i) Assert.True(Cosine(exact[i], quick[i]) > Cosine(exact[j], quick[i]));
        }
    }

    [Fact]
    public void is_what_a_model_trained_on_it_loads_and_the_float_models_keep_theirs()
    {
        Assert.Equal(MiniLmEncoder.Int8Name, fixture.Int8Model.Settings.Encoder);
        Assert.Equal(MiniLmEncoder.Int8Name, fixture.Int8Model.Encoder.Description);
        Assert.Equal(MiniLmEncoder.Name, fixture.Model.Encoder.Description);
        Assert.Equal((4, 2), (fixture.FourLayers.Settings.Layers, fixture.FourLayers.Settings.Summed));
        Assert.Equal(MiniLmEncoder.Describe(int8: true, layers: 4, summed: 2), fixture.FourLayers.Encoder.Description);
        Assert.Equal((MiniLmEncoder.AllLayers, 1), (fixture.Int8Model.Settings.Layers, fixture.Int8Model.Settings.Summed));
    }

    static float[] Mean(EncodedText text) => TargetPooling.FourMeans.Features(text)[..MiniLmEncoder.Dimension];

    static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var k = 0; k < a.Length; k++) { dot += a[k] * b[k]; na += a[k] * a[k]; nb += b[k] * b[k]; }
        return dot / Math.Sqrt(na * nb);
    }
}
