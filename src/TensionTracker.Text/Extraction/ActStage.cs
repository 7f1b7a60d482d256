using static TensionTracker.Text.Extraction.PhraseBounds;
using static TensionTracker.Text.Extraction.PhraseWords;
using static TensionTracker.Text.Extraction.ActWords;

namespace TensionTracker.Text.Extraction;

/// <summary>
/// Stage 4, acts: a sentence nobody speaks in that narrates an act of one state toward another ("Syria has again offered
/// its troops to Lebanon", "Iraqi diplomats were expelled by Kuwait", "Serb forces shelled Sarajevo") is given the acting
/// state as its speaker, marked <see cref="Speaker.Narrated"/>, so the target stage directs it at the other state. The actor
/// is the verb's subject (or a passive's agent): a state, its demonym, capital or seat of government, an office-holder, its
/// forces, or a movement governing it.
/// </summary>
static class ActStage
{
    public static List<Sentence> Read(ArticleFacts article, List<Sentence> sentences)
    {
        List<Sentence>? read = null;
        for (int i = 0; i < sentences.Count; i++)
        {
            article.Cancellation.ThrowIfCancellationRequested();
            var s = sentences[i];
            // a headline is the outlet's summary, read as narration between the two (as annotators read it); a caption describes
            if (s.Span.Section != Sections.Body) continue;
            Speaker? actor = s.Speaker switch
            {
                null => Actor(article, s, out _) ?? AccordBetween(article.Text, s),
                // "Kenya, Uganda and Tanzania recalled ...": the speaker stage's subject stops at a comma, the act's subject does not
                { Act: true } sp => Actor(article, s, out _) is { } a && WholeSubject(a, sp) ? a : sp with { Narrated = true },
                // "Chile offered its engineers to Peru": a verb of saying that is also an act, with no quotation, narrates it
                { IsPerson: false, Narrated: false } sp when !s.Tokens.Exists(x => x.Kind == TokenKind.Quote) && Actor(article, s, out _) is { } a
                    && a.Country == sp.Country => sp with { Narrated = true },
                // "Kenya, Uganda and Tanzania recalled their envoys": a verb that is also one of saying, read with the whole subject
                { IsPerson: false, Narrated: false } sp when !s.Tokens.Exists(x => x.Kind == TokenKind.Quote) && Actor(article, s, out _) is { } a
                    && WholeSubject(a, sp) => a,
                { Narrated: false, Ref: false } sp => ReportedAct(article, s, sp),
                _ => null,
            };
            if (actor is null) continue;
            read ??= [.. sentences];
            read[i] = s with { Speaker = actor };
        }
        return read ?? sentences;
    }

    /// <summary>The act's subject holds the speaker's phrase and more ("Kenya, Uganda and Tanzania" against "Uganda and
    /// Tanzania"): the speaker stage stopped at a comma, and the subject's first state stands for the list.</summary>
    static bool WholeSubject(Speaker act, Speaker sp) =>
        act.TokFrom <= sp.TokFrom && act.TokTo >= sp.TokTo && (act.TokFrom < sp.TokFrom || act.Country != sp.Country);

    /// <summary>The first token after a dateline opening the sentence ("XIAN, China - ", "ST. JOHN'S, Newfoundland — "):
    /// capitalised words and commas, then a spaced dash; else 0.</summary>
    static int AfterDateline(string text, List<Token> t)
    {
        for (int q = 1; q < t.Count && q < 8; q++)
        {
            if (!(t[q - 1].IsWord && t[q - 1].Cap || t[q - 1].Is(",") || t[q - 1].Kind == TokenKind.Possessive)) return 0;
            if (t[q].Is("--")) return q + 1 < t.Count && text[t[q].Start - 1] == ' ' ? q + 1 : 0;
            var gap = text.AsSpan(t[q - 1].End, t[q].Start - t[q - 1].End);
            if (gap.Contains(" - ", StringComparison.Ordinal) || gap.Contains('\u2014') || gap.Contains('\u2013')) return q;
        }
        return 0;
    }

    /// <summary>"Iraq fired missiles at Tel Aviv, Israeli officials said", "Rwanda deployed troops into Congo, according to UN
    /// experts": an attribution after the act's clause names who reported the act, not who acted; when the act's subject is
    /// another state, the statement is that state's act (as event coders read it). A quotation keeps its speaker.</summary>
    static Speaker? ReportedAct(ArticleFacts article, Sentence s, Speaker reporter)
    {
        if (reporter.TokFrom == 0 || s.Tokens.Exists(x => x.Kind == TokenKind.Quote)) return null;
        return Actor(article, s, out int verb) is { } actor && verb < reporter.TokFrom && actor.TokTo <= reporter.TokFrom && actor.Country != reporter.Country
            ? actor : null;
    }

    /// <summary>The state acting in a narrated act toward another state named outside the actor's phrase, else null; its
    /// verb's index in <paramref name="verb"/>.</summary>
    static Speaker? Actor(ArticleFacts article, Sentence s, out int verb)
    {
        verb = -1;
        var text = article.Text;
        var t = s.Tokens;
        int opening = AfterDateline(text, t); // "HELSINKI - Clinton and Yeltsin met": the subject comes after the dateline
        int reported = FirstSpeechVerb(s);
        for (int v = 1; v < t.Count; v++)
        {
            if (s.InQuote[v] || !t[v].IsWord || t[v].Cap || t[v].Hyphenated) continue;
            if (!ActVerbs.Contains(t[v].Norm) && !PhrasalAct(t, v)) continue;
            if (t[v - 1].Norm is "to" or "the" or "a" or "an" or "its" or "their" or "his" or "her") continue; // an infinitive or a noun
            // "Taliban military targets", "border raids": a plural noun after a lower-case word, not a verb
            if (t[v].Norm[^1] == 's' && t[v - 1].IsWord && !t[v - 1].Cap && !RoleWords.Auxiliaries.Contains(t[v - 1].Norm)
                && t[v - 1].Norm is not ("also" or "again" or "now" or "reportedly" or "formally" or "then")) continue;
            if (v > reported) return null; // "fishermen said Argentina had fired": what someone said, not what the outlet narrates
            int p = v - 1;
            while (p > 0 && t[p].IsWord && (RoleWords.Auxiliaries.Contains(t[p].Norm) || t[p].Norm is "again" or "also" or "reportedly" or "formally" or "later" or "then" or "jointly")) p--;
            bool passive = t[v - 1].Norm is "was" or "were" or "been" or "being" or "is" or "are" || p < v - 1 && t[p + 1].Norm is "was" or "were" or "been" or "is" or "are";
            var found = passive ? Agent(s, v) : Subject(text, s, v, opening) ?? SecondVerb(text, s, v, opening);
            if (found is null) continue;
            var (m, from, to, partner) = found.Value;
            verb = v;
            if (partner is not null)
                return ActorSpeaker(text, t, m, m.TokStart, m.TokEnd, to) with { Partner = ActorSpeaker(text, t, partner, partner.TokStart, partner.TokEnd, to) };
            // the act must be toward another state, named outside the actor's phrase
            if (!s.Mentions.Any(o => o.Country is not null && o.Country != m.Country && (o.TokEnd <= from || o.TokStart >= to))) continue;
            return ActorSpeaker(text, t, m, from, to, to) with { Territorial = TerritorialVerbs.Contains(t[v].Norm) };
        }
        return null;
    }

    /// <summary>The acting state as a speaker named by tokens [from, to), its forces when a force word follows its name
    /// within the phrase (which ends at <paramref name="phraseEnd"/>).</summary>
    static Speaker ActorSpeaker(string text, List<Token> t, Resolved m, int from, int to, int phraseEnd)
    {
        bool force = m.TokEnd < phraseEnd && t[m.TokEnd].IsWord && IsForce(t[m.TokEnd].Norm)
                     || m.TokEnd + 1 < phraseEnd && t[m.TokEnd].Hyphenated && t[m.TokEnd + 1].IsWord && IsForce(t[m.TokEnd + 1].Norm);
        var role = m.Kind == ActorKind.Person ? m.Role ?? SpeakerRoles.Official : force ? SpeakerRoles.Military : m.Role ?? SpeakerRoles.Official;
        return new Speaker(text[t[from].Start..t[to - 1].End], m.Country, role, m.Kind == ActorKind.Person, from, to) { Narrated = true };
    }

    /// <summary>The subject before an active verb and its first state actor. Two states as one subject ("Kenya and Tanzania
    /// agreed", "Rabin and Arafat met") each act toward the other: the second is the partner.</summary>
    static (Resolved, int, int, Resolved?)? Subject(string text, Sentence s, int verb, int opening)
    {
        var t = s.Tokens;
        var (a, b) = LeftPhrase(text, s, verb);
        if (b <= a) (a, b) = ForcesBefore(t, verb);
        if (b <= a) (a, b) = GroupBefore(t, verb);
        if (a < opening && opening < b) a = opening;
        if (b <= a) return null;
        // "the foreign ministers of Argentina and Chile met": the officials named before "of" are the subject's head
        if (a > 0 && t[a].Is("of") && GroupNoun(t[a - 1].Norm)) a++;
        if (a > 1 && t[a - 1].Is("of") && GroupNoun(t[a - 2].Norm))
            for (a -= 2; a > opening && a > 0 && t[a - 1].IsWord && (!t[a - 1].Cap || t[a - 1].Is("the")) && !SentenceOpenings.IsSubordinator(t[a - 1]) && !RoleWords.Auxiliaries.Contains(t[a - 1].Norm); ) a--;
        // "Kenya, Uganda and Tanzania recalled": the list of states before the phrase's last comma belongs to the subject
        while (a > 1 && t[a - 1].Is(",") && s.Mentions.Find(m => m.TokEnd == a - 1 && m.TokStart >= opening && StateActor(t, m, m.TokStart)) is { } listed) a = listed.TokStart;
        // "... when Tanzania banned imports", "a mission led by Australia restored order", "the crossing between Colombia and
        // Venezuela reopened": background in a subordinate clause, or states that are not the subject
        if (a > 0 && (SentenceOpenings.IsSubordinator(t[a - 1]) || t[a - 1].Norm is "by" or "that" or "which" or "who" or "where"
                      or "between" or "of" or "in" or "at" or "from" or "to" or "with" or "against" or "on" or "for" or "across" or "near")) return null;
        if (FirstWord(t, a) && SentenceOpenings.IsSubordinator(t[a])) return null;
        Resolved? first = null, partner = null;
        var states = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in s.Mentions)
        {
            if (m.TokStart < a || m.TokEnd > b || !StateActor(t, m, a)) continue;
            states.Add(m.Country!);
            if (first is null) { first = m; continue; }
            // "Kenya and Tanzania", "Israeli and Syrian negotiators": two states joined by "and" (else one modifies the other)
            if (m.Country != first.Country && And(t, first.TokEnd, m.TokStart)) partner ??= m;
        }
        // "Kenya, Uganda and Tanzania recalled their envoys from Sudan": three or more states act alike, the first stands for them
        // but "Croatia, Albania and Kosovo signed a declaration" is among them: no one of them acts toward the others
        if (partner is not null) return states.Count == 2 ? (first!, a, b, partner) : Mutual(t[verb].Norm) ? null : (first!, a, b, null);
        if (first is null) return TitledRuler(s, a, b) is { } ruler ? (ruler, a, b, null) : null;
        // "Kenya and the rebels agreed": a state with someone else is no act of the state alone; "Egypt and its allies" is the state's
        for (int k = a; k < b; k++) if ((t[k].Is("and") || t[k].Is("&")) && !ForcesJoined(t, k) && !Allies(t, k, b)) return null;
        return (first, a, b, null);
    }

    /// <summary>A ruler no list holds, by title and name ("Pope Francis", "Emperor Akihito", "Crown Prince Abdullah of Saudi
    /// Arabia", "the junta chief"): the Pope is the Holy See's; another title is placed by "of" and a state in the phrase,
    /// else by a demonym before a ruler's noun elsewhere in the sentence ("a Japanese monarch"), else nobody.</summary>
    static Resolved? TitledRuler(Sentence s, int a, int b)
    {
        var t = s.Tokens;
        int k = a < b && t[a].Is("the") ? a + 1 : a;
        if (k >= b || !t[k].IsWord || !RulerTitle(t[k].Norm)) return null;
        string? country = t[k].Norm == "pope" ? "VAT" : null;
        foreach (var m in s.Mentions)
        {
            if (country is not null) break;
            if (m.Country is null || m.Kind is ActorKind.Place or ActorKind.Block) continue;
            if (m.TokStart > a && m.TokEnd <= b && t[m.TokStart - 1].Is("of")) country = m.Country;
            else if (m.Kind == ActorKind.Demonym && (m.TokEnd <= a || m.TokStart >= b) && m.TokEnd < t.Count && t[m.TokEnd].IsWord
                     && (RulerTitle(t[m.TokEnd].Norm) || t[m.TokEnd].Norm is "monarch" or "ruler" or "leader" or "pontiff")) country = m.Country;
        }
        return country is null ? null : new Resolved(a, b, country, ActorKind.Person, SpeakerRoles.HeadOfState, "", "");
    }

    static bool RulerTitle(string norm) => norm is "pope" or "emperor" or "empress" or "king" or "queen" or "emir" or "sultan"
        or "crown" or "prince" or "sheikh" or "supreme" or "ayatollah" or "junta" or "president" or "premier" or "chancellor";

    /// <summary>Only "and" (or "&amp;"), commas and words of the first name's phrase ("forces", "the") between two names.</summary>
    static bool And(List<Token> t, int from, int to)
    {
        bool and = false;
        for (int k = from; k < to; k++)
        {
            if (t[k].Is("and") || t[k].Is("&")) and = true;
            // "Shamir and Syrian Foreign Minister al-Sharaa", "Vajpayee and his Pakistani counterpart Sharif": titles between
            else if (!(t[k].IsWord && (t[k].Cap || IsForce(t[k].Norm) || TitleWord(t[k].Norm) || t[k].Norm is "the" or "his" or "her" or "their" or "its"))
                     && !t[k].Is(",")) return false;
        }
        return and;
    }

    static bool TitleWord(string norm) => norm is "president" or "prime" or "minister" or "foreign" or "defence" or "defense"
        or "premier" or "leader" or "chancellor" or "counterpart" or "chairman" or "king" or "queen" or "emperor" or "emir"
        or "prince" or "crown" or "supreme" or "interior" or "vice" or "deputy" or "secretary" or "general" or "junta";

    /// <summary>"Kenya opened its border on Monday and sent troops into Somalia": a second verb joined by "and" shares the
    /// subject of the clause's first verb (a finite verb in the past tense or an act verb, with no comma before the "and").</summary>
    static (Resolved, int, int, Resolved?)? SecondVerb(string text, Sentence s, int verb, int opening)
    {
        var t = s.Tokens;
        if (!t[verb - 1].Is("and") || verb < 3 || t[verb - 2].Is(",")) return null;
        for (int j = opening + 1; j < verb - 2; j++)
        {
            if (s.InQuote[j] || !t[j].IsWord) return null;
            if (t[j].Cap || t[j].Hyphenated || !(ActVerbs.Contains(t[j].Norm) || t[j].Norm.EndsWith("ed", StringComparison.Ordinal) && t[j].Norm.Length > 4)) continue;
            return t[j - 1].Norm is "to" or "the" or "a" or "an" or "its" or "their" ? null : Subject(text, s, j, opening);
        }
        return null;
    }

    static bool Mutual(string verb) => verb is "met" or "meet" or "meets" or "signed" or "sign" or "signs" or "agreed" or "agree"
        or "agrees" or "exchanged" or "swapped" or "initialled" or "initialed" or "concluded" or "ratified" or "reached" or "held"
        or "holds" or "shook" or "established" or "restored" or "normalised" or "normalized" or "settled" or "sealed" or "clashed";

    /// <summary>"and its allies", "and other Gulf states": the state leads the ones joined to it.</summary>
    static bool Allies(List<Token> t, int k, int end)
    {
        if (k + 1 >= end || t[k + 1].Norm is not ("its" or "other" or "their")) return false;
        for (int q = k + 2; q < end && q <= k + 4; q++)
            if (t[q].Norm is "allies" or "partners" or "neighbours" or "neighbors" or "states" or "countries" or "nations" or "members") return true;
        return false;
    }

    /// <summary>"A ceasefire between Ethiopia and Eritrea took effect", "a peace deal between Peru and Ecuador was signed": an
    /// accord between two states as the subject narrates an act of each toward the other, as "Ethiopia and Eritrea agreed" does.</summary>
    static Speaker? AccordBetween(string text, Sentence s)
    {
        var t = s.Tokens;
        int start = AfterDateline(text, t);
        for (int k = start; k < t.Count - 4 && k <= start + 4; k++)
        {
            if (s.InQuote[k] || !t[k].IsWord || !AccordNoun(t[k].Norm) || !t[k + 1].Is("between")) continue;
            for (int q = start; q < k; q++) if (!t[q].IsWord || t[q].Cap && q > start) return null; // "A new truce", not "Sudan's truce"
            Resolved? x = null, y = null;
            foreach (var m in s.Mentions)
            {
                if (m.TokStart <= k + 1 || m.Country is null || m.Kind is ActorKind.Place or ActorKind.Block) continue;
                if (x is null) { if (m.TokStart > k + 3) return null; x = m; continue; }
                if (m.Country != x.Country && And(t, x.TokEnd, m.TokStart)) y = m;
                break;
            }
            if (x is null || y is null) return null;
            // the accord is the subject of a verb that narrates it: "took effect", "began", "was agreed", "held", "resumed"
            for (int q = y.TokEnd; q < t.Count && q <= y.TokEnd + 3; q++)
                if (t[q].IsWord && !t[q].Cap && t[q].Norm is "took" or "takes" or "began" or "begins" or "came" or "comes" or "was" or "were"
                        or "is" or "are" or "has" or "have" or "had" or "held" or "holds" or "resumed" or "opened" or "entered" or "went" or "will")
                    return ActorSpeaker(text, t, x, x.TokStart, x.TokEnd, x.TokEnd) with { Partner = ActorSpeaker(text, t, y, y.TokStart, y.TokEnd, y.TokEnd) };
            return null;
        }
        return null;
    }

    // not "talks": "The talks between X and Y resumed" is narration relating the two (AttributionTests), as annotators read it
    static bool AccordNoun(string norm) => norm is "ceasefire" or "truce" or "armistice" or "accord" or "agreement" or "deal" or "treaty";

    /// <summary>"troops and tanks": an "and" between two force words joins the forces of one state.</summary>
    static bool ForcesJoined(List<Token> t, int k) => k > 0 && k + 1 < t.Count && t[k - 1].IsWord && IsForce(t[k - 1].Norm) && t[k + 1].IsWord
        && (IsForce(t[k + 1].Norm) || ForceModifier(t[k + 1]) && !t[k + 1].Cap);

    /// <summary>The first verb of saying outside quotes that is not itself an act, else the sentence's length.</summary>
    static int FirstSpeechVerb(Sentence s)
    {
        for (int k = 0; k < s.Tokens.Count; k++)
            if (!s.InQuote[k] && s.Tokens[k].IsWord && !s.Tokens[k].Cap // "the United States" names, it does not state
                && RoleWords.SpeechVerbs.Contains(s.Tokens[k].Norm) && !ActVerbs.Contains(s.Tokens[k].Norm)) return k;
        return s.Tokens.Count;
    }

    /// <summary>"Saudi warplanes", "American warships", "Vietnamese-led forces": a state's forces right before the verb (after
    /// auxiliaries), which the subject finder for speakers does not take as a noun phrase.</summary>
    static (int, int) ForcesBefore(List<Token> t, int verb)
    {
        int b = verb;
        while (b > 0 && t[b - 1].IsWord && !t[b - 1].Cap && RoleWords.Auxiliaries.Contains(t[b - 1].Norm)) b--;
        if (b == 0 || !t[b - 1].IsWord || !IsForce(t[b - 1].Norm)) return (0, 0);
        int a = b - 1;
        // "U.S. warships": the abbreviation's closing dot is a token of its own
        while (a > 0 && a > b - 7 && (ForceModifier(t[a - 1]) || t[a - 1].Is(".") && NounPhraseTok(t, a - 1))) a--;
        return (a, b);
    }

    /// <summary>"Argentina and Chile negotiators", "Egypt and its allies", "Kenyan officials": states and the people or allies
    /// acting with them right before the verb, which the subject finder for speakers does not take as a noun phrase.</summary>
    static (int, int) GroupBefore(List<Token> t, int verb)
    {
        int b = verb;
        while (b > 0 && t[b - 1].IsWord && !t[b - 1].Cap && RoleWords.Auxiliaries.Contains(t[b - 1].Norm)) b--;
        if (b == 0 || !t[b - 1].IsWord || !(GroupNoun(t[b - 1].Norm) || t[b - 1].Norm is "allies" or "partners" or "neighbours" or "neighbors")) return (0, 0);
        int a = b - 1;
        while (a > 0 && a > b - 7 && t[a - 1].IsWord && (t[a - 1].Cap || t[a - 1].Norm is "and" or "its" or "their" or "other" or "foreign" or "defence" or "defense" or "top" or "senior"))
            a--;
        return a < b - 1 ? (a, b) : (0, 0);
    }

    /// <summary>"... were expelled by Kuwait": the agent after "by".</summary>
    static (Resolved, int, int, Resolved?)? Agent(Sentence s, int verb)
    {
        var t = s.Tokens;
        for (int k = verb + 1; k < t.Count && k <= verb + 3; k++)
        {
            if (!t[k].Is("by")) continue;
            var (a, b) = RightPhrase(s, k + 1, bareCommas: false);
            // a state named as such or its armed forces: "expelled by Kuwait", "invaded by Iraqi troops", not "closed by Ugandan police"
            foreach (var m in s.Mentions)
                if (m.TokStart >= a && m.TokEnd <= b && StateActor(s.Tokens, m, a)
                    && (m.Kind is not ActorKind.Demonym || m.TokEnd < b && t[m.TokEnd].IsWord && IsForce(t[m.TokEnd].Norm) && t[m.TokEnd].Norm is not "police"))
                    return (m, a, b, null);
            return null;
        }
        return null;
    }

    /// <summary>A mention that can act for its state: the state, a capital, a demonym (of a government, forces or people), a
    /// state body, an office-holder, a governing movement; not one after a preposition ("the ambassador to Chile") and not a
    /// modifier of someone else ("Iranian-backed militias"), though "Vietnamese-led forces" are Vietnam's.</summary>
    static bool StateActor(List<Token> t, Resolved m, int phraseStart)
    {
        if (m.Country is null || m.Kind is ActorKind.Place or ActorKind.Block) return false;
        // "the foreign ministers of Argentina and Chile met": a state's officials or body named with "of" act for it
        if (m.TokStart > phraseStart + 1 && t[m.TokStart - 1].Is("of") && GroupNoun(t[m.TokStart - 2].Norm)) return true;
        if (m.TokStart > phraseStart && t[m.TokStart - 1].Norm is "in" or "at" or "from" or "to" or "with" or "against" or "between" or "of" or "on" or "for" or "by")
            return false;
        if (Modifier(t, m))
            return t[m.TokEnd].Norm is "led" && m.TokEnd + 1 < t.Count && t[m.TokEnd + 1].IsWord && IsForce(t[m.TokEnd + 1].Norm);
        return true;
    }

    static bool GroupNoun(string norm) => norm is "leaders" or "leader" or "ministers" or "minister" or "negotiators" or "officials"
        or "presidents" or "president" or "heads" or "delegations" or "delegation" or "envoys" or "representatives" or "delegates"
        or "diplomats" or "government" or "governments" or "parliament" or "parliaments" or "cabinet" or "premiers" or "chiefs";
}
