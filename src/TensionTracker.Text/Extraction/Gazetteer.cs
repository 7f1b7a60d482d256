using System.Globalization;
using System.Text.Json;

namespace TensionTracker.Text.Extraction;

public enum ActorKind { Country, Demonym, Capital, Place, Institution, Person, NonState, Block }

/// <summary>One name the gazetteer knows. <see cref="Country"/> is ISO alpha-3 (XKX, PSE, TWN, HKG stand alone),
/// null for non-state actors and blocks. Person and office rows carry the dates of the term.</summary>
public sealed record GazetteerEntry(
    string Name, string? Country, ActorKind Kind, string? Role, DateOnly? From, DateOnly? To, bool Ambiguous, int Priority)
{
    /// <summary>The normalised key of <see cref="Name"/> ("gustavo petro"), for matching surnames later in an article.</summary>
    public string Key { get; init; } = "";

    /// <summary>Stored under an all-capitals alias ("US", "WHO", "RAND"): matches only text in capitals, never "us" or "Rand".</summary>
    public bool Acronym { get; init; }

    /// <summary>Curated default reading of a name several states share ("Congo", "Dominican") when the article gives no
    /// evidence either way.</summary>
    public bool Preferred { get; init; }

    /// <summary>A dated office-holder's family name alone ("Clinton", "Jiang"): names him only while he is the one holder of
    /// that name in office at the article's date, or after his full name or a title.</summary>
    public bool Surname { get; init; }

    public bool ValidOn(DateOnly d) => (From is null || From <= d) && (To is null || d <= To);
}

/// <summary>A gazetteer hit in a token list: tokens [TokStart, TokEnd), characters [Start, End).</summary>
public sealed record Mention(int TokStart, int TokEnd, int Start, int End, IReadOnlyList<GazetteerEntry> Entries);

/// <summary>
/// Names, demonyms, metonyms, institutions and dated office-holders resolved to ISO alpha-3, read once at start from a
/// seeds folder so an operator can edit the curated files without a rebuild. Matching walks a token trie: longest match
/// wins, so "Israel Katz" is a person, "Washington Post" is blocked and "Papua New Guinea" is not Guinea.
/// </summary>
public sealed class Gazetteer
{
    sealed class Node
    {
        public Dictionary<string, Node>? Next;
        public List<GazetteerEntry>? Entries;
    }

    readonly Node _root = new() { Next = new Dictionary<string, Node>(StringComparer.Ordinal) };
    readonly Dictionary<string, string> _alpha2To3 = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, string> _countryNames = new(StringComparer.Ordinal);

    public int Count { get; private set; }
    readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal); // load-time cache of name keys

    /// <summary>The common English name of a code, for display ("USA" -> "United States").</summary>
    public string NameOf(string alpha3) => _countryNames.TryGetValue(alpha3, out var n) ? n : alpha3;

    // Codes in the sources that are not ISO alpha-3 for the same territory.
    static string? FixCode(string code) => code switch
    {
        "UNK" or "KSV" or "KOS" => "XKX",
        "DDR" => "DEU",
        _ => code.Length == 3 && code.All(char.IsAsciiLetterUpper) ? code : null,
    };

    /// <summary>Loads every known file present in <paramref name="dir"/> (typically <c>seeds/gazetteer</c>).</summary>
    public static Gazetteer Load(string dir)
    {
        if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"gazetteer folder not found: {dir}");
        var g = new Gazetteer();
        string P(string f) => Path.Combine(dir, f);
        if (File.Exists(P("world_countries.tsv"))) g.LoadWorldCountries(P("world_countries.tsv"));
        if (File.Exists(P("iso_country_names_en.json"))) g.LoadIsoNames(P("iso_country_names_en.json"));
        if (File.Exists(P("phoenix_country_aliases.tsv"))) g.LoadPhoenixAliases(P("phoenix_country_aliases.tsv"));
        if (File.Exists(P("phoenix_persons_roles.tsv"))) g.LoadPhoenixPersons(P("phoenix_persons_roles.tsv"));
        if (File.Exists(P("curated_actors.tsv"))) g.LoadCuratedActors(P("curated_actors.tsv"));
        if (File.Exists(P("governing_movements.tsv"))) g.LoadGoverningMovements(P("governing_movements.tsv"));
        if (File.Exists(P("office_holders.tsv"))) g.LoadOfficeHolders(P("office_holders.tsv"));
        return g;
    }

    /// <summary>Finds <c>seeds/gazetteer</c> by walking up from <paramref name="start"/> (default: the app's folder).</summary>
    public static string? FindSeeds(string? start = null)
    {
        for (var d = new DirectoryInfo(start ?? AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var p = Path.Combine(d.FullName, "seeds", "gazetteer");
            if (Directory.Exists(p)) return p;
        }
        return null;
    }

    public void Add(string name, GazetteerEntry e)
    {
        var toks = Tokens.Tokenize(name).Where(t => t.Kind is TokenKind.Word or TokenKind.Possessive).Select(t => t.Norm).ToList();
        if (toks.Count > 1 && toks[0] == "the") toks.RemoveAt(0); // "the Kremlin" is matched at "Kremlin"
        if (toks.Count == 0) return;
        var n = _root;
        foreach (var t in toks)
        {
            n.Next ??= new Dictionary<string, Node>(StringComparer.Ordinal);
            if (!n.Next.TryGetValue(t, out var c)) n.Next[t] = c = new Node();
            n = c;
        }
        n.Entries ??= [];
        e = e with { Key = _keys.TryGetValue(e.Name, out var k0) ? k0 : _keys[e.Name] = Tokens.Key(e.Name) };
        var letters = name.Where(char.IsLetter).ToArray();
        if (letters.Length is >= 2 and <= 6 && letters.All(char.IsUpper)) e = e with { Acronym = true };
        // a curated "ambiguous" flag applies to the name, whichever source also lists it
        if (e.Ambiguous)
            for (int k = 0; k < n.Entries.Count; k++)
                if (n.Entries[k].Country == e.Country) n.Entries[k] = n.Entries[k] with { Ambiguous = true };
        bool ambiguous = e.Ambiguous || n.Entries.Any(x => x.Ambiguous && x.Country == e.Country);
        e = e with { Ambiguous = ambiguous };
        int same = n.Entries.FindIndex(x => x.Country == e.Country && x.Kind == e.Kind && x.From == e.From && x.Role == e.Role
                                            && x.Name == e.Name && x.Acronym == e.Acronym);
        if (same < 0) { n.Entries.Add(e); Count++; }
        else if (n.Entries[same].Priority < e.Priority) n.Entries[same] = e;
        else if (e.Preferred) n.Entries[same] = n.Entries[same] with { Preferred = true };
    }

    /// <summary>Entries stored under exactly this name (for tests and diagnostics).</summary>
    public IReadOnlyList<GazetteerEntry> Lookup(string name)
    {
        var toks = Tokens.Tokenize(name);
        var m = Match(name, toks, 0, toks.Count, requireCapital: false);
        return m is not null && m.TokEnd == toks.Count ? m.Entries : [];
    }

    /// <summary>Every entry under every name, for coverage figures (a name's entries once per name it is stored under).</summary>
    public IEnumerable<(string Name, GazetteerEntry Entry)> All()
    {
        var stack = new Stack<(Node, string)>([(_root, "")]);
        while (stack.TryPop(out var item))
        {
            var (n, name) = item;
            if (n.Entries is not null) foreach (var e in n.Entries) yield return (name, e);
            if (n.Next is not null) foreach (var (w, c) in n.Next) stack.Push((c, name.Length == 0 ? w : name + " " + w));
        }
    }

    /// <summary>The longest entry starting at token <paramref name="i"/>, or null. Proper names must start with a capital.</summary>
    public Mention? Match(string text, List<Token> toks, int i, int end, bool requireCapital = true)
    {
        var t0 = toks[i];
        if (t0.Kind != TokenKind.Word) return null;
        if (requireCapital && !t0.Cap && !char.IsDigit(text[t0.Start])) return null;
        Node n = _root;
        Mention? best = null;
        for (int j = i; j < end; j++)
        {
            var t = toks[j];
            if (t.Kind is not (TokenKind.Word or TokenKind.Possessive)) break;
            if (n.Next is null || !n.Next.TryGetValue(t.Norm, out var c)) break;
            // words after a sentence-final dot belong to the next sentence
            if (j > i && toks[j - 1].End < t.Start && !t.Hyphenated && text.AsSpan(toks[j - 1].End, t.Start - toks[j - 1].End).Trim().Length > 0) break;
            n = c;
            if (n.Entries is { Count: > 0 }) best = new Mention(i, j + 1, t0.Start, t.End, n.Entries);
        }
        return best;
    }

    /// <summary>All non-overlapping mentions in tokens [from, to), left to right, longest first.</summary>
    public List<Mention> FindAll(string text, List<Token> toks, int from, int to)
    {
        var list = new List<Mention>();
        for (int i = from; i < to;)
        {
            var m = Match(text, toks, i, to);
            if (m is null) { i++; continue; }
            list.Add(m);
            i = m.TokEnd;
        }
        return list;
    }

    // ---- loaders -------------------------------------------------------------------------------------------------

    static IEnumerable<string[]> Tsv(string path)
    {
        bool header = true;
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            if (header) { header = false; continue; }
            yield return line.Split('\t');
        }
    }

    static bool Usable(string alias) =>
        alias.Length >= 3 && alias.Any(char.IsLetter) && alias.All(ch => ch < 0x2E80) // skip CJK/Hangul script forms
        && !(alias.Length <= 3 && alias.All(char.IsAsciiLetterUpper) && alias is not ("USA" or "DRC" or "UAE" or "PRC" or "ROK" or "DPRK"));

    void LoadWorldCountries(string path)
    {
        foreach (var r in Tsv(path))
        {
            if (r.Length < 10) continue;
            var code = FixCode(r[1]);
            if (code is null) continue;
            _alpha2To3[r[0]] = code;
            int pri = r[10] == "True" || code is "TWN" or "XKX" or "PSE" or "HKG" ? 1 : 0;
            _countryNames[code] = r[4];
            Add(r[4], new(r[4], code, ActorKind.Country, null, null, null, false, pri));
            Add(r[5], new(r[4], code, ActorKind.Country, null, null, null, false, pri));
            foreach (var a in r[6].Split('|').Where(Usable)) Add(a, new(r[4], code, ActorKind.Country, null, null, null, false, pri));
            foreach (var cap in r[7].Split('|').Where(s => s.Length > 2))
                Add(cap, new(cap, code, ActorKind.Capital, SpeakerRoles.Official, null, null, false, pri));
            foreach (var dem in new[] { r[8], r[9] }.Distinct().Where(s => s.Length > 2))
            {
                Add(dem, new(dem, code, ActorKind.Demonym, null, null, null, false, pri));
                if (dem.EndsWith('n') || dem.EndsWith('i')) Add(dem + "s", new(dem + "s", code, ActorKind.Demonym, null, null, null, false, pri));
            }
        }
    }

    void LoadIsoNames(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        foreach (var p in doc.RootElement.GetProperty("countries").EnumerateObject())
        {
            if (!_alpha2To3.TryGetValue(p.Name, out var code)) continue;
            var names = p.Value.ValueKind == JsonValueKind.Array ? p.Value.EnumerateArray().Select(x => x.GetString()!) : [p.Value.GetString()!];
            foreach (var n in names.Where(Usable)) Add(n, new(n, code, ActorKind.Country, null, null, null, false, 1));
        }
    }

    void LoadPhoenixAliases(string path)
    {
        foreach (var r in Tsv(path))
        {
            if (r.Length < 2 || FixCode(r[1]) is not { } code || !Usable(r[0])) continue;
            Add(r[0], new(r[0], code, ActorKind.Place, null, null, null, false, 0));
        }
    }

    static readonly string[] InstitutionWords =
        ["department", "ministry", "council", "forces", "army", "house", "office", "agency", "party", "government", "police",
         "court", "commission", "parliament", "senate", "congress", "bank", "navy", "guard", "corps", "service", "committee",
         "administration", "assembly", "front", "movement", "command", "authority", "directorate", "bureau", "institute",
         "military", "chiefs", "staff", "troops", "intelligence", "embassy", "marines", "cabinet", "ministers", "union"];

    void LoadPhoenixPersons(string path)
    {
        foreach (var r in Tsv(path))
        {
            if (r.Length < 5 || FixCode(r[3]) is not { } code) continue;
            var role = r[4];
            // the file also lists countries and territories under empty or unusual roles: only actors are kept
            if (!(role.StartsWith("GOV") || role.StartsWith("MIL") || role is "ELI" or "LEG" or "SPY" or "COP" or "OPP" or "REB")) continue;
            var keyName = r[0];
            bool institution = Tokens.Key(keyName).Split(' ').Any(w => InstitutionWords.Contains(w));
            var aliases = r[1].Length > 0 ? r[1].Split('|') : [];
            string speakerRole = role switch
            {
                _ when role.Contains("MIL") => SpeakerRoles.Military,
                _ when role.Contains("LEG") => SpeakerRoles.Legislator,
                "GOV" when aliases.Any(a => a.StartsWith("President") || a.StartsWith("Prime Minister") || a.StartsWith("King ")) => SpeakerRoles.HeadOfState,
                "GOV" when aliases.Any(a => a.Contains("Minister")) => SpeakerRoles.Minister,
                _ => SpeakerRoles.Official,
            };
            // opposition, rebels and former elites are nationals but do not speak for the state: keep them as non-state
            string? country = role is "OPP" or "REB" or "ELI" ? null : code;
            if (role is "ELI") speakerRole = SpeakerRoles.Analyst;
            var from = ParseDate(r.Length > 5 ? r[5] : "");
            var to = ParseDate(r.Length > 6 ? r[6] : "");
            var kind = institution ? ActorKind.Institution : ActorKind.Person;
            if (country is null && !institution) kind = ActorKind.NonState;
            // a bare generic word ("Military", "Senate") is no name: every country has one
            // one-word aliases of people ("Navarro", "Reza") collide across countries and decades: only full names here,
            // the curated office_holders.tsv gives surnames of current leaders
            foreach (var n in aliases.Prepend(keyName).Where(a => a.Length > 2 && (Tokens.Key(a) is var k && (k.Contains(' ') ? true : institution && !InstitutionWords.Contains(k) && !RoleWords.IsRoleWord(k)))))
                Add(n, new(keyName, country ?? (institution ? code : null), kind, speakerRole, from, to, false, 0));
            if (role == "GOV" && kind == ActorKind.Person && from is { } start && FamilyName(keyName, code) is { } family)
            {
                // the lists stop around 2014 and leave some terms open: an open term is taken to last four years at most
                var end = to ?? Min(start.AddYears(4), ListsEnd);
                if (end >= SurnamesFrom) Add(family, new(keyName, code, kind, speakerRole, start, end, false, 0) { Surname = true });
            }
        }
    }

    static readonly DateOnly SurnamesFrom = new(1990, 1, 1), ListsEnd = new(2015, 1, 1);
    static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    /// <summary>Countries whose names put the family name first ("Jiang Zemin", "Kim Dae-jung", "Hun Sen").</summary>
    static readonly HashSet<string> FamilyNameFirst = new(StringComparer.Ordinal) { "CHN", "TWN", "HKG", "MAC", "KOR", "PRK", "VNM", "KHM" };

    /// <summary>The family name a holder is called by alone: the last word (after "al-"), or the first where names put it
    /// first; none for one-word names, names without family names (Myanmar, Indonesia), short ones or role words.</summary>
    static string? FamilyName(string name, string country)
    {
        if (country is "MMR" or "IDN") return null;
        var words = Tokens.Tokenize(name).Where(t => t.IsWord && t.Norm is not ("jr" or "sr" or "ii" or "iii")).ToList();
        if (words.Count < 2) return null;
        var w = FamilyNameFirst.Contains(country) ? words[0] : words[^1];
        var family = name[w.Start..w.End];
        return family.Length >= 3 && char.IsUpper(family[0]) && !RoleWords.IsRoleWord(w.Norm) && !InstitutionWords.Contains(w.Norm)
            && !PhraseWords.IsFunctionWord(w.Norm) && !CommonWords.Contains(w.Norm) ? family : null;
    }

    /// <summary>Family names that are also common English words opening sentences or names ("Major", "Park", "King").</summary>
    static readonly HashSet<string> CommonWords = new(StringComparer.Ordinal)
    {
        "major", "bill", "day", "field", "gray", "grey", "green", "hill", "king", "mark", "own", "park", "price", "street", "white",
        "wood", "young", "long", "little", "rich", "rose", "hope", "may", "march", "will", "win", "bold", "bright", "gift",
        "grant", "kiss", "fan", "sin", "wells", "hardy", "vital", "bias", "hide", "gross", "wisdom", "merits", "authority",
        "new", "old", "good", "best", "free", "fair", "love", "joy", "faith", "grace", "north", "south", "west", "east",
    };

    /// <summary>curated_actors.tsv: name, aliases (|), country (- for none), kind, role, flags (ambiguous, preferred).</summary>
    void LoadCuratedActors(string path)
    {
        foreach (var r in Tsv(path))
        {
            if (r.Length < 4) continue;
            var country = r[2] is "-" or "" ? null : r[2];
            var kind = Enum.Parse<ActorKind>(r[3], ignoreCase: true);
            var role = r.Length > 4 && r[4] is not ("" or "-") ? r[4] : null;
            bool amb = r.Length > 5 && r[5].Contains("ambiguous");
            // a preferred reading only breaks ties, so it keeps the priority of the country lists it chooses between
            bool preferred = r.Length > 5 && r[5].Contains("preferred");
            foreach (var n in SplitAliases(r[0], r[1]))
                Add(n, new(r[0], country, kind, role, null, null, amb, preferred ? 1 : 2) { Preferred = preferred });
        }
    }

    /// <summary>governing_movements.tsv: name, aliases (|), country, role, from, to. Within its term the movement is the
    /// state's government (an institution); outside it the undated row of another file (nonstate) wins on the date.</summary>
    void LoadGoverningMovements(string path)
    {
        foreach (var r in Tsv(path))
        {
            if (r.Length < 5 || r[2] is "-" or "") continue;
            var role = r[3] is "" or "-" ? SpeakerRoles.Official : r[3];
            foreach (var n in SplitAliases(r[0], r[1]))
                Add(n, new(r[0], r[2], ActorKind.Institution, role, ParseDate(r[4]), ParseDate(r.Length > 5 ? r[5] : ""), false, 3));
        }
    }

    /// <summary>office_holders.tsv: name, aliases (|), country, role, from, to (ISO dates, empty = open).</summary>
    void LoadOfficeHolders(string path)
    {
        foreach (var r in Tsv(path))
        {
            if (r.Length < 5) continue;
            var role = r[3] switch
            {
                "head_of_state" or "head_of_government" => SpeakerRoles.HeadOfState,
                "foreign_minister" or "defence_minister" or "minister" => SpeakerRoles.Minister,
                "military" => SpeakerRoles.Military,
                "legislator" => SpeakerRoles.Legislator,
                "organisation" => SpeakerRoles.Organisation,
                _ => SpeakerRoles.Official,
            };
            var country = r[2] is "-" or "" ? null : r[2];
            var kind = ActorKind.Person; // a person of an international organisation is a person without a country
            foreach (var n in SplitAliases(r[0], r[1]))
                Add(n, new(r[0], country, kind, role, ParseDate(r[4]), ParseDate(r.Length > 5 ? r[5] : ""), false, 3));
        }
    }

    static IEnumerable<string> SplitAliases(string name, string aliases) =>
        aliases.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Prepend(name).Where(s => s.Length > 1);

    static DateOnly? ParseDate(string s) =>
        DateOnly.TryParseExact(s.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
