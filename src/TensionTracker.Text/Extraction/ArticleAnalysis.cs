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
}

/// <summary>The per-article working state of <see cref="StatementExtractor"/>: one instance per call, never shared.</summary>
sealed partial class ArticleAnalysis
{
    sealed class Seg
    {
        public required Segment S;
        public required List<Token> Toks;
        public List<Resolved> Mentions = [];
        public bool[] InQuote = [];
        public Speaker? Speaker;
        public string[]? Targets; // as built, so the speaker's next sentence can continue them
        public bool Counted => S.Section != Sections.Caption && !S.Duplicate;
    }

    readonly Gazetteer _g;
    readonly string _text;
    readonly DateOnly _date;
    readonly List<Seg> _segs = [];
    string[] _mainPair = [];
    string? _topCountry;
    string? _home; // the dateline's country ("BOGOTA — ..."): where unnamed officials usually belong
    int _datelineEnd = -1; // where the dateline ends in the text, so the first sentence's subject comes after it

    // discourse state, in reading order
    Speaker? _lastPerson, _lastSpeaker, _lastOrg;
    string? _lastCountry;
    readonly Dictionary<string, Speaker> _byRole = new(StringComparer.Ordinal);
    readonly List<Speaker> _recent = []; // speakers and named institutions, in reading order, for "the ministry said"
    readonly Dictionary<string, Speaker> _names = new(StringComparer.Ordinal); // surname or full-name key -> person
    readonly HashSet<string> _corroborated = new(StringComparer.Ordinal); // old-list people the article has named in full

    // Checked once a segment in every pass over the segments: some passes look back over the article, so a long one
    // (a megabyte of short sentences) takes minutes, and the caller's budget must be able to stop it.
    readonly CancellationToken _cancellation;

    public ArticleAnalysis(Gazetteer g, string title, string body, DateOnly date, CancellationToken cancellation = default)
    {
        _g = g;
        _text = ArticleDocument.Text(title, body);
        _date = date;
        _cancellation = cancellation;
        foreach (var s in Segmenter.Split(title, body, cancellation))
        {
            cancellation.ThrowIfCancellationRequested();
            _segs.Add(new Seg { S = s, Toks = Tokens.Tokenize(_text, s.Start, s.End) });
        }
    }

    public ArticleExtraction Run(bool includeUncounted)
    {
        ResolveMentions();
        _home = Dateline(out int datelineEnd);
        _datelineEnd = datelineEnd;
        if (datelineEnd > 0)
            foreach (var sg in _segs.Where(x => x.S.Section == Sections.Body).Take(1))
                sg.Mentions.RemoveAll(m => sg.Toks[m.TokStart].Start < datelineEnd);
        ComputeMainPair();
        foreach (var s in _segs) { _cancellation.ThrowIfCancellationRequested(); s.InQuote = QuoteMask(s); }
        for (int i = 0; i < _segs.Count; i++)
        {
            _cancellation.ThrowIfCancellationRequested();
            var s = _segs[i];
            // a headline is the outlet's summary, not a quotation: narration, counted when it relates two countries
            if (s.S.Section == Sections.Headline) continue;
            if (SplitAttributions(s) is var (first, second))
            {
                _segs[i] = s = first;
                _segs.Insert(i + 1, second); // read next, and split again if it holds a third
            }
            else s.Speaker = FindSpeaker(s);
            UpdateState(s, speakerOnly: false);
        }
        PropagateQuotes();
        var list = new List<ExtractedStatement>();
        foreach (var s in _segs)
        {
            _cancellation.ThrowIfCancellationRequested();
            if (!s.Counted && !includeUncounted) continue;
            if (!s.Counted && s.Speaker is null && Source(s) is { } src)
            {
                // a pull quote or headline repeating the body: shown with the statement it repeats
                var orig = Build(src);
                if (orig is not null)
                {
                    list.Add(orig with { Start = s.S.Start, Length = s.S.Length, Text = _text.Substring(s.S.Start, s.S.Length), Section = s.S.Section, Counted = false });
                    continue;
                }
            }
            var st = Build(s);
            if (st is not null) list.Add(st);
        }
        return new ArticleExtraction(list, _mainPair);
    }

    // ---- 1. actors ----------------------------------------------------------------------------------------------

    void ResolveMentions()
    {
        var raw = _segs.Select(s => { _cancellation.ThrowIfCancellationRequested(); return _g.FindAll(_text, s.Toks, 0, s.Toks.Count); }).ToList();
        // countries with unambiguous evidence: an ambiguous name ("Georgia", "Jordan") needs one of these
        var evidence = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ms in raw)
            foreach (var m in ms)
                foreach (var e in m.Entries)
                    if (e.Country is not null && !e.Ambiguous && e.Kind is not (ActorKind.Block or ActorKind.Place or ActorKind.Person)) evidence.Add(e.Country);
        // how often the article names each state by a name no other state shares: decides "Congo" and "Congolese"
        // and how often each paragraph does: nearby evidence decides first ("In Brazzaville, Congo's government said")
        var support = new Dictionary<string, int>(StringComparer.Ordinal);
        var paragraphSupport = new Dictionary<(int, string), int>();
        for (int i = 0; i < raw.Count; i++)
            foreach (var m in raw[i])
                if (OnlyCountry(m) is { } c)
                {
                    support[c] = support.GetValueOrDefault(c) + 1;
                    paragraphSupport[(_segs[i].S.Paragraph, c)] = paragraphSupport.GetValueOrDefault((_segs[i].S.Paragraph, c)) + 1;
                }
        for (int i = 0; i < _segs.Count; i++)
        {
            _cancellation.ThrowIfCancellationRequested();
            var s = _segs[i];
            int firstWord = s.Toks.FindIndex(t => t.IsWord);
            var starts = raw[i].Where(m => !OnlyPlace(m)).Select(m => m.TokStart).ToHashSet();
            int givenNameEnd = -1;
            foreach (var m in raw[i])
            {
                if (m.TokStart > 0 && s.Toks[m.TokStart].Hyphenated && s.Toks[m.TokStart - 1].Norm is "r" or "d" or "i") continue;
                var r = Resolve(m, evidence, support, paragraphSupport, s, firstWord);
                if (r is null) continue;
                if (r.Kind is ActorKind.Place or ActorKind.Capital)
                {
                    if (GivenName(s, m, starts)) { givenNameEnd = m.TokEnd; continue; }
                    // "Esperanza Martínez": a family name that is also a town, right after a given name
                    if (m.TokStart == givenNameEnd && m.TokEnd - m.TokStart == 1 && OnlyPlace(m) || LongerName(s, m, starts)) continue;
                }
                s.Mentions.Add(r);
            }
        }
    }

    /// <summary>A town or province and nothing else: such a name is also a common given or family name.</summary>
    static bool OnlyPlace(Mention m) => m.TokEnd - m.TokStart == 1 && m.Entries.All(e => e.Kind == ActorKind.Place);

    /// <summary>The one state a mention can name, or null when it names none or several ("Congo").</summary>
    static string? OnlyCountry(Mention m)
    {
        string? only = null;
        foreach (var e in m.Entries)
        {
            if (e.Country is null || e.Kind == ActorKind.Block || e.Ambiguous) continue;
            if (only is not null && only != e.Country) return null;
            only = e.Country;
        }
        return only;
    }

    /// <summary>"Sana Qureshi", "Rep. Sofia Navarro", "Farah al-Suwaidi": a one-word place glued to a name that no list
    /// knows is someone's given name, not the place.</summary>
    static bool GivenName(Seg s, Mention m, HashSet<int> otherMentions)
    {
        var t = s.Toks;
        int k = m.TokEnd;
        if (s.S.Section == Sections.Headline || k - m.TokStart != 1 || k >= t.Count || !t[k].IsWord || t[k].Hyphenated) return false;
        if (m.TokStart > 0 && t[m.TokStart - 1].Norm is "in" or "at" or "from" or "to" or "near" or "of" or "across" or "into"
                or "outside" or "inside" or "toward" or "towards" or "via" or "through" or "around" or "between") return false;
        bool NameWord(int i) => i < t.Count && t[i].IsWord && t[i].Cap && !otherMentions.Contains(i) && !RoleWords.IsRoleWord(t[i].Norm)
                                && !IsInstitutionWord(t[i].Norm) && !RoleWords.PlaceNameHeads.Contains(t[i].Norm);
        // "al-Suwaidi", "bin Salman", "de Souza": a particle then the family name
        if (RoleWords.NameConnectors.Contains(t[k].Norm) && !t[k].Cap) return NameWord(k + 1);
        return NameWord(k);
    }

    /// <summary>"San Antonio del Táchira", "Santa Rosa de Copán": a place whose name goes on is another, unlisted place.</summary>
    static bool LongerName(Seg s, Mention m, HashSet<int> otherMentions)
    {
        var t = s.Toks;
        int k = m.TokEnd;
        return k + 1 < t.Count && t[k].IsWord && !t[k].Cap && t[k].Norm is "de" or "del" or "do" or "da" or "dos" or "das"
               && t[k + 1].IsWord && t[k + 1].Cap && !otherMentions.Contains(k + 1);
    }

    Resolved? Resolve(Mention m, HashSet<string> evidence, Dictionary<string, int> support, Dictionary<(int, string), int> paragraphSupport, Seg s, int firstWord)
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
            if (score > bestScore || score == bestScore && best is not null && MoreLikely(e, best, s.S.Paragraph, paragraphSupport, support)) { best = e; bestScore = score; }
        }
        if (best is null) return null;
        // a country name is a country, whatever old person rows share it
        if (best.Priority == 0 && best.Kind == ActorKind.Person && es.FirstOrDefault(e => e.Kind is ActorKind.Country or ActorKind.Demonym && e.Priority > 0) is { } c) best = c;
        if (best.Ambiguous && (best.Country is null || !evidence.Contains(best.Country) || NextToName(s, m))) return null;
        if (best.Priority == 0 && best.Kind == ActorKind.Person && !Corroborated(best, m, s)) return null;
        // a city or province that opens a sentence is more often an ordinary capitalised word
        if (best.Kind == ActorKind.Place && m.TokStart == firstWord && m.TokEnd - m.TokStart == 1
            && !(m.TokEnd < s.Toks.Count && s.Toks[m.TokEnd].Kind == TokenKind.Possessive)) return null; // "Belgorod's governor" is the place
        bool outOfTerm = (best.From is not null || best.To is not null) && !best.ValidOn(_date);
        var role = outOfTerm && best.Role is SpeakerRoles.HeadOfState or SpeakerRoles.Minister ? SpeakerRoles.Official : best.Role;
        return new Resolved(m.TokStart, m.TokEnd, best.Country, best.Kind, role, best.Name, best.Key);
    }

    /// <summary>
    /// The PETRARCH person lists are old and full of common names: a match there needs corroboration. "Ahmed Hassan Ali"
    /// is not "Hassan Ali" (a longer name around it), and a short form of a holder out of term ("Anwar Sadat" for
    /// "Anwar As Sadat") counts only after the full name, after a title, or while the holder is in office (or undated).
    /// </summary>
    bool Corroborated(GazetteerEntry e, Mention m, Seg s)
    {
        var t = s.Toks;
        bool NameWord(int i) => i >= 0 && i < t.Count && t[i].IsWord && t[i].Cap && !RoleWords.IsRoleWord(t[i].Norm)
                                && !IsFunctionWord(t[i].Norm) && !(i == m.TokEnd && t[i].Hyphenated);
        if (NameWord(m.TokEnd) || NameWord(m.TokStart - 1) && m.TokStart - 1 > 0) return false;
        var matched = Tokens.Key(_text[m.Start..m.End]);
        bool fullName = matched == e.Key;
        bool titled = m.TokStart > 0 && t[m.TokStart - 1].IsWord && RoleWords.IsRoleWord(t[m.TokStart - 1].Norm);
        bool inOffice = e.ValidOn(_date); // undated rows are offices more than people
        if (fullName || titled || inOffice || _corroborated.Contains(e.Key)) { _corroborated.Add(e.Key); return true; }
        return false;
    }

    // between two states sharing a name: the one its paragraph otherwise names more often, else the one the article does,
    // else the curated default
    static bool MoreLikely(GazetteerEntry e, GazetteerEntry best, int paragraph, Dictionary<(int, string), int> paragraphSupport, Dictionary<string, int> support)
    {
        if (e.Country is null || best.Country is null || e.Country == best.Country) return false;
        int pa = paragraphSupport.GetValueOrDefault((paragraph, e.Country)), pb = paragraphSupport.GetValueOrDefault((paragraph, best.Country));
        if (pa != pb) return pa > pb;
        int a = support.GetValueOrDefault(e.Country), b = support.GetValueOrDefault(best.Country);
        return a != b ? a > b : e.Preferred && !best.Preferred;
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
        while (k < lim && (char.IsUpper(_text[k]) || _text[k] is ' ' or '.' or '\'' or '/' || !char.IsAscii(_text[k]) && char.IsLetter(_text[k]))) k++;
        if (k - i < 3 || k >= lim || !(_text[k] is ',' or '(' or '\u2014' or '\u2013' or '-' || _text[k - 1] == ' ' && _text[k] is '\u2014' or '\u2013' or '-')) return null;
        var toks = Tokens.Tokenize(_text, i, k);
        end = k;
        foreach (var m in _g.FindAll(_text, toks, 0, toks.Count))
            foreach (var e in m.Entries.OrderByDescending(e => e.Priority))
                if (e.Country is not null && e.Kind is ActorKind.Capital or ActorKind.Place or ActorKind.Country) return e.Country;
        // "BIAŁYSTOK, Poland (Wire) —": a town nobody listed, then its country
        if (_text[k] != ',') return null;
        int c = k + 1, climit = Math.Min(b.S.End, k + 50);
        while (c < climit && _text[c] is not ('(' or '\u2014' or '\u2013' or '\n')) c++;
        var rest = Tokens.Tokenize(_text, k + 1, c);
        foreach (var m in _g.FindAll(_text, rest, 0, rest.Count))
            foreach (var e in m.Entries)
                if (e.Country is not null && e.Kind == ActorKind.Country && !e.Ambiguous) return e.Country;
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

    // ---- 2b. two attributions in one sentence -------------------------------------------------------------------

    /// <summary>
    /// "A spokesman for Greece's opposition said ..., and in Turkey, a nationalist leader warned ...": two speakers joined by
    /// ", and" / ", but" / ", while" / ";" become two statements, each with its own speaker. The first part's speaker is set.
    /// </summary>
    (Seg, Seg)? SplitAttributions(Seg s)
    {
        // captions too: "Kenya says the boat was Ugandan; Kampala denies it."
        if (!(s.S.Section == Sections.Body && s.Counted || s.S.Section == Sections.Caption)) return null;
        var t = s.Toks;
        for (int k = 1; k + 2 < t.Count; k++)
        {
            if (s.InQuote[k] || !(t[k].Is(";") || t[k].Is(",") && t[k + 1].Norm is "and" or "but" or "while" or "whereas")) continue;
            if (!HasActiveSpeechVerb(s, 0, k) || !HasActiveSpeechVerb(s, k + 1, t.Count)) continue;
            var first = Part(s, 0, k);
            var second = Part(s, k + 1, t.Count);
            if (FindSpeaker(first) is not { } a) return null;
            if (FindSpeaker(second) is not { Ref: false } b) return null;
            first.Speaker = a;
            second.Speaker = b;
            return (first, second);
        }
        return null;
    }

    /// <summary>A finite verb of saying outside quotes: not passive ("was summoned" names who was summoned, not a speaker)
    /// and not a participle ("expelled two diplomats, accusing them of ..." narrates an act).</summary>
    static bool HasActiveSpeechVerb(Seg s, int from, int to)
    {
        var t = s.Toks;
        for (int i = from + 1; i < to; i++)
            if (!s.InQuote[i] && t[i].IsWord && RoleWords.SpeechVerbs.Contains(t[i].Norm) && !t[i].Norm.EndsWith("ing", StringComparison.Ordinal)
                && t[i - 1].Norm is not ("was" or "were" or "been" or "being" or "be" or "is" or "are"))
                return true;
        return false;
    }

    /// <summary>Tokens [from, to) of a sentence as a sentence of its own, its mentions and quote mask carried over.</summary>
    Seg Part(Seg s, int from, int to)
    {
        var t = s.Toks;
        int start = t[from].Start, end = t[to - 1].End;
        var seg = new Seg
        {
            S = s.S with { Start = start, End = end, StartsInQuote = s.InQuote[from] },
            Toks = t.GetRange(from, to - from),
            InQuote = s.InQuote[from..to],
        };
        foreach (var m in s.Mentions)
            if (m.TokStart >= from && m.TokEnd <= to) seg.Mentions.Add(m with { TokStart = m.TokStart - from, TokEnd = m.TokEnd - from });
        // a part with no quotation of its own leaves the quotation's group, so the quote's sentences keep their speaker
        if (!seg.S.StartsInQuote && !seg.Toks.Exists(x => x.Kind == TokenKind.Quote)) seg.S = seg.S with { QuoteGroup = --_splitGroups };
        return seg;
    }

    int _splitGroups; // group numbers for parts of split sentences, below the segmenter's (which start at 0)

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
            _cancellation.ThrowIfCancellationRequested();
            if (s.S.Section != Sections.Body || !s.Counted) continue;
            if (s.Speaker is null && prev?.Speaker is { } ps && s.Toks.Count > 0 && s.Toks[0].Kind == TokenKind.Quote
                && s.S.Paragraph - prev.S.Paragraph <= 1 && MostlyQuoted(s))
            {
                // and so do the following sentences of that quotation ('"Cooperation, yes. Subordination, never."')
                foreach (var g in _segs)
                    if (g.S.QuoteGroup == s.S.QuoteGroup && g.S.Section == Sections.Body) g.Speaker ??= ps with { TokFrom = 0, TokTo = 0 };
            }
            prev = s;
        }
    }

    Seg? PreviousBySameSpeaker(Seg s)
    {
        int i = _segs.IndexOf(s);
        for (int k = i - 1; k >= 0; k--)
        {
            var p = _segs[k];
            if (p.S.Section != Sections.Body || !p.Counted || p.Speaker is null) continue;
            if (s.S.Paragraph - p.S.Paragraph > 1) return null;
            return p.Speaker.Text == s.Speaker!.Text && p.Speaker.Country == s.Speaker.Country ? p : null;
        }
        return null;
    }

    Seg? Source(Seg dup)
    {
        var n = Segmenter.Norm(_text, dup.S.Start, dup.S.End);
        if (n.Length < 10) return null;
        return _segs.FirstOrDefault(x => x.Counted && x != dup && Segmenter.Norm(_text, x.S.Start, x.S.End).Contains(n, StringComparison.Ordinal));
    }

    static bool AfterRelationalPreposition(Seg s, int i)
    {
        int k = i - 1;
        if (k >= 0 && s.Toks[k].Is("the")) k--;
        return k >= 0 && s.Toks[k].Norm is "to" or "for" or "on" or "with";
    }

    static bool MentionsBothSides(Seg s)
    {
        var t = s.Toks;
        for (int i = 0; i + 1 < t.Count; i++)
            if (t[i].Norm is "two" or "both" or "either" && t[i + 1].Norm is "countries" or "sides" or "side" or "governments" or "capitals" or "nations" or "neighbours" or "neighbors" or "leaders"
                // "the two brotherly countries", "both neighbouring states": one adjective between
                || t[i].Norm is "two" or "both" && i + 2 < t.Count && t[i + 1].IsWord && !t[i + 1].Cap && t[i + 2].Norm is "countries" or "nations" or "neighbours" or "neighbors" or "states" or "governments"
                || t[i].Norm is "bilateral")
                return true;
        return false;
    }

    static bool Locative(Seg s, int i)
    {
        int k = i - 1;
        if (k >= 0 && s.Toks[k].Is("the")) k--;
        return k >= 0 && s.Toks[k].Norm is "in" or "at" or "inside" or "outside" or "near";
    }

    static bool ClauseWord(string norm) => norm is "that" or "but" or "on" or "to" or "for" or "with" or "by"
        or "from" or "of" or "in" or "at" or "last" or "this" or "after" or "before" or "since" or "until" or "when" or "where"
        or "while" or "as" or "which" or "who" or "is" or "was" or "were" or "are" or "has" or "had" or "have" or "will" or "would";

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
            if (sp is not null && m.TokStart >= sp.TokFrom && m.TokEnd <= sp.TokTo && sp.TokTo > sp.TokFrom
                && (sp.Country is null || !AfterRelationalPreposition(s, m.TokStart))) continue;
            // "in Geneva" is where, but "in Beijing-run camps" uses the place as an adjective of a noun
            if (m.Kind is ActorKind.Capital or ActorKind.Institution or ActorKind.Place && Locative(s, m.TokStart)
                && !(m.TokEnd < s.Toks.Count && s.Toks[m.TokEnd].IsWord && !s.Toks[m.TokEnd].Cap && !ClauseWord(s.Toks[m.TokEnd].Norm))) continue;
            // "a London-based consultancy", "the Comoros-flagged tanker": where someone sits or a ship is registered, not a party
            if (m.TokEnd < s.Toks.Count && s.Toks[m.TokEnd].Hyphenated && s.Toks[m.TokEnd].Norm is "based" or "flagged" or "registered" or "headquartered") continue;
            // "at a summit in Egypt", "talks in Qatar": the venue of a meeting, not a party to it
            if (m.Kind == ActorKind.Country && m.TokStart >= 2 && s.Toks[m.TokStart - 1].Is("in")
                && s.Toks[m.TokStart - 2].Norm is "summit" or "talks" or "meeting" or "conference" or "forum" or "negotiations" or "ceremony") continue;
            // "an economic zone the size of Mexico": a yardstick, not a party
            if (m.TokStart >= 2 && s.Toks[m.TokStart - 1].Is("of") && s.Toks[m.TokStart - 2].Norm is "size" or "area"
                && !(m.TokEnd < s.Toks.Count && s.Toks[m.TokEnd].Kind == TokenKind.Possessive)) continue; // "the size of Iran's stockpile" is Iran's
            if (!explicitTargets.Contains(m.Country)) explicitTargets.Add(m.Country);
        }
        string[] targets;
        bool direct;
        if (sp is null)
        {
            // narration counts only when it relates two countries, named or as "the two countries" of the main pair
            if (_mainPair.Length == 2 && MentionsBothSides(s))
                foreach (var c in _mainPair) if (!explicitTargets.Contains(c)) explicitTargets.Add(c);
            if (explicitTargets.Count < 2) return null;
            targets = [.. explicitTargets];
            direct = true;
        }
        else
        {
            // "urged both governments to talk", "offered to host the two sides": the article's pair, whoever else is named
            if (_mainPair.Length == 2 && MentionsBothSides(s))
                foreach (var c in _mainPair) if (!explicitTargets.Contains(c)) explicitTargets.Add(c);
            // the speaker's own country is never a target; with no other country named, the statement is about the
            // speaker's counterpart in the article's main pair, or about nobody (a country speaking about itself)
            var others = explicitTargets.Where(c => c != sp.Country).ToArray();
            // an analyst naming one side of the article's pair is talking about the pair
            if (sp.Country is null && sp.Role == SpeakerRoles.Analyst && others.Length > 0 && _mainPair.Length == 2 && others.All(_mainPair.Contains))
                others = [.. others, .. _mainPair.Where(c => !others.Contains(c))];
            if (others.Length > 0) { targets = others; direct = true; }
            else
            {
                direct = false;
                // a speaker who goes on without naming anyone is still talking about whom they just named
                if (PreviousBySameSpeaker(s) is { Targets.Length: > 0 } prev) targets = prev.Targets!;
                else if (sp.Country is not null && _mainPair.Length == 2 && _mainPair.Contains(sp.Country))
                    targets = [_mainPair[0] == sp.Country ? _mainPair[1] : _mainPair[0]];
                else if (_mainPair.Length == 2 && (sp.Country is null || !_mainPair.Contains(sp.Country))) targets = [.. _mainPair]; // a third party on the dispute
                else targets = [];
            }
        }
        s.Targets = targets;
        return new ExtractedStatement(s.S.Start, s.S.Length, _text.Substring(s.S.Start, s.S.Length), s.S.Section,
            sp?.Text, sp?.Role ?? SpeakerRoles.Unattributed, sp?.Country, targets, direct) { Counted = s.Counted };
    }
}
