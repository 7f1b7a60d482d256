namespace TensionTracker.Text.Extraction;

/// <summary>An actor found in the text, resolved against the gazetteer for the article's date and context.</summary>
sealed record Resolved(int TokStart, int TokEnd, string? Country, ActorKind Kind, string? Role, string Name);

/// <summary>Who speaks in a sentence; [TokFrom, TokTo) is the phrase that named them, excluded from the targets.</summary>
sealed record Speaker(string Text, string? Country, string Role, bool IsPerson, int TokFrom, int TokTo);

/// <summary>The per-article working state of <see cref="StatementExtractor"/>: one instance per call, never shared.</summary>
sealed class ArticleAnalysis
{
    sealed class Seg
    {
        public required Segment S;
        public required List<Token> Toks;
        public List<Resolved> Mentions = [];
        public bool[] InQuote = [];
        public Speaker? Speaker;
        public bool Counted => S.Section != Sections.Caption && !S.Duplicate;
    }

    readonly Gazetteer _g;
    readonly string _text;
    readonly DateOnly _date;
    readonly List<Seg> _segs = [];
    string[] _mainPair = [];
    string? _topCountry;
    string? _home; // the dateline's country ("BOGOTA — ..."): where unnamed officials usually belong

    // discourse state, in reading order
    Speaker? _lastPerson, _lastSpeaker, _lastOrg;
    string? _lastCountry;
    readonly Dictionary<string, Speaker> _byRole = new(StringComparer.Ordinal);
    readonly Dictionary<string, Speaker> _names = new(StringComparer.Ordinal); // surname or full-name key -> person

    public ArticleAnalysis(Gazetteer g, string title, string body, DateOnly date)
    {
        _g = g;
        _text = ArticleDocument.Text(title, body);
        _date = date;
        foreach (var s in Segmenter.Split(title, body))
            _segs.Add(new Seg { S = s, Toks = Tokens.Tokenize(_text, s.Start, s.End) });
    }

    public ArticleExtraction Run(bool includeUncounted)
    {
        ResolveMentions();
        _home = Dateline(out int datelineEnd);
        if (datelineEnd > 0)
            foreach (var sg in _segs.Where(x => x.S.Section == Sections.Body).Take(1))
                sg.Mentions.RemoveAll(m => sg.Toks[m.TokStart].Start < datelineEnd);
        ComputeMainPair();
        foreach (var s in _segs) s.InQuote = QuoteMask(s);
        Speaker? headlineSpeaker = null;
        foreach (var s in _segs)
        {
            s.Speaker = FindSpeaker(s);
            if (s.S.Section == Sections.Headline) { headlineSpeaker = s.Speaker; UpdateState(s, speakerOnly: true); _lastPerson = _lastSpeaker = _lastOrg = null; continue; }
            UpdateState(s, speakerOnly: false);
        }
        PropagateQuotes();
        var list = new List<ExtractedStatement>();
        foreach (var s in _segs)
        {
            if (!s.Counted && !includeUncounted) continue;
            var st = Build(s);
            if (st is not null) list.Add(st);
        }
        return new ArticleExtraction(list, _mainPair);
    }

    // ---- 1. actors ----------------------------------------------------------------------------------------------

    void ResolveMentions()
    {
        var raw = _segs.Select(s => _g.FindAll(_text, s.Toks, 0, s.Toks.Count)).ToList();
        // countries with unambiguous evidence: an ambiguous name ("Georgia", "Jordan") needs one of these
        var evidence = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ms in raw)
            foreach (var m in ms)
                foreach (var e in m.Entries)
                    if (e.Country is not null && !e.Ambiguous && e.Kind is not (ActorKind.Block or ActorKind.Place or ActorKind.Person)) evidence.Add(e.Country);
        for (int i = 0; i < _segs.Count; i++)
        {
            var s = _segs[i];
            int firstWord = s.Toks.FindIndex(t => t.IsWord);
            foreach (var m in raw[i])
            {
                var r = Resolve(m, evidence, s, firstWord);
                if (r is not null) s.Mentions.Add(r);
            }
        }
    }

    Resolved? Resolve(Mention m, HashSet<string> evidence, Seg s, int firstWord)
    {
        var es = m.Entries;
        if (es.Any(e => e.Kind == ActorKind.Block) && !es.Any(e => e.Priority > 1 && e.Kind != ActorKind.Block)) return null;
        GazetteerEntry? best = null;
        int bestScore = int.MinValue;
        bool caps = AllCaps(m.Start, m.End);
        foreach (var e in es)
        {
            if (e.Kind == ActorKind.Block || (e.Acronym && !caps)) continue;
            int score = e.Priority * 10;
            if (e.From is not null || e.To is not null) score += e.ValidOn(_date) ? 100 : -100;
            if (e.Country is not null && evidence.Contains(e.Country)) score += 5;
            if (e.Kind is ActorKind.Country or ActorKind.Demonym) score += 3;
            if (score > bestScore) { best = e; bestScore = score; }
        }
        if (best is null) return null;
        // a country name is a country, whatever old person rows share it
        if (best.Priority == 0 && best.Kind == ActorKind.Person && es.FirstOrDefault(e => e.Kind is ActorKind.Country or ActorKind.Demonym && e.Priority > 0) is { } c) best = c;
        if (best.Ambiguous && (best.Country is null || !evidence.Contains(best.Country) || NextToName(s, m))) return null;
        // a city or province that opens a sentence is more often an ordinary capitalised word
        if (best.Kind == ActorKind.Place && m.TokStart == firstWord && m.TokEnd - m.TokStart == 1) return null;
        bool outOfTerm = (best.From is not null || best.To is not null) && !best.ValidOn(_date);
        var role = outOfTerm && best.Role is SpeakerRoles.HeadOfState or SpeakerRoles.Minister ? SpeakerRoles.Official : best.Role;
        return new Resolved(m.TokStart, m.TokEnd, best.Country, best.Kind, role, best.Name);
    }

    bool AllCaps(int s, int e)
    {
        for (int i = s; i < e; i++) if (char.IsLower(_text[i])) return false;
        return true;
    }

    // "Jordan Bardella", "Michael Jordan": an ambiguous country name glued to another capitalised word is a person
    static bool NextToName(Seg s, Mention m)
    {
        bool Cap(int i) => i >= 0 && i < s.Toks.Count && s.Toks[i].IsWord && s.Toks[i].Cap && !RoleWords.IsRoleWord(s.Toks[i].Norm);
        return Cap(m.TokEnd) || (Cap(m.TokStart - 1) && m.TokStart - 1 > 0);
    }

    string? Dateline(out int end)
    {
        end = -1;
        var b = _segs.FirstOrDefault(x => x.S.Section == Sections.Body);
        if (b is null) return null;
        // up to five words in capitals before a dash or "(Reuters)": "BOGOTA —", "NEW DELHI, Sept. 3 (AP) —"
        int i = b.S.Start, lim = Math.Min(b.S.End, i + 60);
        int k = i;
        while (k < lim && (char.IsUpper(_text[k]) || _text[k] is ' ' or '.' or '\'' || !char.IsAscii(_text[k]) && char.IsLetter(_text[k]))) k++;
        if (k - i < 3 || k >= lim || !(_text[k] is ',' or '(' or '\u2014' or '\u2013' or '-' || _text[k - 1] == ' ' && _text[k] is '\u2014' or '\u2013' or '-')) return null;
        var toks = Tokens.Tokenize(_text, i, k);
        end = k;
        foreach (var m in _g.FindAll(_text, toks, 0, toks.Count))
            foreach (var e in m.Entries.OrderByDescending(e => e.Priority))
                if (e.Country is not null && e.Kind is ActorKind.Capital or ActorKind.Place or ActorKind.Country) return e.Country;
        return null;
    }

    void ComputeMainPair()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        int order = 0;
        foreach (var s in _segs)
        {
            if (!s.Counted && s.S.Section != Sections.Headline) continue;
            int w = s.S.Section == Sections.Headline ? 2 : 1;
            foreach (var m in s.Mentions)
            {
                if (m.Country is null) continue;
                counts[m.Country] = counts.GetValueOrDefault(m.Country) + w;
                first.TryAdd(m.Country, order++);
            }
        }
        var ranked = counts.OrderByDescending(kv => kv.Value).ThenBy(kv => first[kv.Key]).Select(kv => kv.Key).ToList();
        _topCountry = ranked.FirstOrDefault();
        _mainPair = ranked.Count >= 2 ? [ranked[0], ranked[1]] : [];
    }

    // ---- 2. speakers --------------------------------------------------------------------------------------------

    bool[] QuoteMask(Seg s)
    {
        var mask = new bool[s.Toks.Count];
        bool inq = s.S.StartsInQuote;
        for (int i = 0; i < s.Toks.Count; i++)
        {
            var t = s.Toks[i];
            if (t.Kind == TokenKind.Quote)
            {
                char c = _text[t.Start];
                if (c is '\u201C' or '\u00AB') inq = true;
                else if (c is '\u201D' or '\u00BB') inq = false;
                else if (c == '"') inq = !inq;
                mask[i] = false;
                continue;
            }
            mask[i] = inq;
        }
        return mask;
    }

    Speaker? FindSpeaker(Seg s)
    {
        var t = s.Toks;
        int n = t.Count;
        // "according to X"
        for (int i = 0; i + 2 < n; i++)
            if (!s.InQuote[i] && t[i].Is("according") && t[i + 1].Is("to"))
            {
                var (a, b) = RightPhrase(s, i + 2);
                if (b > a && Analyse(s, a, b, nearestLast: false) is { } sp) return sp;
            }
        for (int i = 0; i < n; i++)
        {
            if (s.InQuote[i] || !t[i].IsWord || !RoleWords.SpeechVerbs.Contains(t[i].Norm)) continue;
            if (i == 0 && t[i].Cap) continue;
            var (a, b) = LeftPhrase(s, i);
            if (b > a && Analyse(s, a, b) is { } sp) return sp;
            // inverted: '"...," said Petro' / '..., said the ministry.'
            int p = i - 1;
            while (p >= 0 && t[p].IsWord && RoleWords.Auxiliaries.Contains(t[p].Norm)) p--;
            if (p >= 0 && (t[p].Kind == TokenKind.Quote || t[p].Is(",")))
            {
                var (c, d) = RightPhrase(s, i + 1);
                bool closes = d >= n || t[d].Kind is TokenKind.Punct or TokenKind.Quote || t[d].Norm is "who" or "which" or "in" or "on" or "adding";
                if (d > c && closes && Analyse(s, c, d, nearestLast: false) is { } sp2) return sp2;
            }
        }
        // "Petro: 'We will not kneel'" (headlines, transcripts)
        for (int i = 1; i + 1 < n; i++)
            if (t[i].Is(":") && !s.InQuote[i] && t[i + 1].Kind == TokenKind.Quote)
            {
                var (a, b) = LeftPhrase(s, i);
                if (b > a && Analyse(s, a, b) is { } sp) return sp;
            }
        return null;
    }

    static bool NounPhraseTok(List<Token> t, int j) =>
        NounPhraseWord(t[j]) || (t[j].Is(".") && j > 0 && t[j - 1].IsWord && t[j - 1].Cap && t[j - 1].End == t[j].Start
                                 && t[j - 1].End - t[j - 1].Start <= 4);

    static bool NounPhraseWord(Token t) =>
        t.Kind == TokenKind.Possessive
        || (t.IsWord && (t.Cap || RoleWords.IsRoleWord(t.Norm) || RoleWords.NameConnectors.Contains(t.Norm)
            || t.Norm is "the" or "a" or "an" or "of" or "for" or "at" or "to" or "its" or "his" or "her" or "their" or "country"
                or "nation" or "s" or "spokespeople" or "minister" or "official" or "officials" or "in" or "foreign" or "he"
                or "she" or "they" or "it" or "we" or "i" or "both" or "two" or "several" or "other" or "one" or "some"));

    /// <summary>The noun phrase (with appositions) that ends just before token <paramref name="v"/>.</summary>
    (int, int) LeftPhrase(Seg s, int v)
    {
        var t = s.Toks;
        int j = v - 1;
        while (j >= 0 && t[j].IsWord && !t[j].Cap && RoleWords.Auxiliaries.Contains(t[j].Norm)) j--;
        // "Petro on Tuesday said", "Petro, in a statement, said"
        while (j >= 1 && t[j].IsWord && t[j].Cap && RoleWords.Auxiliaries.Contains(t[j].Norm) && t[j - 1].Is("on")) j -= 2;
        if (j >= 0 && t[j].Is(","))
        {
            for (int k = j - 1; k > 0 && k > j - 20 && !s.InQuote[k] && t[k].Kind != TokenKind.Quote; k--)
                if (t[k].Norm is "who" or "which" && t[k - 1].Is(",")) { j = k - 2; break; }
        }
        int end = j + 1;
        int commas = 0;
        while (j >= 0)
        {
            var x = t[j];
            if (s.InQuote[j] || x.Kind == TokenKind.Quote) break;
            if (x.Is(","))
            {
                if (++commas > 2 || j == 0) break;
                int prevComma = AppositionStart(s, j);
                if (prevComma >= 0) { j = prevComma; continue; }
                if (!NounPhraseTok(t, j - 1)) break;
                j--;
                continue;
            }
            if (!NounPhraseTok(t, j)) break;
            j--;
        }
        int start = j + 1;
        while (start < end && t[start].Is(",")) start++;
        return (start, end);
    }

    /// <summary>For a comma at <paramref name="j"/> closing ", a regional analyst,": the index of the opening comma, else -1.</summary>
    static int AppositionStart(Seg s, int j)
    {
        var t = s.Toks;
        for (int k = j - 1; k > 0 && j - k < 14; k--)
        {
            if (t[k].Kind is TokenKind.Quote || s.InQuote[k]) return -1;
            if (t[k].Kind == TokenKind.Punct && !t[k].Is(",") && !NounPhraseTok(t, k)) return -1;
            if (t[k].Is(",")) return k + 1 < j && t[k + 1].Norm is "a" or "an" or "the" or "who" ? k : -1;
        }
        return -1;
    }

    /// <summary>The noun phrase (with one apposition) that starts at token <paramref name="a"/>.</summary>
    (int, int) RightPhrase(Seg s, int a)
    {
        var t = s.Toks;
        int j = a, commas = 0;
        while (j < t.Count)
        {
            var x = t[j];
            if (x.Kind == TokenKind.Quote) break;
            if (x.Is(","))
            {
                if (++commas > 2 || j + 1 >= t.Count || t[j + 1].Norm is "who" or "which") break;
                if (t[j + 1].Norm is "a" or "an" or "the")
                {
                    // ", a maritime security analyst at Stanford University." runs to the next comma or the end
                    int k = j + 1;
                    while (k < t.Count && k - j < 14 && !t[k].Is(",") && t[k].Kind != TokenKind.Quote && !(t[k].Kind == TokenKind.Punct && !NounPhraseTok(t, k))) k++;
                    j = k;
                    continue;
                }
                if (!NounPhraseTok(t, j + 1)) break;
                j++;
                continue;
            }
            if (!NounPhraseTok(t, j)) break;
            j++;
        }
        int end = j;
        while (end > a && t[end - 1].Is(",")) end--;
        return (a, end);
    }

    /// <summary>Works out who a phrase names: a known person, a local name, a pronoun, an institution, a country, a role.</summary>
    Speaker? Analyse(Seg s, int a, int b, bool nearestLast = true)
    {
        var t = s.Toks;
        // split into comma parts; the part nearest the verb with a head is the speaker, the others describe it
        var parts = new List<(int, int)>();
        int ps = a;
        for (int i = a; i <= b; i++)
            if (i == b || t[i].Is(",")) { if (i > ps) parts.Add((ps, i)); ps = i + 1; }
        var mentions = s.Mentions.Where(m => m.TokStart >= a && m.TokEnd <= b).ToList();
        var role = RoleWords.RoleIn(t, a, b);
        bool former = false;
        for (int i = a; i < b; i++) if (t[i].Is("former") || t[i].Is("ex")) former = true;

        // the best head wins (a known person over a local name over an institution), ties go to the part nearest the verb
        Speaker? head = null;
        int bestScore = 0;
        for (int k = 0; k < parts.Count; k++)
        {
            int p = nearestLast ? parts.Count - 1 - k : k;
            var h = HeadOf(s, parts[p].Item1, parts[p].Item2, mentions, out int score);
            if (h is not null && score > bestScore) { head = h; bestScore = score; }
        }
        if (head is null)
        {
            if (role is null) return null;
            head = RolePhrase(s, a, b, role, mentions);
            if (head is null) return null;
        }

        // country: the head's own, else a country named in the phrase ("Colombia's foreign minister, X"), else context
        string? country = head.Country;
        var stateMention = mentions.FirstOrDefault(m => m.Country is not null && m.Kind is not ActorKind.Person);
        if (country is null && !head.IsPerson || country is null && head.IsPerson && head.Role is not (SpeakerRoles.Analyst or SpeakerRoles.Organisation))
            country = stateMention?.Country ?? country;
        if (country is null && HasPossessivePronoun(t, a, b)) country = _lastCountry;
        if (country is null && role is SpeakerRoles.Legislator && HasUsLegislatorCue(t, a, b)) country = "USA";
        var finalRole = head.Role;
        if (role is SpeakerRoles.Analyst or SpeakerRoles.Organisation) finalRole = role;
        else if (role is not null && (head.Role == SpeakerRoles.Official || !head.IsPerson)) finalRole = Stronger(role, head.Role);
        if (former && finalRole is SpeakerRoles.HeadOfState or SpeakerRoles.Minister) finalRole = SpeakerRoles.Official;
        // a state role word with no country anywhere: the article's own country ("the president said")
        if (country is null && finalRole is SpeakerRoles.HeadOfState or SpeakerRoles.Minister or SpeakerRoles.Military or SpeakerRoles.Official
            && head.IsPerson == false && !mentions.Any(m => m.Kind == ActorKind.NonState))
            country = _home ?? _topCountry;
        if (finalRole is SpeakerRoles.Analyst or SpeakerRoles.Organisation) country = null;
        var sp = head with { Country = country, Role = finalRole, TokFrom = a, TokTo = b };
        if (sp.IsPerson) Remember(sp);
        return sp;
    }

    static string Stronger(string a, string b)
    {
        int R(string r) => Array.IndexOf(SpeakerRoles.All, r);
        return R(a) <= R(b) ? a : b;
    }

    static bool HasPossessivePronoun(List<Token> t, int a, int b)
    {
        for (int i = a; i < b; i++)
            if (t[i].Norm is "its" or "country" or "nation" && (t[i].Norm == "its" || i + 1 < b && t[i + 1].Kind == TokenKind.Possessive)) return true;
        return false;
    }

    static bool HasUsLegislatorCue(List<Token> t, int a, int b)
    {
        for (int i = a; i < b; i++) if (t[i].Norm is "sen" or "rep" or "congressman" or "congresswoman" or "senator") return true;
        return false;
    }

    /// <summary>The head of one comma part: a person, a local name, a pronoun, an institution or a country.</summary>
    Speaker? HeadOf(Seg s, int a, int b, List<Resolved> mentions, out int score)
    {
        var t = s.Toks;
        score = 0;
        string Slice(int x, int y) => _text[t[x].Start..t[y - 1].End];
        var inPart = mentions.Where(m => m.TokStart >= a && m.TokEnd <= b).ToList();
        // 1. a pronoun standing alone
        if (b - a == 1 && t[a].IsWord && RoleWords.Pronouns.Contains(t[a].Norm))
        {
            score = 4;
            return t[a].Norm switch
            {
                "he" or "she" => _lastPerson,
                "it" => _lastOrg ?? (_lastSpeaker is { IsPerson: false } ? _lastSpeaker : null),
                "they" => _lastSpeaker,
                _ => null,
            };
        }
        // 2. a known person (the rightmost, nearest the verb)
        var person = inPart.LastOrDefault(m => m.Kind == ActorKind.Person || (m.Kind == ActorKind.NonState && IsNameLike(t, m)));
        if (person is not null)
        {
            score = 5;
            var key = Tokens.Key(person.Name);
            if (_names.TryGetValue(key, out var known) && known.Country == person.Country) return known;
            return new Speaker(person.Name, person.Country, person.Role ?? SpeakerRoles.Official, true, a, b);
        }
        // 3. a name the gazetteer does not know: a run of capitalised words that are not role or function words
        bool NameTok(int i) => t[i].IsWord && t[i].Cap && !RoleWords.IsRoleWord(t[i].Norm) && !Covered(inPart, i)
                               && !IsFunctionWord(t[i].Norm) && !RoleWords.Pronouns.Contains(t[i].Norm);
        int ne = b;
        while (ne > a && !NameTok(ne - 1)) ne--;
        if (ne > a)
        {
            int ns = ne - 1;
            while (ns > a && (NameTok(ns - 1) || (RoleWords.NameConnectors.Contains(t[ns - 1].Norm) && ns - 1 > a && NameTok(ns - 2))
                              || (t[ns - 1].Is(".") && ns - 1 > a && NameTok(ns - 2) && t[ns - 2].End == t[ns - 1].Start))) ns--;
            var name = Slice(ns, ne);
            bool institutional = ns > a && (t[ns - 1].Norm is "of" or "for" or "the" || IsInstitutionWord(t[ns - 1].Norm));
            if (institutional) goto institutions;
            if (_names.TryGetValue(Tokens.Key(name), out var known) || _names.TryGetValue(t[ne - 1].Norm, out known)) { score = 4; return known; }
            int words = 0;
            for (int i = ns; i < ne; i++) if (t[i].IsWord && t[i].End - t[i].Start > 1) words++;
            if (words >= 1 && !(words == 1 && t[ns].End - t[ns].Start <= 2))
            {
                score = words >= 2 ? 3 : 1;
                return new Speaker(name, null, SpeakerRoles.Official, true, a, b);
            }
        }
        // 4. an institution, an organisation, a capital or a country speaking as an actor
        institutions:
        var org = inPart.LastOrDefault(m => m.Kind is ActorKind.Institution or ActorKind.NonState or ActorKind.Capital)
                  ?? inPart.LastOrDefault(m => m.Kind is ActorKind.Country or ActorKind.Demonym && m.TokEnd == b);
        if (org is not null)
        {
            score = 2;
            int from = a;
            while (from < b && t[from].Is(",")) from++;
            return new Speaker(Slice(from, b), org.Country, org.Role ?? (org.Kind == ActorKind.NonState ? SpeakerRoles.Organisation : SpeakerRoles.Official), false, a, b);
        }
        return null;
    }

    static bool IsNameLike(List<Token> t, Resolved m) => t[m.TokStart].Cap && m.TokEnd - m.TokStart >= 2 && m.Role is not null && m.Role != SpeakerRoles.Organisation ? true : m.Role == SpeakerRoles.Organisation && char.IsUpper(m.Name[0]) && m.Name.Contains(' ') && !m.Name.Contains("Union");

    static bool IsInstitutionWord(string norm) => norm is "department" or "ministry" or "office" or "agency" or "embassy"
        or "council" or "committee" or "institute" or "university" or "party" or "group" or "center" or "centre" or "forces"
        or "force" or "guard" or "army" or "navy" or "command" or "foreign" or "defence" or "defense" or "affairs";

    static bool IsFunctionWord(string norm) => norm is "the" or "in" or "on" or "but" or "and" or "after" or "when" or "while"
        or "as" or "if" or "meanwhile" or "however" or "still" or "yet" or "asked" or "speaking" or "this" or "that";

    static bool Covered(List<Resolved> ms, int i) => ms.Any(m => m.TokStart <= i && i < m.TokEnd);

    /// <summary>A role with no name: "the foreign minister", "a ministry spokesperson", "the president".</summary>
    Speaker? RolePhrase(Seg s, int a, int b, string role, List<Resolved> mentions)
    {
        var t = s.Toks;
        var text = _text[t[a].Start..t[b - 1].End];
        var country = mentions.FirstOrDefault(m => m.Country is not null)?.Country;
        // "the president" after a president was named: the same person
        bool definite = t[a].Is("the") && country is null && !HasPossessivePronoun(t, a, b);
        if (definite && _byRole.TryGetValue(role, out var prev) && (role is SpeakerRoles.HeadOfState or SpeakerRoles.Minister)) return prev;
        return new Speaker(text, country, role, false, a, b);
    }

    void Remember(Speaker sp)
    {
        var key = Tokens.Key(sp.Text);
        if (key.Length == 0) return;
        if (sp.Country is null && _names.ContainsKey(key)) return;
        _names[key] = sp;
        // "Petro" after "Gustavo Petro", and "Guo" after "Guo Jiakun" (family name first)
        var parts = key.Split(' ');
        if (parts[^1].Length > 2) _names[parts[^1]] = sp;
        if (parts.Length > 1 && parts[0].Length > 1 && !_names.ContainsKey(parts[0])) _names[parts[0]] = sp;
    }

    void UpdateState(Seg s, bool speakerOnly)
    {
        if (s.Speaker is { } sp)
        {
            _lastSpeaker = sp;
            if (sp.IsPerson) _lastPerson = sp; else _lastOrg = sp;
            if (sp.IsPerson && sp.Role is SpeakerRoles.HeadOfState or SpeakerRoles.Minister) _byRole[sp.Role] = sp;
        }
        if (speakerOnly) return;
        foreach (var m in s.Mentions)
        {
            if (m.Country is not null) _lastCountry = m.Country;
            if (m.Kind == ActorKind.Person && m.Role is SpeakerRoles.HeadOfState or SpeakerRoles.Minister)
                _byRole[m.Role] = new Speaker(m.Name, m.Country, m.Role, true, m.TokStart, m.TokEnd);
        }
        RegisterTitledNames(s);
    }

    /// <summary>"Colombian Foreign Minister Rosa Villavicencio met ..." teaches us who "Villavicencio" is later on.</summary>
    void RegisterTitledNames(Seg s)
    {
        var t = s.Toks;
        for (int i = 0; i < t.Count; i++)
        {
            if (!t[i].IsWord || !RoleWords.IsRoleWord(t[i].Norm) || !t[i].Cap) continue;
            int j = i;
            while (j < t.Count && t[j].IsWord && RoleWords.IsRoleWord(t[j].Norm)) j++;
            int ns = j;
            while (j < t.Count && t[j].IsWord && (t[j].Cap || RoleWords.NameConnectors.Contains(t[j].Norm)) && !Covered(s.Mentions, j)) j++;
            if (j - ns < 2) { i = Math.Max(i, j - 1); continue; }
            var role = RoleWords.RoleIn(t, Math.Max(0, i - 1), ns) ?? SpeakerRoles.Official;
            string? country = s.Mentions.LastOrDefault(m => m.TokEnd <= i && m.TokEnd >= i - 2 && m.Country is not null)?.Country;
            if (role is SpeakerRoles.Analyst or SpeakerRoles.Organisation) country = null;
            var name = _text[t[ns].Start..t[j - 1].End];
            if (!_names.ContainsKey(Tokens.Key(name))) Remember(new Speaker(name, country, role, true, ns, j));
            i = j - 1;
        }
    }

    // ---- 3. quotations spanning sentences -----------------------------------------------------------------------

    void PropagateQuotes()
    {
        // every sentence of one quotation has the speaker named in any of them ('"A. B," Petro said.')
        foreach (var grp in _segs.Where(s => s.S.Section == Sections.Body).GroupBy(s => s.S.QuoteGroup))
        {
            var sp = grp.Select(s => s.Speaker).LastOrDefault(x => x is not null);
            if (sp is null) continue;
            foreach (var s in grp) s.Speaker ??= sp with { TokFrom = 0, TokTo = 0 };
        }
        // a sentence that is all quotation right after an attributed one continues that speaker
        Seg? prev = null;
        foreach (var s in _segs)
        {
            if (s.S.Section != Sections.Body || !s.Counted) continue;
            if (s.Speaker is null && prev?.Speaker is { } ps && s.Toks.Count > 0 && s.Toks[0].Kind == TokenKind.Quote
                && s.S.Paragraph - prev.S.Paragraph <= 1 && MostlyQuoted(s))
                s.Speaker = ps with { TokFrom = 0, TokTo = 0 };
            prev = s;
        }
    }

    static bool Locative(Seg s, int i)
    {
        int k = i - 1;
        if (k >= 0 && s.Toks[k].Is("the")) k--;
        return k >= 0 && s.Toks[k].Norm is "in" or "at" or "inside" or "outside" or "near";
    }

    static bool MostlyQuoted(Seg s)
    {
        int q = 0, w = 0;
        for (int i = 0; i < s.Toks.Count; i++) if (s.Toks[i].IsWord) { w++; if (s.InQuote[i]) q++; }
        return w > 0 && q * 10 >= w * 8;
    }

    // ---- 4. targets and the statement -------------------------------------------------------------------------

    ExtractedStatement? Build(Seg s)
    {
        var sp = s.Speaker;
        var explicitTargets = new List<string>();
        foreach (var m in s.Mentions)
        {
            if (m.Country is null) continue;
            if (sp is not null && sp.Country is null && m.TokStart >= sp.TokFrom && m.TokEnd <= sp.TokTo && sp.TokTo > sp.TokFrom) continue;
            if (m.Kind is ActorKind.Capital or ActorKind.Institution or ActorKind.Place && Locative(s, m.TokStart)) continue;
            if (!explicitTargets.Contains(m.Country)) explicitTargets.Add(m.Country);
        }
        string[] targets;
        bool direct;
        if (sp is null)
        {
            // narration counts only when it relates two countries
            if (explicitTargets.Count < 2) return null;
            targets = [.. explicitTargets];
            direct = true;
        }
        else
        {
            // the speaker's own country is never a target; with no other country named, the statement is about the
            // speaker's counterpart in the article's main pair, or about nobody (a country speaking about itself)
            var others = explicitTargets.Where(c => c != sp.Country).ToArray();
            if (others.Length > 0) { targets = others; direct = true; }
            else
            {
                direct = false;
                if (sp.Country is not null && _mainPair.Length == 2 && _mainPair.Contains(sp.Country))
                    targets = [_mainPair[0] == sp.Country ? _mainPair[1] : _mainPair[0]];
                else if (sp.Country is null && _mainPair.Length == 2) targets = [.. _mainPair];
                else targets = [];
            }
        }
        return new ExtractedStatement(s.S.Start, s.S.Length, _text.Substring(s.S.Start, s.S.Length), s.S.Section,
            sp?.Text, sp?.Role ?? SpeakerRoles.Unattributed, sp?.Country, targets, direct) { Counted = s.Counted };
    }
}
