using TensionTracker.Deep;
using TensionTracker.Text.Scoring;
using TensionTracker.Text.Tests.Scoring;

namespace TensionTracker.Text.Tests.Deep;

/// <summary>The encoder loaded once for the class (about 90 MB and a second to start).</summary>
public sealed class EncoderFixture : IDisposable
{
    public MiniLmEncoder Encoder { get; } = new(threads: 1);
    public DeepModel Model { get; } = DeepModel.Load(Path.Combine(RepoPaths.Models, "deep-minilm-v1.zip"));
    /// <summary>deep-minilm-v2: heads trained on the int8 encoder's features.</summary>
    public DeepModel Int8Model { get; } = DeepModel.Load(Path.Combine(RepoPaths.Models, "deep-minilm-v2.zip"));
    /// <summary>deep-minilm-v3: the int8 encoder's first four layers, the outputs of the top two summed.</summary>
    public DeepModel FourLayers { get; } = DeepModel.Load(Path.Combine(RepoPaths.Models, "deep-minilm-v3.zip"));
    public DeepModel this[string name] => name == Int8Model.Name ? Int8Model : name == FourLayers.Name ? FourLayers : Model;
    public void Dispose()
    {
        Encoder.Dispose();
        Model.Dispose();
        Int8Model.Dispose();
        FourLayers.Dispose();
    }
}

public class the_word_piece_tokenizer(EncoderFixture fixture) : IClassFixture<EncoderFixture>
{
    WordPieceTokenizer Tokenizer => fixture.Encoder.Tokenizer;

    [Fact]
    public void lower_cases_strips_accents_splits_punctuation_and_keeps_offsets_into_the_original()
    {
        const string text = "Zürich's Mayor said: \"No!\"";
        var pieces = Tokenizer.Tokenize(text);
        var spans = pieces.Select(p => text[p.Start..p.End]).ToList();
        Assert.Equal(["Zürich", "'", "s", "Mayor", "said", ":", "\"", "No", "!", "\""], spans);
        Assert.DoesNotContain(pieces, p => p.Id == Tokenizer.UnknownId);
    }

    [Fact]
    public void cuts_a_rare_word_into_pieces_of_the_vocabulary_that_cover_it()
    {
        const string text = "Petro unfriended Bukele";
        var pieces = Tokenizer.Tokenize(text);
        var petro = pieces.Where(p => p.End <= 5).ToList();
        Assert.True(pieces.Count > 3, "some word splits into several pieces");
        Assert.Equal(0, petro[0].Start);
        Assert.Equal(5, petro[^1].End);
        Assert.All(pieces, p => Assert.True(p.End > p.Start));
    }

    [Fact]
    public void a_long_text_is_framed_around_its_focus_with_classifier_and_separator()
    {
        var text = string.Join(' ', Enumerable.Range(0, 300).Select(i => "word")) + " Colombia " + string.Join(' ', Enumerable.Range(0, 300).Select(i => "word"));
        var focus = text.IndexOf("Colombia", StringComparison.Ordinal);
        var framed = fixture.Encoder.Frame(Tokenizer.Tokenize(text), focus);
        Assert.Equal(fixture.Encoder.MaxPieces, framed.Length);
        Assert.Equal(Tokenizer.ClassifierId, framed[0].Id);
        Assert.Equal(Tokenizer.SeparatorId, framed[^1].Id);
        Assert.Contains(framed, p => p.Start == focus);
    }
}

public class target_pooling(EncoderFixture fixture) : IClassFixture<EncoderFixture>
{
    [Theory]
    [InlineData(4)]
    [InlineData(6)]
    public void reads_each_target_of_one_sentence_differently_and_an_untargeted_text_as_a_whole(int parts)
    {
        const string text = "Colombia praised Ecuador and condemned Venezuela.";
        var encoded = fixture.Encoder.Encode([text])[0];
        var pooling = parts == 4 ? TargetPooling.FourMeans : TargetPooling.WithContext;
        Assert.Equal(parts, pooling.Parts);
        Assert.Same(pooling, TargetPooling.Named(pooling.Description));
        var ecuador = pooling.Features(encoded, text.IndexOf("Ecuador", StringComparison.Ordinal), "Ecuador".Length);
        var venezuela = pooling.Features(encoded, text.IndexOf("Venezuela", StringComparison.Ordinal), "Venezuela".Length);
        var whole = pooling.Features(encoded);
        var d = MiniLmEncoder.Dimension;

        Assert.Equal(pooling.Dimension, ecuador.Length);
        Assert.Equal(ecuador[..d], venezuela[..d]);              // the same sentence
        Assert.NotEqual(ecuador[d..(2 * d)], venezuela[d..(2 * d)]); // different targets
        // (the max over a target's windows may coincide in a sentence this short; the nearness-weighted mean does not)
        if (parts == 6) Assert.NotEqual(ecuador[(5 * d)..], venezuela[(5 * d)..]);
        for (var part = 1; part < pooling.Parts; part++) Assert.Equal(whole[..d], whole[(part * d)..((part + 1) * d)]);
    }

    [Fact]
    public void maps_a_character_span_to_the_pieces_it_overlaps()
    {
        const string text = "The United Kingdom objected.";
        var encoded = fixture.Encoder.Encode([text])[0];
        var (first, last) = TargetPooling.Span(encoded, 4, 18);
        Assert.Equal("United Kingdom", text[encoded.Pieces[first].Start..encoded.Pieces[last - 1].End]);
        Assert.Equal((-1, -1), TargetPooling.Span(encoded, 200, 210));
    }
}

public class the_deep_model(EncoderFixture fixture) : IClassFixture<EncoderFixture>
{
    [Theory]
    [InlineData("deep-minilm-v1")]
    [InlineData("deep-minilm-v2")]
    [InlineData("deep-minilm-v3")]
    public void gives_a_stance_and_calibrated_probabilities_per_target(string model)
    {
        const string text = "Colombia thanked Ecuador for its help, while it accused Venezuela of sending troops to the border.";
        var score = fixture[model].Score([new ScoringInput(text, [
            new TargetMention("ECU", text.IndexOf("Ecuador", StringComparison.Ordinal), 7),
            new TargetMention("VEN", text.IndexOf("Venezuela", StringComparison.Ordinal), 9)])])[0];

        Assert.NotNull(score.Targets);
        Assert.Equal(["ECU", "VEN"], score.Targets!.Select(t => t.Target));
        foreach (var t in score.Targets!)
        {
            var p = t.Probabilities!.Value;
            Assert.Equal(1f, p.Conflict + p.Neutral + p.Cooperation, 3);
            Assert.Equal(p.Cooperation - p.Conflict, t.Stance, 4);
        }
        Assert.True(score.StanceToward("ECU") > score.StanceToward("VEN"), $"ECU {score.StanceToward("ECU")}, VEN {score.StanceToward("VEN")}");
    }

    [Theory]
    [InlineData("deep-minilm-v1")]
    [InlineData("deep-minilm-v2")]
    [InlineData("deep-minilm-v3")]
    public void reads_a_threat_as_hostile_and_an_agreement_as_cooperative(string model)
    {
        var scores = fixture[model].Score([
            ScoringInput.Untargeted("The defence minister warned that the army would strike the neighbouring country if its troops crossed the border again."),
            ScoringInput.Untargeted("The two presidents signed a friendship treaty and praised the close partnership between their nations."),
        ]);
        Assert.True(scores[0].Stance < 0, scores[0].ToString());
        Assert.True(scores[1].Stance > 0, scores[1].ToString());
        Assert.Equal(StanceClasses.Conflict, scores[0].Class);
        Assert.Equal(StanceClasses.Cooperation, scores[1].Class);
    }

    [Fact]
    public void temperature_scaling_keeps_the_order_and_softens_the_probabilities()
    {
        var sharp = DeepModel.Calibrate([0.8f, 0.15f, 0.05f], 1f);
        var soft = DeepModel.Calibrate([0.8f, 0.15f, 0.05f], 2f);
        Assert.Equal(0.8f, sharp.Conflict, 4);
        Assert.True(soft.Conflict < sharp.Conflict && soft.Conflict > soft.Neutral && soft.Neutral > soft.Cooperation);
    }

    [Fact]
    public void is_told_apart_from_the_fast_model_by_its_file()
    {
        Assert.True(DeepModel.IsDeepModel(Path.Combine(RepoPaths.Models, "deep-minilm-v1.zip")));
        Assert.False(DeepModel.IsDeepModel(Path.Combine(RepoPaths.Models, File.ReadAllText(Path.Combine(RepoPaths.Models, "default.txt")).Trim() + ".zip")));
        Assert.False(DeepModel.IsDeepModel(Path.Combine(RepoPaths.Models, "no-such-model.zip")));
    }
}

public class reading_newsmtsc
{
    [Fact]
    public void reads_targets_and_polarities_and_names_the_file_and_line_of_a_malformed_line()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path, [
                """{"primary_gid": "outlet_1_2_3_X_0_1", "sentence_normalized": "Obama praised Merkel.", "targets": [{"from": 0, "to": 5, "polarity": 6.0}, {"from": 14, "to": 20, "polarity": 4.0}]}""",
            ]);
            var rows = NewsSentence.Load(path);
            Assert.Equal("outlet_1_2", rows[0].Document);
            Assert.Equal([3u, 2u], rows[0].Targets.Select(t => t.Class));

            File.AppendAllLines(path, ["""{"sentence_normalized": "x", "targets": [{"from": 0, "to": 1, "polarity": 5.0}]}"""]);
            var error = Assert.Throws<InvalidDataException>(() => NewsSentence.Load(path));
            Assert.Contains($"{path}:2", error.Message);
            Assert.Contains("polarity", error.Message);
        }
        finally { File.Delete(path); }
    }
}
