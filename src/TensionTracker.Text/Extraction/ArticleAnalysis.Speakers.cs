namespace TensionTracker.Text.Extraction;

/// <summary>
/// Speaker attribution: find the verb of saying outside quotes, take the noun phrase that names its subject ("X said",
/// '"...," said X', "according to X", "X, the foreign minister, said", "X's foreign minister, Y, said"), and resolve that
/// phrase to a speaker: a known or local person, a pronoun or a reference back ("he", "the ministry"), an institution,
/// a country, or a bare role, with its country from the phrase or, failing that, from where it was said.
/// </summary>
sealed partial class ArticleAnalysis
{
    // ---- 2. speakers --------------------------------------------------------------------------------------------

    bool[] QuoteMask(Seg s)
    {
        var mask = new bool[s.Toks.Count];
        bool dq = s.S.StartsInQuote, sq = false; // double and single quotes apart: 'Rules of the Road' inside "..."
        for (int i = 0; i < s.Toks.Count; i++)
        {
            var t = s.Toks[i];
            if (t.Kind == TokenKind.Quote)
            {
                char c = _text[t.Start];
                if (c is '\u201C' or '\u00AB') dq = true;
                else if (c is '\u201D' or '\u00BB') dq = false;
                else if (c == '"') dq = !dq;
                // British single quotes: an opening mark before a letter, a closing one only when a quote is open
                else if (c is '\'' or '\u2018' && t.Start + 1 < _text.Length && char.IsLetter(_text[t.Start + 1])
                         && (t.Start == 0 || !char.IsLetterOrDigit(_text[t.Start - 1]))) sq = true;
                else if (c is '\'' or '\u2019' && sq && (t.Start + 1 >= _text.Length || !char.IsLetter(_text[t.Start + 1]))) sq = false;
                mask[i] = false;
                continue;
            }
            mask[i] = dq || sq;
        }
        return mask;
    }

    Speaker? FindSpeaker(Seg s)
    {
        var t = s.Toks;
        int n = t.Count;
        // "according to X"
        for (int i = 0; i + 2 < n; i++)
            if (!s.InQuote[i] && t[i].Is("according") && t[i + 1].Is("to") && !SaidBy(s, i))
            {
                var (a, b) = RightPhrase(s, PastDocument(t, i + 2), bareCommas: false);
                if (b > a && Analyse(s, a, b, -1, leftOfVerb: false) is { } sp) return sp;
            }
        for (int i = 0; i + 3 < n; i++)
            if (!s.InQuote[i] && t[i].Is("quoted") && t[i + 1].IsWord)
            {
                var (qa, qb) = RightPhrase(s, i + 1, bareCommas: false);
                if (qb > qa && qb + 1 < n && t[qb].Is("as") && t[qb + 1].Norm is "saying" or "telling" or "stating" && Analyse(s, qa, qb, -1, leftOfVerb: false) is { } q)
                    return q;
            }
        for (int i = 0; i < n; i++)
        {
            bool act = false;
            if (s.InQuote[i] || !t[i].IsWord || !(RoleWords.SpeechVerbs.Contains(t[i].Norm) || IssuesDocument(t, i) || TakesSides(t, i) || (act = StateAct(t, i)))) continue;
            if (i == 0 && t[i].Cap) continue;
            if (t[i].Cap && i > 0 && t[i - 1].IsWord && t[i - 1].Cap) continue; // "the Alliance of Sahel States": a name, not "states"
            // "The statement said": the document speaks for whoever issued it, the speaker just before
            // ("the fact sheet said", "the joint statement said": one modifier allowed)
            int det = i >= 3 && !IsDeterminer(t[i - 2]) && t[i - 2].IsWord && !t[i - 2].Cap ? i - 3 : i - 2;
            if (det >= 0 && RoleWords.DocumentNouns.Contains(t[i - 1].Norm) && IsDeterminer(t[det])
                && _lastSpeaker is { } issuer)
                return issuer with { Ref = true, TokFrom = det, TokTo = i };
            // "The move drew a protest from La Paz, which said ...": the relative pronoun's antecedent speaks, when it is an
            // actor we know or a role (in "a report seen by Reuters, which said" the antecedent may be the report)
            if (RelativeComma(s, i) is int comma and > 0 && LeftPhrase(s, comma) is var (ra, rb) && rb > ra
                && (s.Mentions.Any(m => m.TokStart >= ra && m.TokEnd <= rb) || RoleWords.RoleIn(t, ra, rb) is not null)
                && Analyse(s, ra, rb, i) is { } antecedent)
                return antecedent;
            var (a, b) = LeftPhrase(s, i);
            if (b > a && a > 0 && t[a - 1].Norm is "after" or "when" or "since" or "before" or "until" or "because" or "although" or "though" or "once" or "as" or "if" or "whether")
                continue;
            // "in what officials called ...": a description, not an attribution
            bool described = false;
            for (int k = a; k < b; k++) if (t[k].Norm is "what" or "though" or "although") described = true;
            if (described) continue;
            if (b > a && BothSides(t, a, i)) return null;
            // "..., and it has accused France": "it" in a second clause is the state that opens the sentence
            if (b == a + 1 && t[a].Norm is "it" && a >= 2 && t[a - 1].Norm is "and" or "but" && t[a - 2].Is(",") && OpeningState(s, a) is { } opening)
                return opening with { TokFrom = a, TokTo = b };
            // "Lithuania on Thursday closed the crossings": an act of state speaks for the state that is its subject, not for
            // a person or a role placed only by context
            if (act)
            {
                if (b > a && StateSubject(s, a, b) && Analyse(s, a, b, i) is { IsPerson: false, Country: not null } state) return state with { Act = true };
                continue;
            }
            if (b > a && Analyse(s, a, b, i) is { } sp) return sp;
            // "Iranian state television broadcast images of the rig and said ...": a second predicate has the sentence's subject
            if (b == a && i > 1 && t[i - 1].Norm is "and" or "but" && !s.InQuote[i - 1] && SubjectOf(s) is { } subject) return subject;
            // inverted: '"...," said Petro' / '..., said the ministry.'
            int p = i - 1;
            while (p >= 0 && t[p].IsWord && RoleWords.Auxiliaries.Contains(t[p].Norm)) p--;
            if (p >= 0 && (t[p].Kind == TokenKind.Quote || t[p].Is(",")))
            {
                var (c, d) = RightPhrase(s, i + 1);
                bool closes = d >= n || t[d].Kind is TokenKind.Punct or TokenKind.Quote || t[d].Norm is "who" or "which" or "in" or "on" or "adding";
                // "said Jane Cho, director of the China programme at ...": an apposition that runs on still leaves the name
                if (!closes && FirstComma(t, c, d) is int first and > 0) (d, closes) = (first, true);
                if (d > c && closes && Analyse(s, c, d, i, leftOfVerb: false) is { } sp2) return sp2;
            }
        }
        // "Petro: 'We will not kneel'" (headlines, transcripts)
        for (int i = 1; i + 1 < n; i++)
            if (t[i].Is(":") && !s.InQuote[i] && t[i + 1].Kind == TokenKind.Quote)
            {
                var (a, b) = LeftPhrase(s, i);
                if (b > a && !Label(t, a, b) && Analyse(s, a, b) is { } sp) return sp;
            }
        // a pull quote signed after a dash: '"Our door remains open" — Jane Doe, foreign ministry spokeswoman'
        for (int i = 0; i + 2 < n; i++)
            if (t[i].Kind == TokenKind.Quote && !s.InQuote[i] && i > 0 && s.InQuote[i - 1] && _text[t[i + 1].Start] is '\u2014' or '\u2013' && t[i + 2].IsWord && t[i + 2].Cap)
            {
                var (a, b) = RightPhrase(s, i + 2);
                if (b > a && Analyse(s, a, b, -1, leftOfVerb: false) is { } sp) return sp;
            }
        // "state media carried a statement by the defence ministry", "a report by the agency": with no other attribution, the
        // document speaks for its author
        for (int i = 1; i + 2 < n; i++)
            if (!s.InQuote[i] && t[i].IsWord && RoleWords.DocumentNouns.Contains(t[i].Norm) && t[i + 1].Norm is "by" or "from")
            {
                var (a, b) = RightPhrase(s, i + 2, bareCommas: false);
                if (b > a && Analyse(s, a, b, -1, leftOfVerb: false) is { } author) return author;
            }
        return null;
    }

    /// <summary>"expelled the ambassador", "closed its border", "lodged a protest", "played down the incident": acts of
    /// state that annotators attribute to the state that is their subject, as they do verbs of saying (not passives).</summary>
    static bool StateAct(List<Token> t, int i)
    {
        if (i == 0 || t[i - 1].Norm is "was" or "were" or "been" or "be" or "is" or "are" or "being" || t[i].Hyphenated) return false;
        bool Next(string w, int within = 1)
        {
            for (int k = i + 1; k < t.Count && k <= i + within; k++) if (t[k].Is(w)) return true;
            return false;
        }
        if (RoleWords.StateActs.Contains(t[i].Norm)) return true;
        if (t[i].Norm is "played" or "plays" && Next("down", 3)) return true;
        // "made similar complaints", "sent a formal protest note", "filed a complaint": a verb whose object is an act of saying
        if (t[i].Norm is "made" or "makes" or "sent" or "sends" or "filed" or "files" or "delivered" or "delivers" or "raised" or "raises")
            for (int k = i + 1; k < t.Count && k <= i + 4 && t[k].IsWord; k++)
                if (t[k].Norm is "complaint" or "complaints" or "protest" or "protests" or "objection" or "objections" or "demarche" or "warning" or "accusation" or "accusations")
                    return true;
        return false;
    }

    /// <summary>Is the subject phrase a state actor by its own words: a country, a capital as metonym, or a state
    /// institution named with its state ("Somalia", "Minsk", "Chad's foreign ministry"), not a person?</summary>
    static bool StateSubject(Seg s, int a, int b)
    {
        var t = s.Toks;
        // "Saudi Arabia and Iran reopened consulates": two states acting together relate them, neither speaks
        for (int k = a; k < b; k++) if (t[k].Is("and") || t[k].Is("&")) return false;
        foreach (var m in s.Mentions)
            if (m.TokStart >= a && m.TokEnd <= b && m.Country is not null && m.Kind is ActorKind.Country or ActorKind.Capital or ActorKind.Institution
                && !(m.TokStart > a && t[m.TokStart - 1].Norm is "in" or "at" or "from" or "to" or "with" or "against" or "between" or "of" or "on"))
                return true;
        return false;
    }

    /// <summary>'"...," he said, according to the state news agency': before "according to" at <paramref name="according"/> a
    /// pronoun or a person's name is the subject of a verb of saying, so the agency only reports what that speaker said.</summary>
    bool SaidBy(Seg s, int according)
    {
        var t = s.Toks;
        for (int v = 1; v < according; v++)
        {
            if (s.InQuote[v] || !t[v].IsWord || !RoleWords.SpeechVerbs.Contains(t[v].Norm)) continue;
            int p = v - 1;
            while (p >= 0 && t[p].IsWord && !t[p].Cap && RoleWords.Auxiliaries.Contains(t[p].Norm)) p--;
            if (p >= 0 && t[p].IsWord && !s.InQuote[p] && (t[p].Norm is "he" or "she" || s.Mentions.Any(m => m.Kind == ActorKind.Person && m.TokEnd == p + 1)
                                                        || _names.ContainsKey(t[p].Norm) && _names[t[p].Norm].IsPerson))
                return true;
        }
        return false;
    }

    /// <summary>"PULL QUOTE", "Caption", "Photo": a layout label before a colon, not a speaker.</summary>
    bool Label(List<Token> t, int a, int b)
    {
        for (int i = a; i < b; i++) if (!(t[i].IsWord && t[i].Norm is "pull" or "quote" or "caption" or "photo" or "picture" or "quoted" or "highlight")) return AllCaps(t[a].Start, t[b - 1].End);
        return true;
    }

    static bool IsDeterminer(Token x) => x.Norm is "the" or "that" or "this" or "its" or "their";

    static int FirstComma(List<Token> t, int from, int to)
    {
        for (int k = from; k < to; k++) if (t[k].Is(",")) return k;
        return -1;
    }

    /// <summary>For a verb right after ", which" or ", who" (auxiliaries allowed: ", who later said"): the comma's index, else -1.</summary>
    static int RelativeComma(Seg s, int verb)
    {
        var t = s.Toks;
        int p = verb - 1;
        while (p >= 0 && t[p].IsWord && !t[p].Cap && RoleWords.Auxiliaries.Contains(t[p].Norm)) p--;
        return p >= 2 && t[p].Norm is "which" or "who" && t[p - 1].Is(",") && !s.InQuote[p] ? p - 1 : -1;
    }

    /// <summary>"a statement from X", "a fact sheet released by X": the index of X, else <paramref name="k"/> itself.</summary>
    static int PastDocument(List<Token> t, int k)
    {
        int j = k;
        if (j < t.Count && t[j].Norm is "a" or "an" or "the" or "its" or "his" or "her" or "their") j++;
        int doc = -1;
        for (int n = 0; j < t.Count && n < 4 && t[j].IsWord && !t[j].Cap; j++, n++)
            if (RoleWords.DocumentNouns.Contains(t[j].Norm)) { doc = j; break; }
        if (doc < 0) return k;
        j = doc + 1;
        if (j < t.Count && t[j].Norm is "issued" or "released" or "published" or "posted" or "carried" or "read" or "sent" or "signed") j++;
        return j + 1 < t.Count && t[j].Norm is "from" or "by" or "of" ? j + 1 : k;
    }

    /// <summary>"issued a statement", "released a joint communique": publishing a document is saying it.</summary>
    static bool IssuesDocument(List<Token> t, int i)
    {
        // "U.N. experts reported that ...": a finding reported is a statement, a report of news is not
        if (t[i].Norm is "reported" or "concluded" or "found")
        {
            int k = i + 1;
            // "reported last year that", "concluded on Monday that"
            while (k < t.Count && k <= i + 3 && t[k].IsWord && (RoleWords.TimeNouns.Contains(t[k].Norm) || RoleWords.Auxiliaries.Contains(t[k].Norm) || t[k].Norm is "last" or "this")) k++;
            if (k < t.Count && t[k].Is("that")) return true;
        }
        if (t[i].Norm is not ("issued" or "released" or "published")) return false;
        for (int k = i + 1; k < t.Count && k <= i + 3; k++)
            if (RoleWords.DocumentNouns.Contains(t[k].Norm)) return true;
        return false;
    }

    /// <summary>"Saudi Arabia backed its neighbour", "X sided with Kuwait", "X went further": taking a side, or going further
    /// than the last speaker, is a stance (not "Iran-backed", not the passive "backed by").</summary>
    static bool TakesSides(List<Token> t, int i)
    {
        bool next(string w) => i + 1 < t.Count && t[i + 1].Is(w);
        // "they backed opposing sides": a plural pronoun is too often a narrated pair, not a speaker
        return t[i].Norm is "backed" or "supported" or "endorsed" && !t[i].Hyphenated && !next("by") && i > 0 && t[i - 1].Norm is not ("was" or "were" or "is" or "are" or "been" or "be" or "they")
               || t[i].Norm is "sided" && next("with") || t[i].Norm is "went" or "goes" && next("further") || t[i].Norm is "hit" && next("back");
    }

    /// <summary>"Officials in both capitals said", "the two sides said": both parties at once, so no one side speaks.</summary>
    static bool BothSides(List<Token> t, int a, int verb)
    {
        // "a finding both Kenya and Uganda rejected"
        if (t[a].Is("both")) for (int k = a + 1; k < verb; k++) if (t[k].Is("and")) return true;
        for (int k = a; k + 1 < verb; k++)
        {
            if (t[k].Norm is "which" or "who") return false; // "Brazil, which borders both countries, said": Brazil speaks
            if (t[k].Norm is "two" or "both" && t[k + 1].Norm is "countries" or "sides" or "governments" or "nations" or "capitals") return true;
        }
        return false;
    }

    static bool NounPhraseTok(List<Token> t, int j) =>
        NounPhraseWord(t[j]) || (t[j].Hyphenated && j > 0 && t[j - 1].IsWord && t[j - 1].Cap) || (t[j].Is(".") && j > 0 && t[j - 1].IsWord && t[j - 1].Cap && t[j - 1].End == t[j].Start
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
        // "Petro on Tuesday said", "Petro, in a statement, said", "Venezuela last year suspended", "Iraq earlier this month accused"
        while (true)
        {
            if (j >= 1 && t[j].IsWord && t[j].Cap && RoleWords.Auxiliaries.Contains(t[j].Norm) && t[j - 1].Is("on")) j -= 2;
            else if (j >= 1 && t[j].IsWord && RoleWords.TimeNouns.Contains(t[j].Norm) && t[j - 1].Norm is "last" or "this" or "next" or "that")
            {
                j -= 2;
                while (j >= 0 && t[j].IsWord && !t[j].Cap && t[j].Norm is "earlier" or "later" or "also" or "only") j--;
            }
            else if (j >= 1 && t[j].IsWord && t[j].Norm.Length == 4 && t[j].Norm.All(char.IsAsciiDigit) && t[j - 1].Is("in")) j -= 2; // "in 2024"
            else if (j >= 0 && t[j].IsWord && !t[j].Cap && RoleWords.Auxiliaries.Contains(t[j].Norm)) j--;
            else break;
        }
        if (j >= 0 && t[j].Is(","))
        {
            for (int k = j - 1; k > 0 && k > j - 32 && !s.InQuote[k] && t[k].Kind != TokenKind.Quote; k--)
                if (t[k].Norm is "who" or "which" or "whose" && t[k - 1].Is(",")) { j = k - 2; break; }
        }
        if (j >= 0 && t[j].IsWord && !t[j].Cap && !NounPhraseTok(t, j))
        {
            // skip a short lower-case postmodifier back to its role noun ("official familiar with the call")
            for (int k = j - 1; k >= 0 && k >= j - 6 && t[k].IsWord && !s.InQuote[k]; k--)
                if (RoleWords.IsPersonNoun(t[k].Norm) || RoleWords.IsHeadNoun(t[k].Norm)) { j = k; break; }
        }
        // "in a speech on Sunday he said": a pronoun before the verb is the whole subject
        if (j >= 0 && t[j].IsWord && RoleWords.Pronouns.Contains(t[j].Norm) && !s.InQuote[j] && !(j > 0 && t[j - 1].Is(",")) && !(j > 1 && t[j - 1].Is("and") && !t[j - 2].Is(","))) return (j, j + 1);
        int end = j + 1;
        int commas = 0;
        while (j >= 0)
        {
            var x = t[j];
            if (s.InQuote[j] || x.Kind == TokenKind.Quote && !PluralPossessive(s, j)) break;
            if (x.Kind == TokenKind.Quote)
            {
                // the owner before a plural possessive belongs to the phrase: "the two countries' fisheries authorities"
                j -= j >= 1 && t[j - 1].IsWord ? 2 : 1;
                continue;
            }
            if (x.Is(","))
            {
                if (++commas > 2 || j == 0) break;
                int prevComma = AppositionStart(s, j);
                if (prevComma >= 0) { j = prevComma; continue; }
                if (!NounPhraseTok(t, j - 1) && !(t[j - 1].IsWord && !t[j - 1].Cap && ComplementsHead(t, j - 1))) break;
                j--;
                continue;
            }
            if (!NounPhraseTok(t, j))
            {
                // "minister of water resources", "a lawmaker from the opposition party"
                bool modifier = x.IsWord && !x.Cap && (ModifiesHead(t, j, end) || ComplementsHead(t, j)
                                                       || x.Norm is "from" or "on" && j > 0 && (RoleWords.IsPersonNoun(t[j - 1].Norm) || RoleWords.IsHeadNoun(t[j - 1].Norm)));
                // "Egypt and Qatar said": one coordinated subject, so neither is the other's target
                bool coordination = x.Is("and") && j > 0 && t[j - 1].IsWord && t[j - 1].Cap && j + 1 < end && t[j + 1].Cap;
                if (!modifier && !coordination) break;
            }
            j--;
        }
        int start = j + 1;
        while (start < end && (t[start].Is(",") || t[start].Norm is "but" or "and" or "yet" or "so" or "however" or "meanwhile" or "still")) start++;
        return (start, end);
    }

    /// <summary>The apostrophe of "the Revolutionary Guards' navy", outside any single quotation.</summary>
    bool PluralPossessive(Seg s, int j)
    {
        var t = s.Toks;
        return j > 0 && j + 1 < t.Count && _text[t[j].Start] is '\'' or '\u2019' && t[j - 1].IsWord && t[j - 1].End == t[j].Start
               && t[j - 1].Norm.EndsWith('s') && !s.InQuote[j - 1] && t[j + 1].IsWord;
    }

    static bool ComplementsHead(List<Token> t, int j)
    {
        for (int k = j - 1; k >= 1 && k >= j - 4; k--)
        {
            if (t[k].Kind == TokenKind.Possessive) continue; // "member of Uzbekistan's lower house"
            if (!t[k].IsWord) return false;
            // "expert on human rights in Haiti": "on" as well, since a person noun comes before it
            if (t[k].Norm is "of" or "for" or "from" || t[k].Is("on") && RoleWords.IsPersonNoun(t[k - 1].Norm)) return RoleWords.IsHeadNoun(t[k - 1].Norm) || RoleWords.IsPersonNoun(t[k - 1].Norm);
        }
        return false;
    }

    /// <summary>Is the lower-case word at <paramref name="j"/> a modifier of a role noun within the next three words?</summary>
    static bool ModifiesHead(List<Token> t, int j, int end)
    {
        for (int k = j + 1; k < end && k <= j + 3; k++)
        {
            if (!t[k].IsWord || t[k].Cap) return false;
            if (RoleWords.IsHeadNoun(t[k].Norm) || RoleWords.IsPersonNoun(t[k].Norm)) return true; // "independent expert"
        }
        return false;
    }

    /// <summary>For a comma at <paramref name="j"/> closing ", a regional analyst,": the index of the opening comma, else -1.</summary>
    static int AppositionStart(Seg s, int j)
    {
        var t = s.Toks;
        for (int k = j - 1; k > 0 && j - k < 26; k--)
        {
            if (t[k].Kind is TokenKind.Quote || s.InQuote[k]) return -1;
            if (t[k].Kind == TokenKind.Punct && !t[k].Is(",") && !NounPhraseTok(t, k)) return -1;
            // ", a regional analyst," and ", Kenya's main trading partner,"
            if (t[k].Is(",")) return k + 1 < j && t[k + 1].IsWord && (!t[k + 1].Cap || k + 2 < j && t[k + 2].Kind == TokenKind.Possessive) ? k : -1;
        }
        return -1;
    }

    /// <summary>The noun phrase (with one apposition) that starts at token <paramref name="a"/>.</summary>
    (int, int) RightPhrase(Seg s, int a, bool bareCommas = true)
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
                    while (k < t.Count && k - j < 40 && !t[k].Is(",") && t[k].Kind != TokenKind.Quote && !(t[k].Kind == TokenKind.Punct && !NounPhraseTok(t, k))) k++;
                    j = k;
                    break;
                }
                if (!bareCommas || !NounPhraseTok(t, j + 1)) break;
                j++;
                continue;
            }
            if (!NounPhraseTok(t, j) && !(x.IsWord && !x.Cap && ModifiesHead(t, j, t.Count))) break;
            j++;
        }
        int end = j;
        while (end > a && t[end - 1].Is(",")) end--;
        return (a, end);
    }

    /// <summary>Works out who a phrase names: a known person, a local name, a pronoun, an institution, a country, a role.</summary>
    Speaker? Analyse(Seg s, int a, int b, int verb = -1, bool leftOfVerb = true)
    {
        var t = s.Toks;
        // comma parts: the part next to the verb is the subject unless it is an apposition of a named neighbour
        // ("Petro, the Colombian president, said"); fronted adverbials ("In Beijing, ...") are context, not speakers
        var parts = new List<(int From, int To)>();
        int ps = a;
        for (int i = a; i <= b; i++)
            if (i == b || t[i].Is(",")) { if (i > ps) parts.Add((ps, i)); ps = i + 1; }
        if (parts.Count == 0) return null;
        for (int i = a; i + 1 < b; i++)
            if (t[i].Norm is "two" or "both" && t[i + 1].Norm is "countries" or "sides" or "governments" or "nations" or "capitals") return null;
        var all = s.Mentions.Where(m => m.TokStart >= a && m.TokEnd <= b).ToList();
        var heads = new (Speaker? H, int Score)[parts.Count];
        for (int p = 0; p < parts.Count; p++)
        {
            bool adverbial = parts.Count > 1 && t[parts[p].From].Norm is "in" or "at" or "on" or "from" or "after" or "during" or "before" or "by" or "while" or "speaking" or "asked" or "announcing" or "addressing" or "writing";
            heads[p] = adverbial ? (null, -1) : (HeadOf(s, parts[p].From, parts[p].To, all, out int sc) is { } h ? (h, sc) : (null, 0));
        }
        int adj = leftOfVerb ? parts.Count - 1 : 0, step = leftOfVerb ? -1 : 1;
        while (heads[adj].Score < 0 && adj + step >= 0 && adj + step < parts.Count) adj += step; // skip ", in an address on television,"
        int nb = adj + step;
        bool nbOk = nb >= 0 && nb < parts.Count;
        string? adjRole = RoleWords.RoleIn(t, parts[adj].From, parts[adj].To);
        int chosen = -1, apposition = -1;
        bool appositive = t[parts[adj].From].Norm is "a" or "an" or "the"
                          || parts[adj].To - parts[adj].From > 3 && t[parts[adj].From].Cap && t[parts[adj].From + 1].Kind == TokenKind.Possessive && !t[parts[adj].From].Is("its")
                             && RoleWords.RoleIn(t, parts[adj].From, parts[adj].To) is null; // "Australia, PNG's main partner, said"
        if (appositive && nbOk && heads[nb].Score >= 2) { chosen = nb; apposition = adj; } // "Zhao Peng, a spokesman for ..., said"
        // "Russia's Federal Agency for Fishery, Rosrybolovstvo, said": an unlisted one-word name with a role beside it
        else if (heads[adj].Score >= 2 || heads[adj].Score == 1 && nbOk && RoleWords.RoleIn(t, parts[nb].From, parts[nb].To) is not null)
        {
            chosen = adj;
            // "A State Department spokesperson, Thomas Reyburn, said": the role part before the name describes it
            if (nbOk && heads[nb].Score is >= 0 and <= 2 && RoleWords.RoleIn(t, parts[nb].From, parts[nb].To) is not null) apposition = nb;
        }
        else if (nbOk && heads[nb].Score >= 3 && adjRole is not null && chosen < 0) { chosen = nb; apposition = adj; }
        else if (heads[adj].Score > 0 || adjRole is not null) chosen = adj;
        else
        {
            for (int p = 0; p < parts.Count; p++) if (heads[p].Score > 0 && (chosen < 0 || heads[p].Score > heads[chosen].Score)) chosen = p;
            if (chosen < 0) return null;
        }
        int from = parts[chosen].From, to = parts[chosen].To;
        if (apposition >= 0) { from = Math.Min(from, parts[apposition].From); to = Math.Max(to, parts[apposition].To); }
        var mentions = all.Where(m => m.TokStart >= from && m.TokEnd <= to).ToList();
        // a title before a possessive is the owner's: "the president's spokesman", "President X's office" speak as officials
        int owned = from;
        for (int i = from; i + 1 < to; i++) if (t[i].Kind == TokenKind.Possessive) owned = i + 1;
        var role = RoleWords.RoleIn(t, owned, to) ?? (owned > from ? RoleWords.RoleIn(t, from, to) : null);
        var head = heads[chosen].H;
        if (head is { Ref: true }) return head with { TokFrom = a, TokTo = b }; // "he", "the ministry", a surname: as known
        if (head is null)
        {
            if (role is null) return null;
            head = RolePhrase(s, parts[chosen].From, parts[chosen].To, role, mentions);
            if (head is null) return null;
            if (head.Ref) return head with { TokFrom = a, TokTo = b };
        }
        bool former = false;
        for (int i = from; i < to; i++) if (t[i].Is("former") || t[i].Is("ex")) former = true;

        // country: the head's own, else a country named in the phrase ("Colombia's foreign minister, X"), else context
        bool NotLocative(Resolved m) => !(m.TokStart > from && t[m.TokStart - 1].Norm is "in" or "at" or "to");
        string? country = head.Country;
        var stateMention = mentions.FirstOrDefault(m => m.Country is not null && m.Kind is not ActorKind.Person && NotLocative(m) && !Modifier(t, m));
        // "Pakistan's Foreign Office", "the Chinese Embassy in Washington": the possessor or demonym names the state
        if (!head.IsPerson && head.Country is not null && mentions.FirstOrDefault(m => m.Kind is ActorKind.Country or ActorKind.Demonym && m.Country is not null && NotLocative(m)) is { } owner)
            country = owner.Country;
        if (country is null && !head.IsPerson || country is null && head.IsPerson && head.Role is not (SpeakerRoles.Analyst or SpeakerRoles.Organisation))
            country = stateMention?.Country ?? country;
        // "the country's": the country named last, earlier in this sentence ("North Korea's news agency carried a statement by
        // the country's defence ministry") or before it
        if (country is null && HasPossessivePronoun(t, from, to))
            country = s.Mentions.LastOrDefault(m => m.TokEnd <= from && m.Country is not null && m.Kind is ActorKind.Country or ActorKind.Demonym)?.Country ?? _lastCountry;
        if (country is null && role is SpeakerRoles.Legislator && HasUsLegislatorCue(t, from, to)
            && !all.Any(m => m.Kind is ActorKind.Capital or ActorKind.Place && (m.TokEnd <= from || m.TokStart >= to))) country = "USA";
        var finalRole = head.Role;
        if (role is SpeakerRoles.Analyst or SpeakerRoles.Organisation) finalRole = role;
        else if (head.Role is SpeakerRoles.Organisation or SpeakerRoles.Analyst && head.Country is null && mentions.Any(m => m.Kind == ActorKind.NonState))
            finalRole = head.Role; // "The European Union's foreign policy chief" speaks for the EU, not a state
        else if (role is not null && (head.Role == SpeakerRoles.Official || !head.IsPerson)) finalRole = Stronger(role, head.Role);
        // someone quoted by name with no office and no country is, in news, an expert or a witness: not the state
        if (role is null && head.IsPerson && head.Country is null && !head.Ref && !mentions.Any(m => m.Country is not null) && head.Text.Contains(' '))
            finalRole = SpeakerRoles.Analyst;
        if (former && finalRole is SpeakerRoles.HeadOfState or SpeakerRoles.Minister) finalRole = SpeakerRoles.Official;
        // "NATO's peacekeeping mission, KFOR", "a spokesperson for the mission": staff of an international body speak for it
        if (country is null && !head.Ref && SpeaksForOrganisation(t, a, b, all)) finalRole = SpeakerRoles.Organisation;
        // "the Ministry of Foreign and Community Affairs": the words of a ministry's name do not make it an organisation
        if (finalRole is SpeakerRoles.Organisation or SpeakerRoles.Analyst && StateMinistry(t, from, to)) finalRole = SpeakerRoles.Official;
        // a state role with no country in the phrase: where it was said ("In Beijing, ...", "said in Tehran"), else the
        // country of the institution it belongs to ("a ministry spokesperson" after "China's Commerce Ministry"), else home
        if (country is null && finalRole is SpeakerRoles.HeadOfState or SpeakerRoles.Minister or SpeakerRoles.Military or SpeakerRoles.Official or SpeakerRoles.Legislator
            && (role is not null || !head.IsPerson) && (!mentions.Any(m => m.Kind == ActorKind.NonState) || StateMinistry(t, from, to)) && !HasUnresolvedModifier(t, from, to, mentions)
            && !UnknownBuilding(t, from, to, mentions))
            country = all.FirstOrDefault(m => m.Kind is ActorKind.Capital or ActorKind.Place && m.Country is not null && (m.TokEnd <= from || m.TokStart >= to))?.Country
                      ?? SaidIn(s, verb) ?? FrontedPlace(s, from) ?? InstitutionCountry(t, from, to) ?? FromContext(s, verb);
        if (finalRole is SpeakerRoles.Analyst or SpeakerRoles.Organisation) country = null;
        var sp = head with { Country = country, Role = finalRole, TokFrom = a, TokTo = b };
        if (sp.IsPerson) Remember(sp);
        return sp;
    }

    /// <summary>
    /// The country of a state speaker the phrase does not place: the dateline's, else the article's most named. But a state
    /// is not the one its own official accuses: when the verb's object is that country ("accused Kenya of", "blamed Nairobi
    /// for"), the speaker is the other side of the article's pair.
    /// </summary>
    string? FromContext(Seg s, int verb)
    {
        var c = _home ?? _topCountry;
        if (c is not null && _mainPair.Length == 2 && _mainPair.Contains(c) && ObjectOf(s, verb) == c)
            c = _mainPair[0] == c ? _mainPair[1] : _mainPair[0];
        return c;
    }

    /// <summary>The country a verb of accusing is aimed at: the state named right after it ("accused Kenya of", "blamed
    /// Nairobi for", "condemned the Kenyan raid"), else null.</summary>
    string? ObjectOf(Seg s, int verb)
    {
        var t = s.Toks;
        // not "urged": a provincial leader urges his own capital to act
        if (verb < 0 || verb + 1 >= t.Count || t[verb].Norm is not ("accused" or "accuses" or "accuse" or "blamed" or "blames"
                or "criticised" or "criticized" or "condemned" or "condemns")) return null;
        int k = verb + 1;
        if (k < t.Count && t[k].Is("the")) k++;
        foreach (var m in s.Mentions)
            if (m.TokStart == k && m.Country is not null && m.Kind is ActorKind.Country or ActorKind.Capital or ActorKind.Demonym) return m.Country;
        return null;
    }

    /// <summary>Does the phrase belong to an international body: its possessive ("NATO's mission") or a definite
    /// reference to the body just named ("a spokesperson for the mission" after the U.N. mission spoke)?</summary>
    bool SpeaksForOrganisation(List<Token> t, int a, int b, List<Resolved> all)
    {
        foreach (var m in all)
            if (m.Kind == ActorKind.NonState && m.TokEnd < b && t[m.TokEnd].Kind == TokenKind.Possessive) return true;
        for (int i = a; i + 2 < b; i++)
        {
            if (!(t[i].Norm is "for" or "of" && t[i + 1].Is("the") && t[i + 2].IsWord && !t[i + 2].Cap)) continue;
            var noun = t[i + 2].Norm;
            Speaker? latest = null;
            for (int k = _recent.Count - 1; k >= 0 && k >= _recent.Count - 6; k--)
            {
                if (_recent[k].IsPerson) continue;
                latest ??= _recent[k];
                if (ContainsWord(_recent[k].Text, noun)) return _recent[k].Country is null;
            }
            if (noun is "mission" or "organisation" or "organization" or "bloc" or "alliance" or "body" or "tribunal" or "court" or "fund" or "agency")
                return latest is { Country: null, Role: SpeakerRoles.Organisation };
        }
        return false;
    }

    /// <summary>"a ministry spokesperson": the country of the last institution named with the same noun.</summary>
    string? InstitutionCountry(List<Token> t, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            if (t[i].Norm is "spokesperson" or "spokesman" or "spokeswoman")
                for (int k = _recent.Count - 1; k >= 0 && k >= _recent.Count - 3; k--)
                    if (_recent[k].Country is not null && !_recent[k].IsPerson && !_recent[k].Act) return _recent[k].Country;
            // "a spokesman for the administration" after "Afghanistan's Taliban administration": a definite owned institution too
            bool definiteOwned = i > from && t[i - 1].Is("the") && RoleWords.IsOwnedInstitution(t[i].Norm);
            if (!t[i].IsWord || !(IsInstitutionWord(t[i].Norm) || definiteOwned) || t[i].Norm is "foreign" or "defence" or "defense" or "affairs") continue;
            if (i > from && t[i - 1].IsWord && t[i - 1].Cap && !RoleWords.IsRoleWord(t[i - 1].Norm)) continue; // "the Unification Ministry" is a name
            for (int k = _recent.Count - 1; k >= 0 && k >= _recent.Count - 12; k--)
                if (_recent[k].Country is not null && !_recent[k].IsPerson && ContainsWord(_recent[k].Text, t[i].Norm)) return _recent[k].Country;
        }
        return null;
    }

    /// <summary>The country of the first capital or place named in the sentence outside tokens [from, to).</summary>
    static string? PlaceOutside(Seg s, int from, int to)
    {
        foreach (var m in s.Mentions)
            if (m.Kind is ActorKind.Capital or ActorKind.Place && m.Country is not null && (m.TokEnd <= from || m.TokStart >= to)) return m.Country;
        return null;
    }

    /// <summary>"In New Delhi, a spokesman for the foreign ministry said": the country of a capital or place in a fronted
    /// "In X," / "At X," that opens the sentence before the phrase starting at <paramref name="from"/>.</summary>
    static string? FrontedPlace(Seg s, int from)
    {
        var t = s.Toks;
        if (t.Count < 3 || !(t[0].Norm is "in" or "at" && t[0].Cap)) return null;
        foreach (var m in s.Mentions)
            if (m.TokStart == (t[1].Is("the") ? 2 : 1) && m.TokEnd < from && t[m.TokEnd].Is(",")
                && m.Kind is ActorKind.Capital or ActorKind.Place or ActorKind.Country && m.Country is not null)
                return m.Country;
        return null;
    }

    /// <summary>"... said in Tehran": the country of a capital or place right after the verb.</summary>
    string? SaidIn(Seg s, int verb)
    {
        if (verb < 0) return null;
        for (int k = verb + 1; k < s.Toks.Count && k <= verb + 5; k++)
            if (s.Toks[k].Is("in") && k + 1 < s.Toks.Count)
                foreach (var m in s.Mentions)
                    if (m.TokStart == k + 1 && m.Kind is ActorKind.Capital or ActorKind.Place && m.Country is not null) return m.Country;
        return null;
    }

    /// <summary>"European diplomats", "Western officials": a supranational modifier means no single country.</summary>
    static bool HasUnresolvedModifier(List<Token> t, int a, int b, List<Resolved> mentions)
    {
        for (int i = a; i < b; i++)
            if (t[i].IsWord && t[i].Cap && !Covered(mentions, i)
                && t[i].Norm is "european" or "western" or "arab" or "gulf" or "african" or "asian" or "latin" or "nordic" or "baltic")
                return true;
        return false;
    }

    /// <summary>"The Harbour Palace said", "Castle Hill said": a seat of government the gazetteer does not know names some
    /// state, but not one context can tell (a dateline's country is as likely the other side), so it stays unplaced.</summary>
    static bool UnknownBuilding(List<Token> t, int a, int b, List<Resolved> mentions)
    {
        for (int i = b - 1; i >= a; i--)
            if (t[i].IsWord && t[i].Cap)
                return !Covered(mentions, i) && t[i].Norm is "palace" or "buildings" or "house" or "castle" or "mansion" or "villa"
                    or "square" or "street" or "hill" or "tower" or "residence";
        return false;
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
        for (int i = a; i < b; i++) if (t[i].Norm is "sen" or "rep" or "congressman" or "congresswoman") return true;
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
            var r = t[a].Norm switch
            {
                "he" or "she" => _lastPerson,
                "it" => _lastOrg ?? (_lastSpeaker is { IsPerson: false } ? _lastSpeaker : null),
                "they" => _lastSpeaker,
                _ => null,
            };
            return r is null ? null : r with { Ref = true };
        }
        // 2. a known person (the rightmost, nearest the verb)
        var person = inPart.LastOrDefault(m => m.Kind == ActorKind.Person);
        if (person is not null)
        {
            score = 5;
            // "President X's office said": the office speaks, for the leader's state
            if (person.TokEnd + 1 < b && t[person.TokEnd].Kind == TokenKind.Possessive && OwnedInstitutionEnd(t, person.TokEnd + 1) is int inst and >= 0 && inst < b)
                return new Speaker(Slice(a, inst + 1), person.Country, SpeakerRoles.Official, false, a, b);
            if (_names.TryGetValue(person.Key, out var known) && known.Country == person.Country) return known with { Ref = true };
            return new Speaker(person.Name, person.Country, person.Role ?? SpeakerRoles.Official, true, a, b);
        }
        // "The Evening Voice of Kenya", "the National Bank of Kenya": a body named after its state, with no role in its name
        if (inPart.FirstOrDefault(m => m.TokEnd == b && m.Kind == ActorKind.Country && m.Country is not null && m.TokStart >= a + 3 && t[m.TokStart - 1].Is("of")) is { } of)
        {
            int k = of.TokStart - 2;
            while (k > a && t[k].IsWord && t[k].Cap && !t[k].Is("the") && !Covered(s.Mentions, k)) k--;
            if (k == a && t[a].Is("the") && of.TokStart - 1 - (a + 1) >= 1 && RoleWords.RoleIn(t, a + 1, of.TokStart - 1) is null)
            {
                score = 2;
                return new Speaker(Slice(a, b), of.Country, SpeakerRoles.Official, false, a, b);
            }
        }
        // 3. a name the gazetteer does not know: a run of capitalised words that are not role or function words
        bool NameTok(int i) => t[i].IsWord && (t[i].Cap || t[i].Hyphenated && i > a && t[i - 1].Cap && !Covered(s.Mentions, i - 1)) && !RoleWords.IsRoleWord(t[i].Norm)
                               && !Covered(s.Mentions, i) && !IsFunctionWord(t[i].Norm) && !RoleWords.Pronouns.Contains(t[i].Norm);
        int ne = b;
        // "a BSF officer in Puno": a trailing "in" or "at" and a capitalised name is where they are, not who
        for (int k = b - 2; k > a; k--)
            if (t[k].Norm is "in" or "at" && !t[k].Cap)
            {
                bool place = true;
                for (int q = k + 1; q < b; q++) place &= t[q].IsWord && t[q].Cap;
                if (place) ne = k;
                break;
            }
        while (ne > a && !NameTok(ne - 1)) ne--;
        if (ne > a)
        {
            int ns = ne - 1;
            while (ns > a && (NameTok(ns - 1) || (RoleWords.NameConnectors.Contains(t[ns - 1].Norm) && ns - 1 > a && NameTok(ns - 2))
                              || (t[ns - 1].Is(".") && ns - 1 > a && NameTok(ns - 2) && t[ns - 2].End == t[ns - 1].Start))) ns--;
            var name = Slice(ns, ne);
            // "China National Petroleum Corporation", "Sahel Mining Ltd": a company speaks for itself, even one named after
            // (or owned by) a state
            if (RoleWords.IsCompanyWord(t[ne - 1].Norm))
            {
                int cs = ns;
                while (cs > a && t[cs - 1].IsWord && t[cs - 1].Cap) cs--;
                score = 3;
                return new Speaker(Slice(cs, ne), null, SpeakerRoles.Organisation, false, a, b);
            }
            // "Commerce Ministry", "Southern Theater Command", "Department of Foreign Affairs": names of institutions
            // "the opposition People Power Party" names a body, as does "Commerce Ministry"
            // "Itaipu Binacional's director-general": a name before a possessive owns the head, it is not the head
            bool institutional = ne < b && (t[ne].Kind == TokenKind.Possessive || PluralPossessive(s, ne))
                                 || ns > a && (t[ns - 1].Norm is "of" or "for" or "in" or "at" or "from" || IsInstitutionWord(t[ns - 1].Norm))
                                 || IsInstitutionWord(t[ne - 1].Norm)
                                 || ne < b && t[ne].IsWord && (IsInstitutionWord(t[ne].Norm) || RoleWords.IsHeadNoun(t[ne].Norm) && !RoleWords.IsPersonNoun(t[ne].Norm));
            // "The Lakeside Fishers Group": a group nobody curated, named without a state, is no state's (a "... Movement" or
            // "... Front" may be a party in parliament)
            if (t[ne - 1].Norm is "group" or "network" && !inPart.Any(m => m.Country is not null))
            {
                score = 3;
                return new Speaker(Slice(ns > a && t[ns - 1].Is("the") ? ns - 1 : ns, ne), null, SpeakerRoles.Organisation, false, a, b);
            }
            if (institutional) goto institutions;
            if (ns > a && t[ns - 1].Is("the") && !Covered(inPart, ns - 1))
            {
                // "The RCMP said": a body nobody curated, with a country only from context
                score = 1;
                return new Speaker(Slice(ns - 1, ne), null, SpeakerRoles.Official, false, a, b);
            }
            if (_names.TryGetValue(Tokens.Key(name), out var known) || _names.TryGetValue(t[ne - 1].Norm, out known)) { score = 4; return known with { Ref = true }; }
            int words = 0;
            for (int i = ns; i < ne; i++) if (t[i].IsWord && t[i].End - t[i].Start > 1) words++;
            if (words >= 1 && !(words == 1 && t[ns].End - t[ns].Start <= 2))
            {
                score = words >= 2 ? 3 : 1;
                bool acronym = ne - ns == 1 && name.All(ch => !char.IsLetter(ch) || char.IsUpper(ch));
                return new Speaker(name, null, SpeakerRoles.Official, !acronym, a, b);
            }
        }
        // 4. an institution, an organisation, a capital or a country speaking as an actor
        institutions:
        // "The Ministry of Foreign and Community Affairs": a ministry is a state's, whatever body its name includes
        if (StateMinistry(t, a, b) && !inPart.Any(m => m.Country is not null))
        {
            score = 2;
            int from = a;
            while (from < b && t[from].Is(",")) from++;
            return new Speaker(Slice(from, b), null, SpeakerRoles.Official, false, a, b);
        }
        var org = inPart.LastOrDefault(m => !Modifier(t, m) && !SentTo(t, m, a) && (m.Kind is ActorKind.Institution or ActorKind.NonState
                                            || m.Kind == ActorKind.Capital && !(m.TokStart > a && t[m.TokStart - 1].Norm is "in" or "at")))
                  ?? inPart.LastOrDefault(m => m.Kind is ActorKind.Country or ActorKind.Demonym && (m.TokEnd == b || !SentTo(t, m, a) && (OwnsName(t, m, b) || OwnsBody(t, m, b))));
        if (org is not null)
        {
            score = 2;
            int from = a;
            while (from < b && t[from].Is(",")) from++;
            return new Speaker(Slice(from, b), org.Country, org.Role ?? (org.Kind == ActorKind.NonState ? SpeakerRoles.Organisation : SpeakerRoles.Official), false, a, b);
        }
        return null;
    }

    /// <summary>"India's Border Security Force", "the Indian Coast Guard", "Serbia's public broadcaster RTS": a state's
    /// possessive or demonym before a capitalised name (a few lower-case modifiers allowed) that ends the phrase at
    /// <paramref name="b"/> owns that body, which speaks for the state.</summary>
    static bool OwnsName(List<Token> t, Resolved m, int b)
    {
        int k = m.TokEnd;
        if (k < b && t[k].Kind == TokenKind.Possessive) k++;
        else if (m.Kind != ActorKind.Demonym) return false;
        int lower = 0;
        while (k < b && t[k].IsWord && !t[k].Cap && ++lower <= 2) k++;
        if (k >= b || lower > 2) return false;
        for (; k < b; k++) if (!t[k].IsWord || !t[k].Cap) return false;
        return true;
    }

    /// <summary>"Kenya's state radio and television centre", "Kenya's maritime safety agency": a state's possessive before
    /// lower-case words that end in an institution noun ending the phrase at <paramref name="b"/>.</summary>
    static bool OwnsBody(List<Token> t, Resolved m, int b)
    {
        int k = m.TokEnd;
        if (k >= b || t[k].Kind != TokenKind.Possessive || b - k - 1 > 6 || b - k - 1 < 1) return false;
        for (int i = k + 1; i < b; i++) if (!t[i].IsWord || t[i].Cap) return false;
        return IsInstitutionWord(t[b - 1].Norm) || t[b - 1].Norm is "broadcaster" or "authority" or "regulator" or "service" or "junta";
    }

    /// <summary>"the Ministry of ...": a ministry by its full name, which only a state has.</summary>
    static bool StateMinistry(List<Token> t, int a, int b)
    {
        for (int i = a; i + 1 < b; i++) if (t[i].IsWord && t[i].Cap && t[i].Norm is "ministry" && t[i + 1].Is("of")) return true;
        return false;
    }

    /// <summary>"a Moscow-led bloc", "Iranian-backed militias": the name qualifies someone else, who is not that state.</summary>
    static bool Modifier(List<Token> t, Resolved m) =>
        m.TokEnd < t.Count && t[m.TokEnd].Hyphenated && !t[m.TokEnd].Cap
        && t[m.TokEnd].Norm is "led" or "backed" or "based" or "brokered" or "allied" or "aligned" or "funded" or "run"
            or "sponsored" or "owned" or "trained" or "supported" or "linked" or "friendly";

    /// <summary>"Venezuela's ambassador to the United Nations": the body one is sent to is not the one one speaks for.</summary>
    static bool SentTo(List<Token> t, Resolved m, int a)
    {
        int k = m.TokStart - 1;
        if (k > a && t[k].Is("the")) k--;
        return k > a && t[k].Is("to");
    }

    static bool IsInstitutionWord(string norm) => norm is "department" or "ministry" or "office" or "agency" or "embassy"
        or "council" or "committee" or "institute" or "university" or "party" or "group" or "center" or "centre" or "forces"
        or "force" or "guard" or "army" or "navy" or "command" or "foreign" or "defence" or "defense" or "affairs";

    static bool IsFunctionWord(string norm) => norm is "the" or "in" or "on" or "but" or "and" or "after" or "when" or "while"
        or "as" or "if" or "meanwhile" or "however" or "still" or "yet" or "asked" or "speaking" or "this" or "that";

    static bool Covered(List<Resolved> ms, int i)
    {
        foreach (var m in ms) if (m.TokStart <= i && i < m.TokEnd) return true;
        return false;
    }

    /// <summary>A role with no name: "the foreign minister", "a ministry spokesperson", "the president".</summary>
    Speaker? RolePhrase(Seg s, int a, int b, string role, List<Resolved> mentions)
    {
        var t = s.Toks;
        int e = a;
        while (e < b && !t[e].Is(",")) e++; // "a senior U.S. official, speaking on condition of anonymity," -> the first part
        var text = _text[t[a].Start..t[Math.Max(a, e - 1)].End];
        var country = mentions.FirstOrDefault(m => m.Country is not null)?.Country;
        int noun = -1;
        for (int i = a; i < b; i++) if (t[i].IsWord && (RoleWords.IsHeadNoun(t[i].Norm) || RoleWords.IsPersonNoun(t[i].Norm))) noun = i;
        // "the ministry", "the agency", "the spokesperson": the one named most recently; "the Unification Ministry" is a name
        bool definite = t[a].Is("the") && country is null && !HasPossessivePronoun(t, a, b);
        for (int i = a + 1; definite && i < noun; i++) if (t[i].IsWord && t[i].Cap && !RoleWords.IsRoleWord(t[i].Norm)) definite = false;
        if (definite && noun >= 0)
            for (int k = _recent.Count - 1; k >= 0 && k >= _recent.Count - 12; k--)
                if (ContainsWord(_recent[k].Text, t[noun].Norm)) return _recent[k] with { Ref = true };
        if (definite && _byRole.TryGetValue(role, out var prev) && (role is SpeakerRoles.HeadOfState or SpeakerRoles.Minister)) return prev with { Ref = true };
        bool person = noun >= 0 && RoleWords.IsPersonNoun(t[noun].Norm);
        return new Speaker(text, country, role, person, a, b);
    }

    static bool ContainsWord(string text, string word)
    {
        int i = text.IndexOf(word, StringComparison.OrdinalIgnoreCase);
        while (i >= 0)
        {
            bool left = i == 0 || !char.IsLetter(text[i - 1]);
            bool right = i + word.Length >= text.Length || !char.IsLetter(text[i + word.Length]);
            if (left && right) return true;
            i = text.IndexOf(word, i + 1, StringComparison.OrdinalIgnoreCase);
        }
        return false;
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

    /// <summary>"India's Border Security Force said ..." then "a BSF spokesman said": a body that spoke for its state is
    /// known by the initials of its capitalised name (after any possessive), at least three words long ("Ministry of External
    /// Affairs" is "MEA").</summary>
    void RememberInitials(Speaker sp)
    {
        var toks = Tokens.Tokenize(sp.Text);
        int from = toks.FindLastIndex(x => x.Kind == TokenKind.Possessive) + 1;
        var initials = new System.Text.StringBuilder();
        for (int i = from; i < toks.Count; i++)
            if (toks[i].IsWord && toks[i].Norm is "of" or "for" or "and" or "the") continue;
            else if (toks[i].IsWord && toks[i].Cap) initials.Append(toks[i].Norm[0]);
            else if (toks[i].IsWord) return;
        if (initials.Length >= 3) _names.TryAdd(initials.ToString(), sp);
    }

    void UpdateState(Seg s, bool speakerOnly)
    {
        if (s.Speaker is { } sp)
        {
            _recent.Add(sp);
            _lastSpeaker = sp;
            if (sp.IsPerson) _lastPerson = sp; else _lastOrg = sp;
            if (sp.IsPerson && sp.Role is SpeakerRoles.HeadOfState or SpeakerRoles.Minister) _byRole[sp.Role] = sp;
            if (!sp.IsPerson && sp.Country is not null) RememberInitials(sp);
        }
        if (speakerOnly) return;
        if (s.Speaker is null)
        {
            if (SubjectOf(s) is { IsPerson: true } subj) _lastPerson = subj;
            else if (s.Mentions.FirstOrDefault(m => m.Kind == ActorKind.Person && !s.InQuote[m.TokStart]) is { } pm)
                _lastPerson = new Speaker(pm.Name, pm.Country, pm.Role ?? SpeakerRoles.Official, true, 0, 0);
        }
        foreach (var m in s.Mentions)
        {
            if (m.Kind is ActorKind.Institution or ActorKind.NonState && (s.Speaker is null || m.TokStart >= s.Speaker.TokTo || m.TokEnd <= s.Speaker.TokFrom))
                _recent.Add(new Speaker(_text[s.Toks[m.TokStart].Start..s.Toks[m.TokEnd - 1].End], m.Country,
                    m.Role ?? (m.Kind == ActorKind.NonState ? SpeakerRoles.Organisation : SpeakerRoles.Official), false, 0, 0));
            if (m.Country is not null) _lastCountry = m.Country;
            if (m.Kind == ActorKind.Person && m.Role is SpeakerRoles.HeadOfState or SpeakerRoles.Minister)
                _byRole[m.Role] = new Speaker(m.Name, m.Country, m.Role, true, m.TokStart, m.TokEnd);
        }
        RegisterOwnedInstitutions(s);
        // "According to Niamey, ... government spokesperson Amadou Sanoussi did not rule it out": a later "he" is him
        // and "Captain Jane Doe, the army chief, did not comment": a titled name opening a sentence nobody speaks is its subject
        if (RegisterTitledNames(s) is { } titled && (s.Speaker is { IsPerson: false } || s.Speaker is null && titled.TokFrom <= SubjectStart(s) + 2)) _lastPerson = titled;
    }

    /// <summary>"Sudan's energy ministry", "President X's office", "the Chilean embassy": an institution named with its state,
    /// so that a later "the ministry" or "the office" is that one and not whichever side happens to be the subject.</summary>
    void RegisterOwnedInstitutions(Seg s)
    {
        var t = s.Toks;
        foreach (var m in s.Mentions)
        {
            if (m.Country is null || s.InQuote[m.TokStart] || m.Kind is ActorKind.Institution or ActorKind.NonState) continue;
            int k = m.TokEnd;
            if (k < t.Count && t[k].Kind == TokenKind.Possessive) k++;
            else if (m.Kind != ActorKind.Demonym) continue;
            if (OwnedInstitutionEnd(t, k) is int e and >= 0)
                _recent.Add(new Speaker(_text[t[m.TokStart].Start..t[e].End], m.Country, SpeakerRoles.Official, false, 0, 0));
        }
    }

    /// <summary>The index of the institution noun that ends the phrase starting at <paramref name="k"/>, within four words of
    /// modifiers ("energy", "Foreign", "army-led"), else -1.</summary>
    static int OwnedInstitutionEnd(List<Token> t, int k)
    {
        for (int n = 0; k < t.Count && n < 4 && t[k].IsWord; k++, n++)
        {
            if (RoleWords.IsOwnedInstitution(t[k].Norm)) return k;
            if (!t[k].Cap && (IsFunctionWord(t[k].Norm) || RoleWords.SpeechVerbs.Contains(t[k].Norm) || RoleWords.IsPersonNoun(t[k].Norm))) return -1;
        }
        return -1;
    }

    Speaker? SubjectOf(Seg s)
    {
        var t = s.Toks;
        int start = SubjectStart(s), e = start;
        while (e < t.Count && !s.InQuote[e] && t[e].Kind != TokenKind.Quote && NounPhraseTok(t, e)) e++;
        // "President X, addressing a graduation, did not ...": a parenthetical between subject and verb
        int after = e;
        if (e > start && e + 1 < t.Count && t[e].Is(",") && t[e + 1].IsWord && !t[e + 1].Cap)
            for (int k = e + 2; k < t.Count && k < e + 24 && !s.InQuote[k] && t[k].Kind != TokenKind.Quote; k++)
                if (t[k].Is(",")) { after = k + 1; break; }
        if (e == start || after >= t.Count || !t[after].IsWord || t[after].Cap) return null;
        return Analyse(s, start, e);
    }

    /// <summary>The first token of a sentence's subject: after the dateline ("VILNIUS (Wire) — Lithuania closed ..."), if the
    /// sentence opens the body with one.</summary>
    int SubjectStart(Seg s)
    {
        var t = s.Toks;
        if (_datelineEnd < 0 || t.Count == 0 || t[0].Start >= _datelineEnd) return 0;
        int k = 0;
        while (k < t.Count && t[k].Start < _datelineEnd) k++;
        // past the wire's name in brackets and the dash
        while (k < t.Count && !t[k].IsWord) k++;
        for (int q = k; q < t.Count && q < k + 8; q++)
            if (_text[t[q].Start] is '\u2014' or '\u2013' || t[q].Is("-") && q > 0 && _text[t[q].Start - 1] == ' ')
            {
                k = q + 1;
                break;
            }
        return Math.Min(k, t.Count);
    }

    /// <summary>"Burkina Faso, with Mali and Niger, left the bloc, and it has accused France ...": the state that opens the
    /// sentence as its subject, for a later "it" in the same sentence.</summary>
    Speaker? OpeningState(Seg s, int before)
    {
        int start = SubjectStart(s);
        foreach (var m in s.Mentions)
        {
            if (m.TokStart != start && !(m.TokStart == start + 1 && s.Toks[start].Is("the"))) continue;
            if (m.TokEnd >= before || m.Country is null || m.Kind is not (ActorKind.Country or ActorKind.Capital)) return null;
            var next = s.Toks[m.TokEnd];
            if (!(next.Is(",") || next.IsWord && !next.Cap)) return null;
            return new Speaker(_text[s.Toks[m.TokStart].Start..s.Toks[m.TokEnd - 1].End], m.Country, SpeakerRoles.Official, false, m.TokStart, m.TokEnd) { Ref = true };
        }
        return null;
    }

    /// <summary>"Colombian Foreign Minister Rosa Villavicencio met ..." teaches us who "Villavicencio" is later on.</summary>
    Speaker? RegisterTitledNames(Seg s)
    {
        var t = s.Toks;
        Speaker? last = null; // the last titled person named outside the speaker's own phrase and outside quotes
        for (int i = 0; i < t.Count; i++)
        {
            if (!t[i].IsWord || !RoleWords.IsRoleWord(t[i].Norm)) continue;
            int j = i;
            while (j < t.Count && t[j].IsWord && RoleWords.IsRoleWord(t[j].Norm)) j++;
            int ns = j;
            while (j < t.Count && t[j].IsWord && (t[j].Cap || t[j].Hyphenated || RoleWords.NameConnectors.Contains(t[j].Norm))
                   && !RoleWords.IsRoleWord(t[j].Norm) && !Covered(s.Mentions, j)) j++;
            if (j - ns < 2) { i = Math.Max(i, j - 1); continue; }
            var role = RoleWords.RoleIn(t, Math.Max(0, i - 1), ns) ?? SpeakerRoles.Official;
            string? country = s.Mentions.LastOrDefault(m => m.TokEnd <= i && m.TokEnd >= i - 2 && m.Country is not null)?.Country;
            // "Captain Jane Doe, Ruritania's army chief, did not comment": the state's possessive in the apposition after the name
            if (country is null && j + 2 < t.Count && t[j].Is(",") && s.Mentions.FirstOrDefault(m => m.TokStart == j + 1) is { Country: { } ac } am
                && am.Kind is ActorKind.Country or ActorKind.Demonym && (am.Kind == ActorKind.Demonym || am.TokEnd < t.Count && t[am.TokEnd].Kind == TokenKind.Possessive))
                country = ac;
            // a state title with no country beside it belongs to the state the sentence is attributed to
            if (country is null && role is not (SpeakerRoles.Analyst or SpeakerRoles.Organisation) && s.Speaker is { IsPerson: false, Country: { } c }) country = c;
            if (role is SpeakerRoles.Analyst or SpeakerRoles.Organisation) country = null;
            var name = _text[t[ns].Start..t[j - 1].End];
            if (!_names.TryGetValue(Tokens.Key(name), out var known))
            {
                // "President Jane Doe, who took office in 2020, defended ...": a state title with no state beside it is placed
                // as an unnamed official would be, so a later "Doe said" keeps that country
                if (country is null && role is not (SpeakerRoles.Analyst or SpeakerRoles.Organisation) && !HasUnresolvedModifier(t, Math.Max(0, i - 2), j, s.Mentions))
                    country = PlaceOutside(s, i, j) ?? _home ?? _topCountry;
                Remember(known = new Speaker(name, country, role, true, ns, j));
            }
            if (!s.InQuote[ns] && (s.Speaker is null || ns >= s.Speaker.TokTo || j <= s.Speaker.TokFrom)) last = known with { TokFrom = i, TokTo = j };
            i = j - 1;
        }
        return last;
    }
}
