using TensionTracker.Text.Scoring;

namespace TensionTracker.Text.Tests.Scoring;

public class ToneModelCommandLineTests
{
    [Fact]
    public void train_takes_a_name_and_several_data_files_with_the_documented_defaults()
    {
        var (flags, data) = ToneModelCommandLine.Parse(["--name", "tone-stance-v9", "--data", "a.tsv", "b.tsv", "--seed", "3"]);
        var o = ToneModelCommandLine.TrainFrom(flags, data);
        Assert.Equal("tone-stance-v9", o.Name);
        Assert.Equal(["a.tsv", "b.tsv"], o.Data);
        Assert.Equal(3, o.Seed);
        Assert.Equal("seeds/models", o.ModelDir);
        Assert.Equal("seeds/lexicons", o.LexiconDir);
        Assert.Equal("tension model train --name tone-stance-v9 --seed 3 --data a.tsv b.tsv", o.ReconstructCommand());
    }

    [Fact]
    public void the_neutral_heads_are_asked_for_by_flag_and_need_the_tone_trees()
    {
        var (flags, data) = ToneModelCommandLine.Parse(["--name", "n", "--neutral-head", "true", "--neutral-threshold", "0.4", "--data", "a.tsv"]);
        var o = ToneModelCommandLine.TrainFrom(flags, data);
        Assert.True(o.NeutralHead);
        Assert.Equal(0.4f, o.NeutralThreshold);
        Assert.Equal(0.0625f, o.NeutralPull);
        Assert.Equal("tension model train --name n --neutral-head true --neutral-threshold 0.4 --data a.tsv", o.ReconstructCommand());
        var log = new StringWriter();
        Assert.Equal(2, ToneModelCommandLine.Run(["train", "--name", "n", "--neutral-head", "true", "--tone-trees", "false", "--data", "a.tsv"], log));
        Assert.Contains("--neutral-head needs the tone trees", log.ToString());
    }

    [Fact]
    public void eval_defaults_to_the_default_model_and_the_tone_output()
    {
        var (flags, data) = ToneModelCommandLine.Parse(["--data", "x.tsv"]);
        var o = ToneModelCommandLine.EvalFrom(flags, data);
        Assert.Null(o.Model);
        Assert.Equal("tone", o.Output);
        Assert.Equal("seeds/models", o.ModelDir);
        Assert.Equal(Path.Combine("seeds/models", "tone-stance-v6.zip"), ToneModelEvaluation.ResolveModelPath(RepoPaths.Models, null).Replace(RepoPaths.Models, "seeds/models"));
    }

    [Fact]
    public void a_usage_error_exits_with_two()
    {
        var log = new StringWriter();
        Assert.Equal(2, ToneModelCommandLine.Run(["train", "--data", "a.tsv"], log));
        Assert.Contains("--name is required", log.ToString());
        Assert.Equal(2, ToneModelCommandLine.Run(["eval", "--output", "mood", "--data", "a.tsv"], log));
    }

    [Fact]
    public void training_that_needs_word_vectors_without_the_encoder_tool_says_so()
    {
        var dir = Directory.CreateTempSubdirectory("tt-no-tool-");
        try
        {
            var tone = Path.Combine(dir.FullName, "tone.tsv");
            File.WriteAllLines(tone, ["id\tmean_rating\tsd\tn_raters\ttext", "1_1\t2\t0.5\t20\tA fine day.", "1_2\t-2\t0.5\t20\tA grim day."]);
            var log = new StringWriter();
            var code = ToneModelCommandLine.Run(["train", "--name", "t", "--model-dir", dir.FullName, "--lexicon-dir", RepoPaths.Lexicons,
                "--word-vector-prior-l2", "0.0001", "--word-vector-cache", Path.Combine(dir.FullName, "v.bin"),
                "--word-vector-tool", Path.Combine(dir.FullName, "no-tool"), "--data", tone, RepoPaths.StanceSet], log);
            Assert.Equal(1, code);
            Assert.Contains("word-vector tool not found", log.ToString());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
