using TensionTracker.Articles;

namespace TensionTracker.Tests.Articles;

/// <summary>The duplicate/revision decision and the ArticleVersion projection's steps, without a database.</summary>
public class which_version_we_hold
{
    static readonly DateTimeOffset At = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    static readonly Guid Id = Guid.Parse("3f2a0000-0000-4000-8000-000000000001");

    [Theory]
    [InlineData("h1", null, 0, VersionOutcome.New, 1)]
    [InlineData("h1", "h1", 1, VersionOutcome.Duplicate, 1)]
    [InlineData("h2", "h1", 1, VersionOutcome.Revision, 2)]
    [InlineData("h1", "h3", 3, VersionOutcome.Revision, 4)]         // back to an older text is a new revision, not a duplicate
    public void a_content_hash_is_new_a_duplicate_or_the_next_revision(string hash, string? held, int revision, VersionOutcome outcome, int expected)
    {
        Assert.Equal((outcome, expected), ArticleVersions.Decide(hash, held, revision));
        Assert.Equal(ArticleVersions.Answer(outcome), outcome switch { VersionOutcome.New => "accepted", VersionOutcome.Duplicate => "duplicate", _ => "revised" });
    }

    static ArticleVersion Ingested() => ArticleVersionProjection.Create(
        new ArticleIngested(Id, "https://wire.example/a?utm=x", "https://wire.example/a", "Wire", At, "Title", "Body", "en", "h1", At));

    static StatementsExtracted Extracted(int revision, string extractor, DateTimeOffset at) => new(Id, revision, extractor, [], at);

    static StatementsScored Scored(int revision, string extractor, string model) => new(Id, revision, extractor, model, [], At);

    [Fact]
    public void the_models_that_scored_it_are_those_of_the_current_revision_and_extraction()
    {
        var v = Ingested();
        Assert.Equal(("https://wire.example/a", "h1", 1), (v.Url, v.ContentHash, v.Revision));
        Assert.False(v.Scorable());

        ArticleVersionProjection.Apply(Extracted(1, "x1", At.AddSeconds(1)), v);
        ArticleVersionProjection.Apply(Scored(1, "x1", "m1"), v);
        ArticleVersionProjection.Apply(Scored(1, "x1", "m2"), v);
        ArticleVersionProjection.Apply(Scored(1, "x1", "m1"), v);
        Assert.Equal(new List<string> { "m1", "m2" }, v.ScoredBy);
        Assert.True(v.Scorable());
        Assert.Equal(At.AddSeconds(1), v.AnalysedAt);

        // Re-extracted by a newer extractor: the old scores no longer describe its statements.
        ArticleVersionProjection.Apply(Extracted(1, "x2", At.AddSeconds(2)), v);
        Assert.Empty(v.ScoredBy);
        ArticleVersionProjection.Apply(Scored(1, "x1", "m1"), v);   // a late score of the old extraction
        Assert.Empty(v.ScoredBy);
        ArticleVersionProjection.Apply(Scored(1, "x2", "m1"), v);
        Assert.Equal(new List<string> { "m1" }, v.ScoredBy);

        // A revision: new hash, nothing scored yet, not scorable until extracted.
        ArticleVersionProjection.Apply(new ArticleRevised(Id, 2, At, "Title", "Body 2", "h2", At.AddSeconds(3)), v);
        Assert.Equal(("h2", 2, (string?)null), (v.ContentHash, v.Revision, v.ExtractorVersion));
        Assert.Empty(v.ScoredBy);
        Assert.False(v.Scorable());
        ArticleVersionProjection.Apply(Extracted(1, "x2", At.AddSeconds(4)), v);   // the old revision's, late: ignored
        Assert.False(v.Scorable());
        ArticleVersionProjection.Apply(Extracted(2, "x2", At.AddSeconds(5)), v);
        Assert.True(v.Scorable());
    }

    [Fact]
    public void a_copy_stays_scorable_a_retracted_or_unscored_article_does_not()
    {
        var copy = Ingested();
        ArticleVersionProjection.Apply(Extracted(1, "x1", At), copy);
        var original = Guid.NewGuid();
        ArticleVersionProjection.Apply(new ArticleLinkedAsCopy(Id, original, 0.93, At), copy);
        Assert.Equal((original, 0.93), (copy.CopyOf, copy.CopySimilarity!.Value));
        Assert.True(copy.Scorable());
        ArticleVersionProjection.Apply(new ArticleRevised(Id, 2, At, "Title", "Body 2", "h2", At), copy);
        Assert.Equal(ArticleStatus.Copy, copy.Status);   // a revised copy is still a copy

        var retracted = Ingested();
        ArticleVersionProjection.Apply(Extracted(1, "x1", At), retracted);
        ArticleVersionProjection.Apply(new ArticleRetracted(Id, "withdrawn", At), retracted);
        Assert.False(retracted.Scorable());

        var unscored = Ingested();
        ArticleVersionProjection.Apply(new ArticleNotScored(Id, 1, "language fr is not scored", At), unscored);
        Assert.False(unscored.Scorable());
    }

    [Fact]
    public void ingest_decides_with_the_version_held()
    {
        var message = new IngestArticle(Id, "https://wire.example/a", "https://wire.example/a", "Wire", At, "Title", "Body", "en", "h1");
        Assert.IsType<ArticleIngested>(IngestArticleHandler.Decide(message, null, At).First);
        Assert.True(IngestArticleHandler.Decide(message, Ingested(), At).IsDuplicate);
        var revised = Assert.IsType<ArticleRevised>(IngestArticleHandler.Decide(message with { ContentHash = "h2" }, Ingested(), At).First);
        Assert.Equal(2, revised.Revision);
    }
}
