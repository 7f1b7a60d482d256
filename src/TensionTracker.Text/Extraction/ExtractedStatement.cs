namespace TensionTracker.Text.Extraction;

/// <summary>
/// One statement found in an article: where it sits, who said it, for which country, about which countries.
/// Offsets are character offsets into <see cref="ArticleDocument.Text"/> (title, blank line, body), so the
/// text itself need not be copied into events: <c>Text</c> is kept for convenience and equals the slice.
/// </summary>
public sealed record ExtractedStatement(
    int Start,
    int Length,
    string Text,
    string Section,            // see Sections
    string? Speaker,           // "Marco Rubio", "the State Department", null when unattributed
    string SpeakerRole,        // see SpeakerRoles
    string? SpeakerCountry,    // ISO alpha-3, null for non-state or unknown speakers
    string[] Targets,          // ISO alpha-3 countries the statement is about (never the speaker's own)
    bool Direct)               // the target is addressed or named explicitly, not a passing mention
{
    /// <summary>False for captions, pull quotes and a headline repeating the body: shown, never counted twice.</summary>
    public bool Counted { get; init; } = true;

    /// <summary>True for an act of one state toward another that the outlet narrates ("Syria offered troops to Lebanon",
    /// "Iraqi diplomats were expelled by Kuwait"): the speaker is the acting state, nobody is quoted.</summary>
    public bool Narrated { get; init; }
}

public static class Sections
{
    public const string Headline = "headline";
    public const string Body = "body";
    public const string Caption = "caption";
}

/// <summary>Speaker roles, from most to least salient. The index weights them (see docs/tension-index.md).</summary>
public static class SpeakerRoles
{
    public const string HeadOfState = "head_of_state";        // presidents, monarchs, prime ministers, chancellors
    public const string Minister = "minister";                // foreign, defence and other ministers
    public const string Legislator = "legislator";
    public const string Military = "military";                // generals, armed forces
    public const string Official = "official";                // ministries, spokespeople, embassies, state media
    public const string Analyst = "analyst";                  // analysts, think tanks, academics
    public const string Organisation = "organisation";        // NGOs, international organisations
    public const string Unattributed = "unattributed";        // the outlet's own narration

    public static readonly string[] All =
        [HeadOfState, Minister, Legislator, Military, Official, Analyst, Organisation, Unattributed];
}

/// <summary>The text an article's offsets refer to: the normalised title, a blank line, the normalised body.</summary>
public static class ArticleDocument
{
    public const string Separator = "\n\n";
    public static string Text(string title, string body) => title + Separator + body;
    public static int BodyOffset(string title) => title.Length + Separator.Length;
}
