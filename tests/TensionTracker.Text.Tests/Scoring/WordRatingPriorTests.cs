using TensionTracker.Text.Scoring;

namespace TensionTracker.Text.Tests.Scoring;

public class WordRatingPriorTests
{
    // Two directions: the first carries sentiment, the second does not.
    private static readonly WordVectors Vectors = WordVectors.From(new Dictionary<string, float[]>
    {
        ["good"] = [1f, 0f], ["great"] = [0.9f, 0.1f], ["bad"] = [-1f, 0f], ["awful"] = [-0.9f, 0.1f],
        ["the"] = [0f, 1f], ["day"] = [0f, 0.8f], ["table"] = [0.05f, 0.9f],
    });

    private static readonly (string Text, float Label, float Weight)[] Rows =
    [
        ("good day", 0.5f, 1f), ("the good day", 0.4f, 1f), ("good", 0.6f, 1f),
        ("bad day", -0.5f, 1f), ("the bad day", -0.4f, 1f), ("bad", -0.6f, 1f), ("the day", 0f, 1f),
    ];

    private static float Rating(WordRatings ratings, string word)
    {
        var f = new float[WordRatings.FeatureCount];
        ratings.Write(TextTokens.Of(word), f);
        return f[0];
    }

    [Fact]
    public void words_never_rated_take_the_sign_of_the_words_their_vectors_are_near()
    {
        var prior = WordRatingPrior.Fit(Rows, Vectors, 1e-4);
        Assert.True(prior["great"] > 0.3f, $"great {prior["great"]}");
        Assert.True(prior["awful"] < -0.3f, $"awful {prior["awful"]}");
        Assert.InRange(prior["table"], -0.1f, 0.1f);
    }

    [Fact]
    public void ratings_shrink_towards_the_prior_and_cover_the_words_training_never_saw()
    {
        var prior = WordRatingPrior.Fit(Rows, Vectors, 1e-4);
        var without = WordRatings.Learn(Rows, alpha: 5f, minWeight: 2f);
        var with = WordRatings.Learn(Rows, alpha: 5f, minWeight: 2f, prior);
        Assert.Equal(0f, Rating(without, "great"));
        Assert.Equal(prior["great"], Rating(with, "great"), 3);
        // "good" is seen three times: its rating lies between its own mean and the prior, above what 0 as the prior gives.
        Assert.True(Rating(with, "good") > Rating(without, "good"));
        Assert.True(Rating(with, "good") < prior["good"]);
    }

    [Fact]
    public void the_vector_cache_reads_back_what_was_written()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tt-vectors-{Guid.NewGuid():N}.bin");
        try
        {
            WordVectors.WriteCache(path, new Dictionary<string, float[]> { ["calm"] = [0.25f, -1f], ["storm"] = [1f, 2f] });
            var read = WordVectors.ReadCache(path);
            Assert.Equal([0.25f, -1f], read["calm"]);
            Assert.Equal([1f, 2f], read["storm"]);
            // Everything asked for is cached, so the encoder tool (absent here) is not needed.
            var vectors = WordVectors.For(["calm"], path, "no-such-tool", TextWriter.Null);
            Assert.Equal(1, vectors.Count);
            Assert.Throws<FileNotFoundException>(() => WordVectors.For(["calm", "breeze"], path, "no-such-tool", TextWriter.Null));
            // A cache cut short reads as empty (its words are encoded again) rather than failing the training.
            var bytes = File.ReadAllBytes(path);
            File.WriteAllBytes(path, bytes[..(bytes.Length - 3)]);
            Assert.Empty(WordVectors.ReadCache(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
