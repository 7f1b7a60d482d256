using static TensionTracker.Text.Extraction.PhraseWords;

namespace TensionTracker.Text.Extraction;

/// <summary>
/// Stage 2, mentions: every country, capital, demonym, institution and person the sentences name, resolved against the
/// gazetteer for the article's date and its own evidence ("Georgia" needs "Tbilisi"); then the dateline and the pair of
/// countries the article is mainly about.
/// </summary>
sealed class MentionStage
{
    readonly Gazetteer _g;
    readonly string _text;
    readonly DateOnly _date;
    readonly CancellationToken _cancellation;
    readonly HashSet<string> _corroborated = new(StringComparer.Ordinal); // old-list people the article has named in full

    MentionStage(Gazetteer g, string text, DateOnly date, CancellationToken cancellation)
    {
        _g = g;
        _text = text;
        _date = date;
        _cancellation = cancellation;
    }

    public static (List<Sentence> Sentences, ArticleFacts Article) Read(Gazetteer g, string text, DateOnly date, List<Sentence> sentences, CancellationToken cancellation)
    {
        var stage = new MentionStage(g, text, date, cancellation);
        var mentions = stage.ResolveMentions(sentences);
        var home = stage.Dateline(sentences, out int datelineEnd);
        if (datelineEnd > 0 && sentences.FindIndex(x => x.Span.Section == Sections.Body) is int first and >= 0)
            mentions[first].RemoveAll(m => sentences[first].Tokens[m.TokStart].Start < datelineEnd);
        var resolved = sentences.Select((s, i) => s with { Mentions = mentions[i] }).ToList();
        var (top, pair) = MainPair(resolved);
        return (resolved, new ArticleFacts(text, date, pair, top, home, datelineEnd, cancellation));
    }

    List<List<Resolved>> ResolveMentions(List<Sentence> sentences)
    {
        var raw = sentences.Select(s => { _cancellation.ThrowIfCancellationRequested(); return _g.FindAll(_text, s.Tokens, 0, s.Tokens.Count); }).ToList();
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
                    paragraphSupport[(sentences[i].Span.Paragraph, c)] = paragraphSupport.GetValueOrDefault((sentences[i].Span.Paragraph, c)) + 1;
                }
        var resolved = new List<List<Resolved>>(sentences.Count);
        for (int i = 0; i < sentences.Count; i++)
        {
            _cancellation.ThrowIfCancellationRequested();
            var s = sentences[i];
            var found = new List<Resolved>();
            resolved.Add(found);
            int firstWord = s.Tokens.FindIndex(t => t.IsWord);
            var starts = raw[i].Where(m => !OnlyPlace(m)).Select(m => m.TokStart).ToHashSet();
            int givenNameEnd = -1;
            foreach (var m in raw[i])
            {
                if (m.TokStart > 0 && s.Tokens[m.TokStart].Hyphenated && s.Tokens[m.TokStart - 1].Norm is "r" or "d" or "i") continue;
                var r = Resolve(m, evidence, support, paragraphSupport, s, firstWord, raw[i]);
                if (r is null) continue;
                if (r.Kind is ActorKind.Place or ActorKind.Capital)
                {
                    if (GivenName(s, m, starts)) { givenNameEnd = m.TokEnd; continue; }
                    // "Esperanza Martínez": a family name that is also a town, right after a given name
                    if (m.TokStart == givenNameEnd && m.TokEnd - m.TokStart == 1 && OnlyPlace(m) || LongerName(s, m, starts)) continue;
                }
                found.Add(r);
            }
        }
        return resolved;
    }

    /// <summary>A country or demonym that names one state beyond doubt, not <paramref name="country"/>.</summary>
    static bool OtherState(Mention m, string country) =>
        OnlyCountry(m) is { } c && c != country && m.Entries.Any(e => e.Country == c && e.Kind is ActorKind.Country or ActorKind.Demonym);

    /// <summary>A town or province, or an office-holder's family name, and nothing else: such a name is also a common given
    /// or family name ("Sofia Navarro", "Rosario Medina").</summary>
    static bool OnlyPlace(Mention m) => m.TokEnd - m.TokStart == 1 && m.Entries.All(e => e.Kind == ActorKind.Place || e.Surname);

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
    static bool GivenName(Sentence s, Mention m, HashSet<int> otherMentions)
    {
        var t = s.Tokens;
        int k = m.TokEnd;
        if (s.Span.Section == Sections.Headline || k - m.TokStart != 1 || k >= t.Count || !t[k].IsWord || t[k].Hyphenated) return false;
        if (m.TokStart > 0 && t[m.TokStart - 1].Norm is "in" or "at" or "from" or "to" or "near" or "of" or "across" or "into"
                or "outside" or "inside" or "toward" or "towards" or "via" or "through" or "around" or "between") return false;
        bool NameWord(int i) => i < t.Count && t[i].IsWord && t[i].Cap && !otherMentions.Contains(i) && !RoleWords.IsRoleWord(t[i].Norm)
                                && !IsInstitutionWord(t[i].Norm) && !RoleWords.PlaceNameHeads.Contains(t[i].Norm);
        // "al-Suwaidi", "bin Salman", "de Souza": a particle then the family name
        if (RoleWords.NameConnectors.Contains(t[k].Norm) && !t[k].Cap) return NameWord(k + 1);
        return NameWord(k);
    }

    /// <summary>"San Antonio del Táchira", "Santa Rosa de Copán": a place whose name goes on is another, unlisted place.</summary>
    static bool LongerName(Sentence s, Mention m, HashSet<int> otherMentions)
    {
        var t = s.Tokens;
        int k = m.TokEnd;
        return k + 1 < t.Count && t[k].IsWord && !t[k].Cap && t[k].Norm is "de" or "del" or "do" or "da" or "dos" or "das"
               && t[k + 1].IsWord && t[k + 1].Cap && !otherMentions.Contains(k + 1);
    }

    Resolved? Resolve(Mention m, HashSet<string> evidence, Dictionary<string, int> support, Dictionary<(int, string), int> paragraphSupport, Sentence s, int firstWord,
        List<Mention> sentenceMentions)
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
            if (score > bestScore || score == bestScore && best is not null && MoreLikely(e, best, s.Span.Paragraph, paragraphSupport, support)) { best = e; bestScore = score; }
        }
        if (best is null) return null;
        // a country name is a country, whatever old person rows share it
        if (best.Priority == 0 && best.Kind == ActorKind.Person && es.FirstOrDefault(e => e.Kind is ActorKind.Country or ActorKind.Demonym && e.Priority > 0) is { } c) best = c;
        // "Lebanon complained to the United Nations over two Israeli raids": beside another state named beyond doubt, a shared
        // name is the state too, even in an article of one sentence
        if (best.Ambiguous && (best.Country is null || NextToName(s, m)
                               || !evidence.Contains(best.Country) && !(best.Kind == ActorKind.Country && sentenceMentions.Any(o => OtherState(o, best.Country))))) return null;
        if (best.Surname && !OnlyHolder(best, es, m, s)) return null;
        if (best.Priority == 0 && best.Kind == ActorKind.Person && !Corroborated(best, m, s)) return null;
        // a city or province that opens a sentence is more often an ordinary capitalised word
        if (best.Kind == ActorKind.Place && m.TokStart == firstWord && m.TokEnd - m.TokStart == 1
            && !(m.TokEnd < s.Tokens.Count && s.Tokens[m.TokEnd].Kind == TokenKind.Possessive)) return null; // "Belgorod's governor" is the place
        bool outOfTerm = (best.From is not null || best.To is not null) && !best.ValidOn(_date);
        var role = outOfTerm && best.Role is SpeakerRoles.HeadOfState or SpeakerRoles.Minister ? SpeakerRoles.Official : best.Role;
        return new Resolved(m.TokStart, m.TokEnd, best.Country, best.Kind, role, best.Name, best.Key);
    }

    /// <summary>A family name alone names the one holder of it in office at the article's date ("Clinton" in 1995), never
    /// two, and out of office only after his full name; a name going on ("Hadi al-Suwaidi") is someone else's.</summary>
    bool OnlyHolder(GazetteerEntry e, IReadOnlyList<GazetteerEntry> es, Mention m, Sentence s)
    {
        if (!e.ValidOn(_date) && !_corroborated.Contains(e.Key)) return false;
        if (m.TokEnd < s.Tokens.Count && s.Tokens[m.TokEnd].IsWord && RoleWords.NameConnectors.Contains(s.Tokens[m.TokEnd].Norm)) return false;
        foreach (var o in es)
            if (o.Kind == ActorKind.Person && o.Key != e.Key && o.ValidOn(_date) && (o.Surname || o.Priority == 0)) return false;
        return true;
    }

    /// <summary>
    /// The PETRARCH person lists are old and full of common names: a match there needs corroboration. "Ahmed Hassan Ali"
    /// is not "Hassan Ali" (a longer name around it), and a short form of a holder out of term ("Anwar Sadat" for
    /// "Anwar As Sadat") counts only after the full name, after a title, or while the holder is in office (or undated).
    /// </summary>
    bool Corroborated(GazetteerEntry e, Mention m, Sentence s)
    {
        var t = s.Tokens;
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
    static bool NextToName(Sentence s, Mention m)
    {
        bool Cap(int i) => i >= 0 && i < s.Tokens.Count && s.Tokens[i].IsWord && s.Tokens[i].Cap && !RoleWords.IsRoleWord(s.Tokens[i].Norm);
        return Cap(m.TokEnd) || (Cap(m.TokStart - 1) && m.TokStart - 1 > 0);
    }

    string? Dateline(List<Sentence> sentences, out int end)
    {
        end = -1;
        var b = sentences.FirstOrDefault(x => x.Span.Section == Sections.Body);
        if (b is null) return null;
        // up to five words in capitals before a dash or "(Reuters)": "BOGOTA —", "NEW DELHI, Sept. 3 (AP) —"
        int i = b.Span.Start, lim = Math.Min(b.Span.End, i + 60);
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
        int c = k + 1, climit = Math.Min(b.Span.End, k + 50);
        while (c < climit && _text[c] is not ('(' or '\u2014' or '\u2013' or '\n')) c++;
        var rest = Tokens.Tokenize(_text, k + 1, c);
        foreach (var m in _g.FindAll(_text, rest, 0, rest.Count))
            foreach (var e in m.Entries)
                if (e.Country is not null && e.Kind == ActorKind.Country && !e.Ambiguous) return e.Country;
        return null;
    }

    static (string? Top, string[] Pair) MainPair(List<Sentence> sentences)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        int order = 0;
        foreach (var s in sentences)
        {
            if (!s.Counted && s.Span.Section != Sections.Headline) continue;
            int w = s.Span.Section == Sections.Headline ? 2 : 1;
            foreach (var m in s.Mentions)
            {
                if (m.Country is null) continue;
                counts[m.Country] = counts.GetValueOrDefault(m.Country) + w;
                first.TryAdd(m.Country, order++);
            }
        }
        var ranked = counts.OrderByDescending(kv => kv.Value).ThenBy(kv => first[kv.Key]).Select(kv => kv.Key).ToList();
        return (ranked.FirstOrDefault(), ranked.Count >= 2 ? [ranked[0], ranked[1]] : []);
    }
}
