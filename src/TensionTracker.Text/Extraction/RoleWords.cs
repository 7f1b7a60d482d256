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
        "welcomed", "welcomes", "announced", "announces", "insisted", "insists", "claimed", "argued", "argues",
        "noted", "notes", "stressed", "stresses", "declared", "declares", "asserted", "asserts", "responded", "replied",
        "acknowledged", "acknowledges", "explained", "cautioned", "alleged", "alleges", "suggested", "suggests", "signaled", "thanked",
        "signalled", "promised", "promises", "dismissed", "dismisses", "slammed", "slams", "hailed", "hails", "asked",
        "confirmed", "confirms", "described", "labelled", "labeled", "branded", "questioned", "mocked", "countered",
        "retorted", "lamented", "complained", "protested", "emphasised", "emphasized", "reiterated", "reaffirmed",
        "expressed", "summoned", "appealed", "proposed", "offered", "declined", "ordered", "recalled", "wrote", "believes",
        "thinks", "tweeted", "posted", "charged", "predicted", "conceded", "admitted", "accusing", "warning", "saying", "voiced", "signalled", "argued", "maintained", "added", "respond", "answered", "briefed",
        // plural present ("The Taliban deny ...", "Officials insist ...") and acts that report a stance ("defended the
        // deportations", "discussed the expulsions with his cabinet"); not forms that are also nouns (claim, demand)
        "deny", "accuse", "warn", "reject", "insist", "argue", "condemn", "defended", "defends", "discussed", "discusses",
        "cites", "cited", // "Kampala cites drought": giving a reason is saying it
    };

    /// <summary>Verbs whose subject is the speaker even when the sentence has no quote: "X accused Y of ...".</summary>
    public static readonly HashSet<string> Auxiliaries = new(StringComparer.Ordinal)
    {
        "has", "have", "had", "also", "long", "later", "previously", "repeatedly", "publicly", "again", "then", "further", "once",
        "separately", "earlier", "already", "recently", "subsequently", "formally", "sharply", "strongly", "angrily",
        "bluntly", "openly", "privately", "firmly", "flatly", "quickly", "immediately", "swiftly", "directly", "is", "was",
        "were", "are", "will", "would", "on", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "yesterday", "today", "had", "did", "not", "has", "never", "also", "in", "a", "statement", "late", "early",
    };

    /// <summary>Diplomatic acts that, with a state as their subject, annotators read as that state's stance ("Kenya expelled
    /// the ambassador", "Nairobi closed the crossings"); with any other subject they are narration. Economic measures
    /// ("imposed tariffs", "sanctioned") stay narration, as the development set annotates them.</summary>
    public static readonly HashSet<string> StateActs = new(StringComparer.Ordinal)
    {
        "expelled", "expels", "closed", "closes", "suspended", "suspends", "lodged", "lodges", "blocked", "blocks", "froze",
        "freezes", "withdrew", "withdraws", "downgraded", "downgrades", "severed", "severs", "revoked", "revokes", "retaliated",
        "retaliates", "avoided", "avoids", "reopened", "reopens", "recalls", "summons", "protests",
    };

    /// <summary>"last year", "this week", "that month": a time between a subject and its verb.</summary>
    public static readonly HashSet<string> TimeNouns = new(StringComparer.Ordinal)
    {
        "year", "month", "week", "weekend", "night", "summer", "winter", "spring", "autumn", "fall", "decade", "time",
    };

    public static readonly HashSet<string> Pronouns = new(StringComparer.Ordinal) { "he", "she", "they", "it", "we", "i" };

    public static readonly HashSet<string> NameConnectors = new(StringComparer.Ordinal)
    { "bin", "al", "de", "da", "van", "von", "der", "la", "el", "ibn", "dos", "del", "di", "le", "du", "abu", "ben" };

    /// <summary>Documents that speak for whoever issued them: "according to a statement from X", "the statement said".</summary>
    public static readonly HashSet<string> DocumentNouns = new(StringComparer.Ordinal)
    {
        "statement", "statements", "report", "readout", "communique", "communiqué", "transcript", "post", "letter", "note",
        "document", "summary", "release", "filing", "notice", "decree", "memo", "memorandum", "sheet", "video", "message",
        "minutes", "announcement", "bulletin", "editorial", "commentary", "text",
    };

    /// <summary>Capitalised words that continue a place's name rather than a person's ("Kabul Airport", "Minsk Agreements").</summary>
    public static readonly HashSet<string> PlaceNameHeads = new(StringComparer.Ordinal)
    {
        "airport", "university", "province", "region", "governorate", "district", "county", "city", "street", "square",
        "post", "times", "declaration", "accord", "accords", "agreement", "agreements", "protocol", "summit", "process",
        "format", "olympics", "exchange", "metro", "port", "bay", "valley", "river", "strait", "sea", "island", "islands",
        "mountains", "station", "bridge", "dam", "canal", "road", "highway", "corridor", "zone", "line", "oblast", "state",
        "republican", "republicans", "democrat", "democrats", "democratic", "conservative", "conservatives", "liberal",
        "labour", "labor", "party", "club", "stadium", "hotel", "palace", "airbase", "base", "prison", "court", "treaty",
        "conference", "talks", "dialogue", "initiative", "plan", "pact", "memorandum", "communique", "group", "herald",
        "journal", "daily", "news", "tribune", "gazette", "review", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december",
    };

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
        ["marshal"] = SpeakerRoles.Military, ["commodore"] = SpeakerRoles.Military, ["captain"] = SpeakerRoles.Military,
        ["capt"] = SpeakerRoles.Military, ["guard"] = SpeakerRoles.Official, ["source"] = SpeakerRoles.Official, ["sources"] = SpeakerRoles.Official, ["guards"] = SpeakerRoles.Military, ["soldiers"] = SpeakerRoles.Military, ["forces"] = SpeakerRoles.Military, ["lieutenant"] = SpeakerRoles.Military,
        ["brig"] = SpeakerRoles.Military, ["critic"] = SpeakerRoles.Legislator,
        ["committee"] = SpeakerRoles.Official, ["commission"] = SpeakerRoles.Official, ["council"] = SpeakerRoles.Official,
        ["bureau"] = SpeakerRoles.Official, ["directorate"] = SpeakerRoles.Official, ["police"] = SpeakerRoles.Official,
        ["newspaper"] = SpeakerRoles.Official, ["broadcaster"] = SpeakerRoles.Official, ["prosecutors"] = SpeakerRoles.Official,
        ["organisations"] = SpeakerRoles.Organisation, ["organizations"] = SpeakerRoles.Organisation, ["coalition"] = SpeakerRoles.Organisation,
        ["advocacy"] = SpeakerRoles.Organisation, ["association"] = SpeakerRoles.Organisation, ["associations"] = SpeakerRoles.Organisation,
        ["ngos"] = SpeakerRoles.Organisation, ["groups"] = SpeakerRoles.Organisation, ["counterpart"] = SpeakerRoles.Minister, ["opposition"] = SpeakerRoles.Legislator,
        ["legislative"] = SpeakerRoles.Legislator, ["parliamentary"] = SpeakerRoles.Legislator, ["assembly"] = SpeakerRoles.Legislator,
        ["bundestag"] = SpeakerRoles.Legislator, ["knesset"] = SpeakerRoles.Legislator, ["shadow"] = SpeakerRoles.Legislator, ["headquarters"] = SpeakerRoles.Official, ["campaigners"] = SpeakerRoles.Organisation, ["protesters"] = SpeakerRoles.Organisation, ["lt"] = SpeakerRoles.Military, ["maj"] = SpeakerRoles.Military,
        ["spokesperson"] = SpeakerRoles.Official, ["spokesman"] = SpeakerRoles.Official, ["spokeswoman"] = SpeakerRoles.Official,
        ["ministry"] = SpeakerRoles.Official, ["department"] = SpeakerRoles.Official, ["embassy"] = SpeakerRoles.Official,
        ["ambassador"] = SpeakerRoles.Official, ["envoy"] = SpeakerRoles.Official, ["official"] = SpeakerRoles.Official,
        ["officials"] = SpeakerRoles.Official, ["government"] = SpeakerRoles.Official, ["diplomat"] = SpeakerRoles.Official,
        ["diplomats"] = SpeakerRoles.Official, ["consulate"] = SpeakerRoles.Official, ["agency"] = SpeakerRoles.Official,
        ["presidency"] = SpeakerRoles.Official, ["cabinet"] = SpeakerRoles.Official, ["administration"] = SpeakerRoles.Official,
        ["negotiator"] = SpeakerRoles.Official, ["adviser"] = SpeakerRoles.Official, ["advisor"] = SpeakerRoles.Official,
        ["aide"] = SpeakerRoles.Official, ["delegation"] = SpeakerRoles.Official, ["authorities"] = SpeakerRoles.Official,
        ["mission"] = SpeakerRoles.Official, ["office"] = SpeakerRoles.Official, ["regime"] = SpeakerRoles.Official, ["junta"] = SpeakerRoles.Official,
        ["service"] = SpeakerRoles.Official, ["party"] = SpeakerRoles.Official, // "Georgia's State Security Service", "the ruling party"
        ["member"] = SpeakerRoles.Official, ["members"] = SpeakerRoles.Official, // of what, the rest of the phrase says ("of the lower house")
        ["director"] = SpeakerRoles.Official, ["officer"] = SpeakerRoles.Official, ["officers"] = SpeakerRoles.Official,
        ["analyst"] = SpeakerRoles.Analyst, ["analysts"] = SpeakerRoles.Analyst, ["expert"] = SpeakerRoles.Analyst,
        ["experts"] = SpeakerRoles.Analyst, ["professor"] = SpeakerRoles.Analyst, ["researcher"] = SpeakerRoles.Analyst,
        ["researchers"] = SpeakerRoles.Analyst, ["fellow"] = SpeakerRoles.Analyst, ["scholar"] = SpeakerRoles.Analyst,
        ["economist"] = SpeakerRoles.Analyst, ["historian"] = SpeakerRoles.Analyst, ["academic"] = SpeakerRoles.Analyst,
        ["commentator"] = SpeakerRoles.Analyst, ["observers"] = SpeakerRoles.Analyst, ["lecturer"] = SpeakerRoles.Analyst,
        ["strategist"] = SpeakerRoles.Analyst, ["prof"] = SpeakerRoles.Analyst, ["university"] = SpeakerRoles.Analyst,
        ["institute"] = SpeakerRoles.Analyst, ["columnist"] = SpeakerRoles.Analyst,
        ["organization"] = SpeakerRoles.Organisation, ["organisation"] = SpeakerRoles.Organisation, ["ngo"] = SpeakerRoles.Organisation,
        ["charity"] = SpeakerRoles.Organisation, ["watchdog"] = SpeakerRoles.Organisation, ["activists"] = SpeakerRoles.Organisation,
        ["activist"] = SpeakerRoles.Organisation, ["rebels"] = SpeakerRoles.Organisation, ["specialist"] = SpeakerRoles.Analyst,
        ["forum"] = SpeakerRoles.Analyst, ["studies"] = SpeakerRoles.Analyst, ["foundation"] = SpeakerRoles.Analyst, ["scientist"] = SpeakerRoles.Analyst,
        ["community"] = SpeakerRoles.Organisation, ["bloc"] = SpeakerRoles.Organisation, ["programme"] = SpeakerRoles.Organisation,
        ["alliance"] = SpeakerRoles.Organisation, ["lobby"] = SpeakerRoles.Organisation,
        ["chairman"] = SpeakerRoles.Official, ["chairwoman"] = SpeakerRoles.Official, ["chair"] = SpeakerRoles.Official,
        ["commissioner"] = SpeakerRoles.Official, ["ombudsman"] = SpeakerRoles.Official, ["governor"] = SpeakerRoles.Official,
        ["mayor"] = SpeakerRoles.Official, ["head"] = SpeakerRoles.Official, ["chief"] = SpeakerRoles.Official,
    };

    // two-word cues win over their parts ("prime minister" is not a minister, "think tank" is an analyst)
    static readonly Dictionary<string, string> Two = new(StringComparer.Ordinal)
    {
        ["prime minister"] = SpeakerRoles.HeadOfState, ["supreme leader"] = SpeakerRoles.HeadOfState,
        ["crown prince"] = SpeakerRoles.HeadOfState, ["vice president"] = SpeakerRoles.Minister,
        ["think tank"] = SpeakerRoles.Analyst, ["state media"] = SpeakerRoles.Official, ["news agency"] = SpeakerRoles.Official,
        ["state television"] = SpeakerRoles.Official, ["state tv"] = SpeakerRoles.Official, ["press secretary"] = SpeakerRoles.Official,
        ["air force"] = SpeakerRoles.Military, ["armed forces"] = SpeakerRoles.Military, ["coast guard"] = SpeakerRoles.Official,
        ["defence forces"] = SpeakerRoles.Military, ["defense forces"] = SpeakerRoles.Military, ["joint chiefs"] = SpeakerRoles.Military,
        ["rights group"] = SpeakerRoles.Organisation, ["separatist movement"] = SpeakerRoles.Organisation,
        ["rebel movement"] = SpeakerRoles.Organisation, ["independence movement"] = SpeakerRoles.Organisation,
        ["protest movement"] = SpeakerRoles.Organisation, ["resistance movement"] = SpeakerRoles.Organisation, ["aid group"] = SpeakerRoles.Organisation, ["secretary general"] = SpeakerRoles.Organisation,
        ["house speaker"] = SpeakerRoles.Legislator, ["lower house"] = SpeakerRoles.Legislator, ["upper house"] = SpeakerRoles.Legislator, ["defence ministry"] = SpeakerRoles.Official, ["defense ministry"] = SpeakerRoles.Official,
        ["foreign ministry"] = SpeakerRoles.Official, ["foreign office"] = SpeakerRoles.Official, ["white house"] = SpeakerRoles.Official,
    };

    static readonly Dictionary<string, Dictionary<string, string>> TwoByFirst = Two
        .GroupBy(kv => kv.Key[..kv.Key.IndexOf(' ')])
        .ToDictionary(g => g.Key, g => g.ToDictionary(kv => kv.Key[(kv.Key.IndexOf(' ') + 1)..], kv => kv.Value, StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>The strongest role cue in tokens [from, to), or null. Person titles outrank institutions.</summary>
    public static string? RoleIn(List<Token> toks, int from, int to)
    {
        string? best = null;
        int bestRank = int.MaxValue;
        bool spokes = false;
        for (int i = from; i < to; i++)
        {
            if (!toks[i].IsWord) continue;
            string? r = null;
            if (i + 1 < to && toks[i + 1].IsWord && TwoByFirst.TryGetValue(toks[i].Norm, out var seconds) && seconds.TryGetValue(toks[i + 1].Norm, out var r2)) { r = r2; i++; }
            else if (One.TryGetValue(toks[i].Norm, out var r1)) r = r1;
            if (r is null) continue;
            int rank = Rank(r);
            if (rank < bestRank) { best = r; bestRank = rank; }
            if (toks[i].Norm is "spokesperson" or "spokesman" or "spokeswoman" || toks[i].Norm == "secretary" && i > from && toks[i - 1].Norm == "press") spokes = true;
        }
        // a colonel who is a spokesman speaks as an official, not as the army
        return best == SpeakerRoles.Military && spokes ? SpeakerRoles.Official : best;
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
        or "press" or "senior" or "top" or "acting" or "new" or "then" or "leader" or "speaker" or "national" or "security"
        // institution nouns and their modifiers, so "India's external affairs ministry" is one phrase
        or "force" or "forces" or "service" or "services" or "media" or "television" or "tv" or "news" or "external"
        or "affairs" or "home" or "guard" or "council" or "committee" or "command" or "staff" or "intelligence" or "air"
        or "coast" or "border" or "military's" or "junior" or "deputy" or "assistant" or "special" or "chief's"
        or "anonymous" or "unnamed" or "regional" or "local" or "provincial" or "federal" or "central" or "western"
        or "spokespeople" or "representatives" or "representative" or "counterpart" or "opposition" or "ruling" or "governing"
        or "movement" or "separatist" or "centre" or "center";

    /// <summary>Nouns a role phrase ends in; lower-case words before them are modifiers ("Norway's fisheries minister").</summary>
    public static bool IsHeadNoun(string norm) => norm is "minister" or "ministers" or "ministry" or "secretary" or "spokesman"
        or "spokeswoman" or "spokesperson" or "commissioner" or "envoy" or "ambassador" or "official" or "officials" or "office"
        or "department" or "agency" or "embassy" or "council" or "committee" or "commission" or "service" or "forces" or "force"
        or "chairman" or "chairwoman" or "chair" or "authorities" or "authority" or "lawmaker" or "lawmakers" or "party"
        or "leader" or "chief" or "head" or "adviser" or "advisor" or "negotiator" or "regulator" or "ombudsman" or "army"
        or "navy" or "guard" or "guards" or "troops" or "soldiers" or "command" or "media" or "agency's" or "government" or "mission"
        or "source" or "sources" or "member" or "members" or "officer" or "officers" or "broadcaster" or "newspaper" or "movement" or "centre" or "center";

    /// <summary>Institutions a state or a leader owns ("Sudan's energy ministry", "the president's office"), which a later
    /// definite "the ministry" or "the office" refers back to.</summary>
    public static bool IsOwnedInstitution(string norm) => norm is "ministry" or "office" or "embassy" or "consulate"
        or "department" or "agency" or "government" or "administration" or "presidency" or "cabinet" or "mission" or "palace";

    /// <summary>Last words of a company's name.</summary>
    public static bool IsCompanyWord(string norm) => norm is "corporation" or "corp" or "company" or "inc" or "ltd" or "plc"
        or "llc" or "holdings" or "limited";

    /// <summary>Role nouns that denote one person, so a later "he" or "she" can refer back to the phrase.</summary>
    public static bool IsPersonNoun(string norm) => norm is "minister" or "secretary" or "spokesman" or "spokeswoman"
        or "spokesperson" or "president" or "premier" or "chancellor" or "king" or "queen" or "commissioner" or "envoy"
        or "ambassador" or "official" or "lawmaker" or "senator" or "general" or "commander" or "chairman" or "chairwoman"
        or "chair" or "leader" or "chief" or "head" or "adviser" or "advisor" or "negotiator" or "analyst" or "expert"
        or "professor" or "researcher" or "fellow" or "diplomat" or "governor" or "mayor" or "counterpart" or "emir" or "prince"
        or "member" or "director" or "officer";
}
