namespace TensionTracker.Text.Extraction;

/// <summary>An actor found in the text, resolved against the gazetteer for the article's date and context.</summary>
sealed record Resolved(int TokStart, int TokEnd, string? Country, ActorKind Kind, string? Role, string Name, string Key);

/// <summary>Who speaks in a sentence; [TokFrom, TokTo) is the phrase that named them, excluded from the targets.</summary>
sealed record Speaker(string Text, string? Country, string Role, bool IsPerson, int TokFrom, int TokTo)
{
    /// <summary>Found by reference ("he", "the ministry", a surname): keeps the country and role it was given.</summary>
    public bool Ref { get; init; }

    /// <summary>Found as the subject of an act of state ("Somalia expelled ..."), not of a verb of saying: a state, never an
    /// institution a later "spokesperson" belongs to.</summary>
    public bool Act { get; init; }

    /// <summary>An act the outlet narrates ("Syria offered troops to Lebanon"), not words anyone said.</summary>
    public bool Narrated { get; init; }

    /// <summary>A narrated act on the other state's ground (a strike, a troop move, a visit): the place or capital it happens
    /// in ("arrived in Monrovia") names the state it is toward.</summary>
    public bool Territorial { get; init; }

    /// <summary>The other state of a subject two states form ("Argentina and Britain agreed"): each acts toward the other,
    /// so the sentence gives a statement each way.</summary>
    public Speaker? Partner { get; init; }
}

/// <summary>
/// One sentence as the stages leave it: its span and tokens (segments), which tokens are quoted, the actors it names
/// (mentions) and who speaks in it (speakers). Each stage returns new sentences rather than changing these.
/// </summary>
sealed record Sentence(Segment Span, List<Token> Tokens, bool[] InQuote)
{
    public List<Resolved> Mentions { get; init; } = [];
    public Speaker? Speaker { get; init; }
    public bool Counted => Span.Section != Sections.Caption && !Span.Duplicate;
}

/// <summary>What the mention stage learns about the whole article, read by every later stage.</summary>
/// <param name="MainPair">The two countries the article names most (headlines twice), or empty.</param>
/// <param name="TopCountry">The country it names most.</param>
/// <param name="Home">The dateline's country ("BOGOTA — ..."): where unnamed officials usually belong.</param>
/// <param name="DatelineEnd">Where the dateline ends in the text, so the first sentence's subject comes after it; -1 without one.</param>
/// <param name="Cancellation">Checked once a sentence in every pass: a long article must stop within the caller's budget.</param>
sealed record ArticleFacts(string Text, DateOnly Date, string[] MainPair, string? TopCountry, string? Home, int DatelineEnd, CancellationToken Cancellation);
