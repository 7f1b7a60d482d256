using TensionTracker.Articles;
using TensionTracker.Text.Extraction;

namespace TensionTracker.Tests.Dyads;

/// <summary>ArticleViewProjection's Apply methods, called directly: events in, document out, no database.</summary>
public class the_article_view
{
    static readonly DateTimeOffset T = new(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);
    static readonly Guid Id = Guid.NewGuid();

    static ArticleView Ingested() => ArticleViewProjection.Create(new ArticleIngested(Id, "https://x.example/a", null, "X", T, "Title", "Body", "en", "h1", T));

    static StatementsExtracted Extracted(int revision) => new(Id, revision, "extractor-x",
        [new StatementRecord(0, 5, Sections.Body, "P", SpeakerRoles.HeadOfState, "AAA", ["BBB"], true)], T.AddMinutes(1), T);

    [Fact]
    public void an_extracted_article_is_scored_with_its_statements()
    {
        var view = Ingested();
        Assert.Equal(ArticleStatus.Received, view.Status);
        ArticleViewProjection.Apply(Extracted(1), view);
        Assert.Equal(ArticleStatus.Scored, view.Status);
        Assert.Equal("extractor-x", view.ExtractorVersion);
        Assert.Equal(5, Assert.Single(view.Statements).End);
    }

    [Fact]
    public void a_revision_clears_the_statements_and_a_late_extraction_of_the_old_revision_is_ignored()
    {
        var view = Ingested();
        ArticleViewProjection.Apply(Extracted(1), view);
        ArticleViewProjection.Apply(new ArticleRevised(Id, 2, T, "Title 2", "Body 2", "h2", T.AddHours(1)), view);
        Assert.Empty(view.Statements);
        Assert.Equal(ArticleStatus.Received, view.Status);
        ArticleViewProjection.Apply(Extracted(1), view);
        Assert.Empty(view.Statements);
        Assert.Equal(2, view.Revision);
    }

    [Fact]
    public void a_copy_stays_a_copy_through_revisions_and_a_retraction_says_why()
    {
        var view = Ingested();
        var original = Guid.NewGuid();
        ArticleViewProjection.Apply(new ArticleLinkedAsCopy(Id, original, 0.93, T.AddMinutes(2)), view);
        ArticleViewProjection.Apply(Extracted(1), view);
        Assert.Equal(ArticleStatus.Copy, view.Status);
        ArticleViewProjection.Apply(new ArticleRevised(Id, 2, T, "Title 2", "Body 2", "h2", T.AddHours(1)), view);
        Assert.Equal(ArticleStatus.Copy, view.Status);
        Assert.Contains(original.ToString(), view.Reason);
        ArticleViewProjection.Apply(new ArticleRetracted(Id, "withdrawn by the outlet", T.AddHours(2)), view);
        Assert.Equal((ArticleStatus.Retracted, "withdrawn by the outlet", T.AddHours(2)), (view.Status, view.Reason, view.RetractedAt));
    }
}
