namespace TensionTracker.Text.Extraction;

/// <summary>
/// One article through the stages, in order: segments (sentences, tokens, quotes), mentions (actors resolved, dateline, main
/// pair), speakers (read in order with the discourse state), acts (narrated acts of one state toward another), targets
/// (the statements). Each stage returns new values.
/// </summary>
static class ArticleAnalysis
{
    public static ArticleExtraction Run(Gazetteer g, string title, string body, DateOnly date, bool includeUncounted, CancellationToken cancellation)
    {
        var text = ArticleDocument.Text(title, body);
        var segments = SegmentStage.Read(text, title, body, cancellation);
        var (sentences, article) = MentionStage.Read(g, text, date, segments, cancellation);
        var spoken = SpeakerStage.Read(article, sentences);
        var acted = ActStage.Read(article, spoken);
        var statements = TargetStage.Read(article, acted, includeUncounted);
        return new ArticleExtraction(statements, article.MainPair);
    }
}
