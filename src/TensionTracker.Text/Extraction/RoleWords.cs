namespace TensionTracker.Text.Extraction;

/// <summary>Cue words for speech and for speaker roles. Lower-case token norms; two-word cues are joined by a space.</summary>
static class RoleWords
{
    /// <summary>Verbs of saying and of the paraphrased acts the index cares about (accuse, warn, threaten ...).</summary>
    public static readonly HashSet<string> SpeechVerbs = new(StringComparer.Ordinal)
    {
        "said", "says", "say", "told", "tells", "wrote", "writes", "posted", "posts", "tweeted", "tweets", "added", "adds",
        "stated", "states", "warned", "warns", "accused", "accuses", "threatened", "threatens", "urged", "urges", "called",
        "calls", "condemned", "condemns", "denied", "denies", "rejected", "rejects", "demanded", "demands", "vowed", "vows",
        "pledged", "pledges", "criticised", "criticized", "criticises", "criticizes", "blamed", "blames", "praised", "praises",
        "welcomed", "welcomes", "announced", "announces", "insisted", "insists", "claimed", "claims", "argued", "argues",
        "noted", "notes", "stressed", "stresses", "declared", "declares", "asserted", "asserts", "responded", "replied",
        "acknowledged", "acknowledges", "explained", "cautioned", "alleged", "alleges", "suggested", "suggests", "signaled",
        "signalled", "promised", "promises", "dismissed", "dismisses", "slammed", "slams", "hailed", "hails", "asked",
        "confirmed", "confirms", "described", "labelled", "labeled", "branded", "questioned", "mocked", "countered",
        "retorted", "lamented", "complained", "protested", "emphasised", "emphasized", "reiterated", "reaffirmed",
        "expressed", "summoned", "appealed", "proposed", "offered", "declined", "ordered", "recalled", "wrote", "believes",
        "thinks", "tweeted", "posted", "charged", "predicted", "conceded", "admitted", "accusing", "warning", "saying", "voiced", "signalled", "argued", "maintained", "added",
    };

    /// <summary>Verbs whose subject is the speaker even when the sentence has no quote: "X accused Y of ...".</summary>
    public static readonly HashSet<string> Auxiliaries = new(StringComparer.Ordinal)
    {
        "has", "have", "had", "also", "later", "previously", "repeatedly", "publicly", "again", "then", "further", "once",
        "separately", "earlier", "already", "recently", "subsequently", "formally", "sharply", "strongly", "angrily",
        "bluntly", "openly", "privately", "firmly", "flatly", "quickly", "immediately", "swiftly", "directly", "is", "was",
        "were", "are", "will", "would", "on", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "yesterday", "today", "had", "did", "not", "has", "never", "also", "in", "a", "statement", "late", "early",
    };

    public static readonly HashSet<string> Pronouns = new(StringComparer.Ordinal) { "he", "she", "they", "it", "we", "i" };

    public static readonly HashSet<string> NameConnectors = new(StringComparer.Ordinal)
    { "bin", "al", "de", "da", "van", "von", "der", "la", "el", "ibn", "dos", "del", "di", "le", "du", "abu", "ben" };

    // single-word role cues
    static readonly Dictionary<string, string> One = new(StringComparer.Ordinal)
    {
        ["president"] = SpeakerRoles.HeadOfState, ["premier"] = SpeakerRoles.HeadOfState, ["chancellor"] = SpeakerRoles.HeadOfState,
        ["king"] = SpeakerRoles.HeadOfState, ["queen"] = SpeakerRoles.HeadOfState, ["emperor"] = SpeakerRoles.HeadOfState,
        ["monarch"] = SpeakerRoles.HeadOfState, ["emir"] = SpeakerRoles.HeadOfState, ["sultan"] = SpeakerRoles.HeadOfState,
        ["ayatollah"] = SpeakerRoles.HeadOfState, ["taoiseach"] = SpeakerRoles.HeadOfState, ["pm"] = SpeakerRoles.HeadOfState,
        ["minister"] = SpeakerRoles.Minister, ["secretary"] = SpeakerRoles.Minister, ["ministers"] = SpeakerRoles.Minister,
        ["senator"] = SpeakerRoles.Legislator, ["sen"] = SpeakerRoles.Legislator, ["sens"] = SpeakerRoles.Legislator,
        ["rep"] = SpeakerRoles.Legislator, ["lawmaker"] = SpeakerRoles.Legislator, ["lawmakers"] = SpeakerRoles.Legislator,
        ["congressman"] = SpeakerRoles.Legislator, ["congresswoman"] = SpeakerRoles.Legislator, ["legislator"] = SpeakerRoles.Legislator,
        ["legislators"] = SpeakerRoles.Legislator, ["mp"] = SpeakerRoles.Legislator, ["mps"] = SpeakerRoles.Legislator,
        ["parliamentarian"] = SpeakerRoles.Legislator, ["senators"] = SpeakerRoles.Legislator, ["duma"] = SpeakerRoles.Legislator,
        ["congress"] = SpeakerRoles.Legislator, ["parliament"] = SpeakerRoles.Legislator, ["senate"] = SpeakerRoles.Legislator,
        ["general"] = SpeakerRoles.Military, ["gen"] = SpeakerRoles.Military, ["admiral"] = SpeakerRoles.Military,
        ["adm"] = SpeakerRoles.Military, ["commander"] = SpeakerRoles.Military, ["colonel"] = SpeakerRoles.Military,
        ["col"] = SpeakerRoles.Military, ["army"] = SpeakerRoles.Military, ["military"] = SpeakerRoles.Military,
        ["navy"] = SpeakerRoles.Military, ["troops"] = SpeakerRoles.Military, ["brigadier"] = SpeakerRoles.Military,
        ["marshal"] = SpeakerRoles.Military, ["lt"] = SpeakerRoles.Military, ["maj"] = SpeakerRoles.Military,
        ["spokesperson"] = SpeakerRoles.Official, ["spokesman"] = SpeakerRoles.Official, ["spokeswoman"] = SpeakerRoles.Official,
        ["ministry"] = SpeakerRoles.Official, ["department"] = SpeakerRoles.Official, ["embassy"] = SpeakerRoles.Official,
        ["ambassador"] = SpeakerRoles.Official, ["envoy"] = SpeakerRoles.Official, ["official"] = SpeakerRoles.Official,
        ["officials"] = SpeakerRoles.Official, ["government"] = SpeakerRoles.Official, ["diplomat"] = SpeakerRoles.Official,
        ["diplomats"] = SpeakerRoles.Official, ["consulate"] = SpeakerRoles.Official, ["agency"] = SpeakerRoles.Official,
        ["presidency"] = SpeakerRoles.Official, ["cabinet"] = SpeakerRoles.Official, ["administration"] = SpeakerRoles.Official,
        ["negotiator"] = SpeakerRoles.Official, ["adviser"] = SpeakerRoles.Official, ["advisor"] = SpeakerRoles.Official,
        ["aide"] = SpeakerRoles.Official, ["delegation"] = SpeakerRoles.Official, ["authorities"] = SpeakerRoles.Official,
        ["mission"] = SpeakerRoles.Official, ["office"] = SpeakerRoles.Official, ["regime"] = SpeakerRoles.Official,
        ["analyst"] = SpeakerRoles.Analyst, ["analysts"] = SpeakerRoles.Analyst, ["expert"] = SpeakerRoles.Analyst,
        ["experts"] = SpeakerRoles.Analyst, ["professor"] = SpeakerRoles.Analyst, ["researcher"] = SpeakerRoles.Analyst,
        ["researchers"] = SpeakerRoles.Analyst, ["fellow"] = SpeakerRoles.Analyst, ["scholar"] = SpeakerRoles.Analyst,
        ["economist"] = SpeakerRoles.Analyst, ["historian"] = SpeakerRoles.Analyst, ["academic"] = SpeakerRoles.Analyst,
        ["commentator"] = SpeakerRoles.Analyst, ["observers"] = SpeakerRoles.Analyst, ["lecturer"] = SpeakerRoles.Analyst,
        ["strategist"] = SpeakerRoles.Analyst, ["prof"] = SpeakerRoles.Analyst, ["university"] = SpeakerRoles.Analyst,
        ["institute"] = SpeakerRoles.Analyst, ["columnist"] = SpeakerRoles.Analyst,
        ["organization"] = SpeakerRoles.Organisation, ["organisation"] = SpeakerRoles.Organisation, ["ngo"] = SpeakerRoles.Organisation,
        ["charity"] = SpeakerRoles.Organisation, ["watchdog"] = SpeakerRoles.Organisation, ["activists"] = SpeakerRoles.Organisation,
        ["activist"] = SpeakerRoles.Organisation, ["opposition"] = SpeakerRoles.Organisation, ["rebels"] = SpeakerRoles.Organisation,
    };

    // two-word cues win over their parts ("prime minister" is not a minister, "think tank" is an analyst)
    static readonly Dictionary<string, string> Two = new(StringComparer.Ordinal)
    {
        ["prime minister"] = SpeakerRoles.HeadOfState, ["supreme leader"] = SpeakerRoles.HeadOfState,
        ["crown prince"] = SpeakerRoles.HeadOfState, ["vice president"] = SpeakerRoles.Minister,
        ["think tank"] = SpeakerRoles.Analyst, ["state media"] = SpeakerRoles.Official, ["news agency"] = SpeakerRoles.Official,
        ["state television"] = SpeakerRoles.Official, ["state tv"] = SpeakerRoles.Official, ["press secretary"] = SpeakerRoles.Official,
        ["air force"] = SpeakerRoles.Military, ["armed forces"] = SpeakerRoles.Military, ["coast guard"] = SpeakerRoles.Military,
        ["defence forces"] = SpeakerRoles.Military, ["defense forces"] = SpeakerRoles.Military, ["joint chiefs"] = SpeakerRoles.Military,
        ["rights group"] = SpeakerRoles.Organisation, ["aid group"] = SpeakerRoles.Organisation, ["secretary general"] = SpeakerRoles.Organisation,
        ["house speaker"] = SpeakerRoles.Legislator, ["defence ministry"] = SpeakerRoles.Military, ["defense ministry"] = SpeakerRoles.Military,
        ["foreign ministry"] = SpeakerRoles.Official, ["foreign office"] = SpeakerRoles.Official, ["white house"] = SpeakerRoles.Official,
    };

    /// <summary>The strongest role cue in tokens [from, to), or null. Person titles outrank institutions.</summary>
    public static string? RoleIn(List<Token> toks, int from, int to)
    {
        string? best = null;
        int bestRank = int.MaxValue;
        for (int i = from; i < to; i++)
        {
            if (!toks[i].IsWord) continue;
            string? r = null;
            if (i + 1 < to && toks[i + 1].IsWord && Two.TryGetValue(toks[i].Norm + " " + toks[i + 1].Norm, out var r2)) { r = r2; i++; }
            else if (One.TryGetValue(toks[i].Norm, out var r1)) r = r1;
            if (r is null) continue;
            int rank = Rank(r);
            if (rank < bestRank) { best = r; bestRank = rank; }
        }
        return best;
    }

    // analyst/organisation cues first: "a former minister" and "an analyst at the ministry" are not the state speaking
    static int Rank(string role) => role switch
    {
        SpeakerRoles.Analyst => 0,
        SpeakerRoles.Organisation => 1,
        SpeakerRoles.HeadOfState => 2,
        SpeakerRoles.Minister => 3,
        SpeakerRoles.Legislator => 4,
        SpeakerRoles.Military => 5,
        _ => 6,
    };

    public static bool IsRoleWord(string norm) => One.ContainsKey(norm) || norm is "foreign" or "defence" or "defense" or "prime"
        or "vice" or "deputy" or "chief" or "head" or "mr" or "mrs" or "ms" or "dr" or "sir" or "dame" or "lord" or "field"
        or "supreme" or "crown" or "prince" or "princess" or "sheikh" or "state" or "interior" or "finance" or "trade"
        or "press" or "senior" or "top" or "acting" or "new" or "then" or "leader" or "speaker" or "national" or "security";
}
