using static TensionTracker.Text.Extraction.PhraseBounds;
using static TensionTracker.Text.Extraction.PhraseWords;
using static TensionTracker.Text.Extraction.SpeechCues;
using static TensionTracker.Text.Extraction.StateActs;

namespace TensionTracker.Text.Extraction;

/// <summary>
/// Speaker attribution for one sentence, given the discourse state the sentences before it left: find the verb of saying
/// outside quotes, take the noun phrase that names its subject ("X said", '"...," said X', "according to X", "X, the foreign
/// minister, said"), and resolve that phrase (<see cref="SpeakerPhrases"/>). <see cref="After"/> gives the state the sentence
/// leaves for the next one.
/// </summary>
sealed class SentenceReading
{
    readonly SpeakerPhrases _phrases;

    public SentenceReading(ArticleFacts article, DiscourseState state)
    {
        Article = article;
        State = state;
        _phrases = new SpeakerPhrases(this);
    }

    public ArticleFacts Article { get; }

    /// <summary>The state so far: resolving a name teaches the reader that name, so it changes within a sentence too.</summary>
    public DiscourseState State { get; set; }

    string Text => Article.Text;

    public Speaker? FindSpeaker(Sentence s)
    {
        var t = s.Tokens;
        int n = t.Count;
        // "according to X"
        for (int i = 0; i + 2 < n; i++)
            if (!s.InQuote[i] && t[i].Is("according") && t[i + 1].Is("to") && !SaidBy(s, i))
            {
                var (a, b) = RightPhrase(s, PastDocument(t, i + 2), bareCommas: false);
                if (b > a && _phrases.Analyse(s, a, b, -1, leftOfVerb: false) is { } sp) return sp;
            }
        for (int i = 0; i + 3 < n; i++)
            if (!s.InQuote[i] && t[i].Is("quoted") && t[i + 1].IsWord)
            {
                var (qa, qb) = RightPhrase(s, i + 1, bareCommas: false);
                if (qb > qa && qb + 1 < n && t[qb].Is("as") && t[qb + 1].Norm is "saying" or "telling" or "stating" && _phrases.Analyse(s, qa, qb, -1, leftOfVerb: false) is { } q)
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
                && State.LastSpeaker is { } issuer)
                return issuer with { Ref = true, TokFrom = det, TokTo = i };
            // "The move drew a protest from La Paz, which said ...": the relative pronoun's antecedent speaks, when it is an
            // actor we know or a role (in "a report seen by Reuters, which said" the antecedent may be the report)
            if (RelativeComma(s, i) is int comma and > 0 && LeftPhrase(Text, s, comma) is var (ra, rb) && rb > ra
                && (s.Mentions.Any(m => m.TokStart >= ra && m.TokEnd <= rb) || RoleWords.RoleIn(t, ra, rb) is not null)
                && _phrases.Analyse(s, ra, rb, i) is { } antecedent)
                return antecedent;
            var (a, b) = LeftPhrase(Text, s, i);
            if (b > a && a > 0 && t[a - 1].Norm is "after" or "when" or "since" or "before" or "until" or "because" or "although" or "though" or "once" or "as" or "if" or "whether")
                continue;
            // "While experts said ..., Washington ...": a clause opened by a subordinating conjunction is not the sentence's
            // attribution, and the conjunction is no name
            if (b > a && FirstWord(t, a) && SentenceOpenings.IsSubordinator(t[a])) continue;
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
                if (b > a && StateSubject(s, a, b) && _phrases.Analyse(s, a, b, i) is { IsPerson: false, Country: not null } state) return state with { Act = true };
                continue;
            }
            if (b > a && _phrases.Analyse(s, a, b, i) is { } sp) return sp;
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
                if (d > c && closes && _phrases.Analyse(s, c, d, i, leftOfVerb: false) is { } sp2) return sp2;
            }
        }
        // "Petro: 'We will not kneel'" (headlines, transcripts)
        for (int i = 1; i + 1 < n; i++)
            if (t[i].Is(":") && !s.InQuote[i] && t[i + 1].Kind == TokenKind.Quote)
            {
                var (a, b) = LeftPhrase(Text, s, i);
                if (b > a && !Label(t, a, b) && _phrases.Analyse(s, a, b) is { } sp) return sp;
            }
        // a pull quote signed after a dash: '"Our door remains open" — Jane Doe, foreign ministry spokeswoman'
        for (int i = 0; i + 2 < n; i++)
            if (t[i].Kind == TokenKind.Quote && !s.InQuote[i] && i > 0 && s.InQuote[i - 1] && Text[t[i + 1].Start] is '\u2014' or '\u2013' && t[i + 2].IsWord && t[i + 2].Cap)
            {
                var (a, b) = RightPhrase(s, i + 2);
                if (b > a && _phrases.Analyse(s, a, b, -1, leftOfVerb: false) is { } sp) return sp;
            }
        // "state media carried a statement by the defence ministry", "a report by the agency": with no other attribution, the
        // document speaks for its author
        for (int i = 1; i + 2 < n; i++)
            if (!s.InQuote[i] && t[i].IsWord && RoleWords.DocumentNouns.Contains(t[i].Norm) && t[i + 1].Norm is "by" or "from")
            {
                var (a, b) = RightPhrase(s, i + 2, bareCommas: false);
                if (b > a && _phrases.Analyse(s, a, b, -1, leftOfVerb: false) is { } author) return author;
            }
        return null;
    }

    /// <summary>'"...," he said, according to the state news agency': before "according to" at <paramref name="according"/> a
    /// pronoun or a person's name is the subject of a verb of saying, so the agency only reports what that speaker said.</summary>
    bool SaidBy(Sentence s, int according)
    {
        var t = s.Tokens;
        for (int v = 1; v < according; v++)
        {
            if (s.InQuote[v] || !t[v].IsWord || !RoleWords.SpeechVerbs.Contains(t[v].Norm)) continue;
            int p = v - 1;
            while (p >= 0 && t[p].IsWord && !t[p].Cap && RoleWords.Auxiliaries.Contains(t[p].Norm)) p--;
            if (p >= 0 && t[p].IsWord && !s.InQuote[p] && (t[p].Norm is "he" or "she" || s.Mentions.Any(m => m.Kind == ActorKind.Person && m.TokEnd == p + 1)
                                                        || State.Names.TryGetValue(t[p].Norm, out var named) && named.IsPerson))
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

    bool AllCaps(int s, int e)
    {
        for (int i = s; i < e; i++) if (char.IsLower(Text[i])) return false;
        return true;
    }

    /// <summary>The state after this sentence: its speaker heard, the people, institutions, leaders and countries it names.</summary>
    public DiscourseState After(Sentence s)
    {
        if (s.Speaker is { } sp) State = State.Heard(sp);
        else if (SubjectOf(s) is { IsPerson: true } subj) State = State with { LastPerson = subj };
        else if (s.Mentions.FirstOrDefault(m => m.Kind == ActorKind.Person && !s.InQuote[m.TokStart]) is { } pm)
            State = State with { LastPerson = new Speaker(pm.Name, pm.Country, pm.Role ?? SpeakerRoles.Official, true, 0, 0) };
        var lastCountry = State.LastCountry;
        foreach (var m in s.Mentions)
        {
            if (m.Kind is ActorKind.Institution or ActorKind.NonState && (s.Speaker is null || m.TokStart >= s.Speaker.TokTo || m.TokEnd <= s.Speaker.TokFrom))
                State = State.Mentioned(new Speaker(Text[s.Tokens[m.TokStart].Start..s.Tokens[m.TokEnd - 1].End], m.Country,
                    m.Role ?? (m.Kind == ActorKind.NonState ? SpeakerRoles.Organisation : SpeakerRoles.Official), false, 0, 0));
            if (m.Country is not null) lastCountry = m.Country;
            if (m.Kind == ActorKind.Person && m.Role is SpeakerRoles.HeadOfState or SpeakerRoles.Minister)
                State = State.WithLeader(m.Role, new Speaker(m.Name, m.Country, m.Role, true, m.TokStart, m.TokEnd));
        }
        if (lastCountry != State.LastCountry) State = State with { LastCountry = lastCountry };
        RegisterOwnedInstitutions(s);
        // "According to Niamey, ... government spokesperson Amadou Sanoussi did not rule it out": a later "he" is him
        // and "Captain Jane Doe, the army chief, did not comment": a titled name opening a sentence nobody speaks is its subject
        if (RegisterTitledNames(s) is { } titled && (s.Speaker is { IsPerson: false } || s.Speaker is null && titled.TokFrom <= SubjectStart(s) + 2))
            State = State with { LastPerson = titled };
        return State;
    }

    /// <summary>"Sudan's energy ministry", "President X's office", "the Chilean embassy": an institution named with its state,
    /// so that a later "the ministry" or "the office" is that one and not whichever side happens to be the subject.</summary>
    void RegisterOwnedInstitutions(Sentence s)
    {
        var t = s.Tokens;
        foreach (var m in s.Mentions)
        {
            if (m.Country is null || s.InQuote[m.TokStart] || m.Kind is ActorKind.Institution or ActorKind.NonState) continue;
            int k = m.TokEnd;
            if (k < t.Count && t[k].Kind == TokenKind.Possessive) k++;
            else if (m.Kind != ActorKind.Demonym) continue;
            if (OwnedInstitutionEnd(t, k) is int e and >= 0)
                State = State.Mentioned(new Speaker(Text[t[m.TokStart].Start..t[e].End], m.Country, SpeakerRoles.Official, false, 0, 0));
        }
    }

    public Speaker? SubjectOf(Sentence s)
    {
        var t = s.Tokens;
        int start = SubjectStart(s);
        start = SentenceOpenings.Skip(t, start, t.Count); // "Days earlier Washington had cut aid": the subject is Washington
        if (start < t.Count && SentenceOpenings.IsSubordinator(t[start])) return null;
        int e = start;
        while (e < t.Count && !s.InQuote[e] && t[e].Kind != TokenKind.Quote && NounPhraseTok(t, e)) e++;
        // "President X, addressing a graduation, did not ...": a parenthetical between subject and verb
        int after = e;
        if (e > start && e + 1 < t.Count && t[e].Is(",") && t[e + 1].IsWord && !t[e + 1].Cap)
            for (int k = e + 2; k < t.Count && k < e + 24 && !s.InQuote[k] && t[k].Kind != TokenKind.Quote; k++)
                if (t[k].Is(",")) { after = k + 1; break; }
        if (e == start || after >= t.Count || !t[after].IsWord || t[after].Cap) return null;
        return _phrases.Analyse(s, start, e);
    }

    /// <summary>The first token of a sentence's subject: after the dateline ("VILNIUS (Wire) — Lithuania closed ..."), if the
    /// sentence opens the body with one.</summary>
    public int SubjectStart(Sentence s)
    {
        var t = s.Tokens;
        if (Article.DatelineEnd < 0 || t.Count == 0 || t[0].Start >= Article.DatelineEnd) return 0;
        int k = 0;
        while (k < t.Count && t[k].Start < Article.DatelineEnd) k++;
        // past the wire's name in brackets and the dash
        while (k < t.Count && !t[k].IsWord) k++;
        for (int q = k; q < t.Count && q < k + 8; q++)
            if (Text[t[q].Start] is '\u2014' or '\u2013' || t[q].Is("-") && q > 0 && Text[t[q].Start - 1] == ' ')
            {
                k = q + 1;
                break;
            }
        return Math.Min(k, t.Count);
    }

    /// <summary>"Burkina Faso, with Mali and Niger, left the bloc, and it has accused France ...": the state that opens the
    /// sentence as its subject, for a later "it" in the same sentence.</summary>
    Speaker? OpeningState(Sentence s, int before)
    {
        int start = SubjectStart(s);
        foreach (var m in s.Mentions)
        {
            if (m.TokStart != start && !(m.TokStart == start + 1 && s.Tokens[start].Is("the"))) continue;
            if (m.TokEnd >= before || m.Country is null || m.Kind is not (ActorKind.Country or ActorKind.Capital)) return null;
            var next = s.Tokens[m.TokEnd];
            if (!(next.Is(",") || next.IsWord && !next.Cap)) return null;
            return new Speaker(Text[s.Tokens[m.TokStart].Start..s.Tokens[m.TokEnd - 1].End], m.Country, SpeakerRoles.Official, false, m.TokStart, m.TokEnd) { Ref = true };
        }
        return null;
    }

    /// <summary>"Colombian Foreign Minister Rosa Villavicencio met ..." teaches us who "Villavicencio" is later on.</summary>
    Speaker? RegisterTitledNames(Sentence s)
    {
        var t = s.Tokens;
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
            var name = Text[t[ns].Start..t[j - 1].End];
            if (!State.Names.TryGetValue(Tokens.Key(name), out var known))
            {
                // "President Jane Doe, who took office in 2020, defended ...": a state title with no state beside it is placed
                // as an unnamed official would be, so a later "Doe said" keeps that country
                if (country is null && role is not (SpeakerRoles.Analyst or SpeakerRoles.Organisation) && !HasUnresolvedModifier(t, Math.Max(0, i - 2), j, s.Mentions))
                    country = PlaceOutside(s, i, j) ?? SentenceState(s, i, j) ?? Article.Home ?? Article.TopCountry;
                State = State.Remember(known = new Speaker(name, country, role, true, ns, j));
            }
            if (!s.InQuote[ns] && (s.Speaker is null || ns >= s.Speaker.TokTo || j <= s.Speaker.TokFrom)) last = known with { TokFrom = i, TokTo = j };
            i = j - 1;
        }
        return last;
    }
}
