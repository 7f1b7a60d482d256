namespace TensionTracker.Text.Extraction;

/// <summary>The statements of one article and the pair it is mainly about (the two most mentioned countries).</summary>
public sealed record ArticleExtraction(IReadOnlyList<ExtractedStatement> Statements, string[] MainPair)
{
    /// <summary>The main pair as a pair key ("COL-USA"), or null when the article names fewer than two countries.</summary>
    public string? MainPairKey => MainPair.Length == 2 ? string.Join('-', MainPair.Order(StringComparer.Ordinal)) : null;
}

/// <summary>
/// Splits an article into statements and works out, for each, who spoke, for which country, about which countries.
/// Stateless apart from the read-only gazetteer, so one instance serves every thread. Rules, not a model: the
/// version below is stamped on the events it derives, and must change whenever the rules or the gazetteer change.
/// </summary>
public sealed class StatementExtractor
{
    // extractor-1: first rules; extractor-2: headlines as narration, appositions, references, third-party targets;
    // extractor-3: shared names by evidence, place-named people, old-list people corroborated, documents and bodies as sources;
    // extractor-4: governing movements by date, "the ministry" as the one last named with its state, two attributions in one
    // sentence, stance verbs and relative clauses, leaders titled once, companies as non-state, shared names by paragraph;
    // extractor-5: bodies owned by a state's possessive or demonym and known by their initials, a fronted "In <capital>,",
    // a general list of seats of government, signed pull quotes, taking sides as a stance, "and said" with the subject,
    // venues, yardsticks and embassy hosts not targets;
    // extractor-6: acts of state with a state subject, subjects after datelines and times, "but said" and "and it", a speaker
    // over the agency reporting it, officials who accuse the dateline's country, bodies named after or owned by a state
    // extractor-7: opening time phrases, connectives and hedges never names, a clause opened by "while" no attribution, an
    // unplaced state body the speaking state's, narrated acts of one state toward another as statements
    // extractor-8: office-holders of the dated lists by family name while the one holder in office, two states as one subject
    // a statement each way, forces and weapons as actors and agents, the acts' wire verbs, 1990s state names
    // extractor-9: an act reported by another state's attribution is the acting state's, two leaders as one subject, rulers
    // by title, more of the CAMEO verbs and phrases, the place a territorial act happens in names its target, datelines
    // never subjects of acts
    // extractor-10: accords and talks between two states as a subject, officials of two states, a list of states or a state
    // and its allies acting, parliaments' and cabinets' decisions, exchanges, visits begun
    public const string Version = "extractor-10";
    readonly Gazetteer _g;

    public StatementExtractor(Gazetteer g) => _g = g;

    /// <summary>The statements to count: headline, body and bullets, without captions, pull quotes or a headline that only
    /// repeats the body. Offsets are into <see cref="ArticleDocument.Text"/>. A cancelled <paramref name="cancellation"/> stops
    /// it between two sentences with an OperationCanceledException.</summary>
    public IReadOnlyList<ExtractedStatement> Extract(string title, string body, DateTimeOffset publishedAt, CancellationToken cancellation = default) =>
        Analyse(title, body, publishedAt, cancellation: cancellation).Statements;

    /// <summary>As <see cref="Extract(string,string,DateTimeOffset,CancellationToken)"/>, plus the main pair; with
    /// <paramref name="includeUncounted"/> also captions and duplicates (marked <c>Counted = false</c>) for display.</summary>
    public ArticleExtraction Analyse(string title, string body, DateTimeOffset publishedAt, bool includeUncounted = false,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(body);
        return ArticleAnalysis.Run(_g, title, body, DateOnly.FromDateTime(publishedAt.UtcDateTime), includeUncounted, cancellation);
    }
}
