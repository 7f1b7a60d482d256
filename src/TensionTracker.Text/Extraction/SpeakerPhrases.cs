using static TensionTracker.Text.Extraction.PhraseBounds;
using static TensionTracker.Text.Extraction.PhraseWords;
using static TensionTracker.Text.Extraction.SpeechCues;
using static TensionTracker.Text.Extraction.StateActs;

namespace TensionTracker.Text.Extraction;

/// <summary>
/// Works out who a phrase names: a known or local person, a pronoun or a reference back ("he", "the ministry"), an
/// institution, a country, or a bare role, with its country from the phrase or, failing that, from where it was said.
/// Reads and extends the discourse state of the <see cref="SentenceReading"/> it serves.
/// </summary>
sealed class SpeakerPhrases(SentenceReading reading)
{
    ArticleFacts Article => reading.Article;
    string Text => reading.Article.Text;

    DiscourseState State
    {
        get => reading.State;
        set => reading.State = value;
    }

    /// <summary>Works out who a phrase names: a known person, a local name, a pronoun, an institution, a country, a role.</summary>
    public Speaker? Analyse(Sentence s, int a, int b, int verb = -1, bool leftOfVerb = true)
    {
        var t = s.Tokens;
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
            country = s.Mentions.LastOrDefault(m => m.TokEnd <= from && m.Country is not null && m.Kind is ActorKind.Country or ActorKind.Demonym)?.Country ?? State.LastCountry;
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
                      ?? SaidIn(s, verb) ?? FrontedPlace(s, from) ?? InstitutionCountry(t, from, to)
                      ?? (head.IsPerson || Article.Home is not null ? null : LastSpeakersInstitution(t, from, to))
                      ?? (head.IsPerson && role is SpeakerRoles.HeadOfState or SpeakerRoles.Minister ? SentenceState(s, from, to) : null)
                      ?? FromContext(s, verb);
        if (finalRole is SpeakerRoles.Analyst or SpeakerRoles.Organisation) country = null;
        var sp = head with { Country = country, Role = finalRole, TokFrom = a, TokTo = b };
        if (sp.IsPerson) State = State.Remember(sp);
        return sp;
    }

    /// <summary>
    /// The country of a state speaker the phrase does not place: the dateline's, else the article's most named. But a state
    /// is not the one its own official accuses: when the verb's object is that country ("accused Kenya of", "blamed Nairobi
    /// for"), the speaker is the other side of the article's pair.
    /// </summary>
    string? FromContext(Sentence s, int verb)
    {
        var c = Article.Home ?? Article.TopCountry;
        if (c is not null && Article.MainPair.Length == 2 && Article.MainPair.Contains(c) && ObjectOf(s, verb) == c)
            c = Article.MainPair[0] == c ? Article.MainPair[1] : Article.MainPair[0];
        return c;
    }

    /// <summary>The country a verb of accusing is aimed at: the state named right after it ("accused Kenya of", "blamed
    /// Nairobi for", "condemned the Kenyan raid"), else null.</summary>
    string? ObjectOf(Sentence s, int verb)
    {
        var t = s.Tokens;
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
            for (int k = State.Recent.Length - 1; k >= 0 && k >= State.Recent.Length - 6; k--)
            {
                if (State.Recent[k].IsPerson) continue;
                latest ??= State.Recent[k];
                if (ContainsWord(State.Recent[k].Text, noun)) return State.Recent[k].Country is null;
            }
            if (noun is "mission" or "organisation" or "organization" or "bloc" or "alliance" or "body" or "tribunal" or "court" or "fund" or "agency")
                return latest is { Country: null, Role: SpeakerRoles.Organisation };
        }
        return false;
    }

    /// <summary>"Maduro said ... The Foreign Ministry said ...": a state body nobody placed is the one of the state that was
    /// speaking, not whichever country the article names most (a dateline, where there is one, still places it first).</summary>
    string? LastSpeakersInstitution(List<Token> t, int from, int to)
    {
        if (State.LastSpeaker is not { Country: { } c, Role: not (SpeakerRoles.Analyst or SpeakerRoles.Organisation) }) return null;
        bool body = false;
        for (int i = from; i < to; i++)
        {
            if (t[i].IsWord && RoleWords.IsPersonNoun(t[i].Norm)) return null; // "a member of the committee" is a person
            body |= t[i].IsWord && IsInstitutionWord(t[i].Norm) && t[i].Norm is not ("foreign" or "defence" or "defense" or "affairs");
        }
        return body ? c : null;
    }

    /// <summary>"a ministry spokesperson": the country of the last institution named with the same noun.</summary>
    string? InstitutionCountry(List<Token> t, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            if (t[i].Norm is "spokesperson" or "spokesman" or "spokeswoman")
                for (int k = State.Recent.Length - 1; k >= 0 && k >= State.Recent.Length - 3; k--)
                    if (State.Recent[k].Country is not null && !State.Recent[k].IsPerson && !State.Recent[k].Act) return State.Recent[k].Country;
            // "a spokesman for the administration" after "Afghanistan's Taliban administration": a definite owned institution too
            bool definiteOwned = i > from && t[i - 1].Is("the") && RoleWords.IsOwnedInstitution(t[i].Norm);
            if (!t[i].IsWord || !(IsInstitutionWord(t[i].Norm) || definiteOwned) || t[i].Norm is "foreign" or "defence" or "defense" or "affairs") continue;
            if (i > from && t[i - 1].IsWord && t[i - 1].Cap && !RoleWords.IsRoleWord(t[i - 1].Norm)) continue; // "the Unification Ministry" is a name
            for (int k = State.Recent.Length - 1; k >= 0 && k >= State.Recent.Length - 12; k--)
                if (State.Recent[k].Country is not null && !State.Recent[k].IsPerson && ContainsWord(State.Recent[k].Text, t[i].Norm)) return State.Recent[k].Country;
        }
        return null;
    }

    /// <summary>"... said in Tehran": the country of a capital or place right after the verb.</summary>
    string? SaidIn(Sentence s, int verb)
    {
        if (verb < 0) return null;
        for (int k = verb + 1; k < s.Tokens.Count && k <= verb + 5; k++)
            if (s.Tokens[k].Is("in") && k + 1 < s.Tokens.Count)
                foreach (var m in s.Mentions)
                    if (m.TokStart == k + 1 && m.Kind is ActorKind.Capital or ActorKind.Place && m.Country is not null) return m.Country;
        return null;
    }

    /// <summary>The head of one comma part: a person, a local name, a pronoun, an institution or a country.</summary>
    Speaker? HeadOf(Sentence s, int a, int b, List<Resolved> mentions, out int score)
    {
        var t = s.Tokens;
        score = 0;
        // "Days earlier", "Still": what opens a sentence is capitalised, not a name
        if (FirstWord(t, a)) a = SentenceOpenings.Skip(t, a, b);
        if (a >= b) return null;
        string Slice(int x, int y) => Text[t[x].Start..t[y - 1].End];
        var inPart = mentions.Where(m => m.TokStart >= a && m.TokEnd <= b).ToList();
        // 1. a pronoun standing alone
        if (b - a == 1 && t[a].IsWord && RoleWords.Pronouns.Contains(t[a].Norm))
        {
            score = 4;
            var r = t[a].Norm switch
            {
                "he" or "she" => State.LastPerson,
                "it" => State.LastOrganisation ?? (State.LastSpeaker is { IsPerson: false } ? State.LastSpeaker : null),
                "they" => State.LastSpeaker,
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
            if (State.Names.TryGetValue(person.Key, out var known) && known.Country == person.Country) return known with { Ref = true };
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
            bool institutional = ne < b && (t[ne].Kind == TokenKind.Possessive || PluralPossessive(Text, s, ne))
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
            if (State.Names.TryGetValue(Tokens.Key(name), out var known) || State.Names.TryGetValue(t[ne - 1].Norm, out known)) { score = 4; return known with { Ref = true }; }
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

    /// <summary>A role with no name: "the foreign minister", "a ministry spokesperson", "the president".</summary>
    Speaker? RolePhrase(Sentence s, int a, int b, string role, List<Resolved> mentions)
    {
        var t = s.Tokens;
        int e = a;
        while (e < b && !t[e].Is(",")) e++; // "a senior U.Span. official, speaking on condition of anonymity," -> the first part
        var text = Text[t[a].Start..t[Math.Max(a, e - 1)].End];
        var country = mentions.FirstOrDefault(m => m.Country is not null)?.Country;
        int noun = -1;
        for (int i = a; i < b; i++) if (t[i].IsWord && (RoleWords.IsHeadNoun(t[i].Norm) || RoleWords.IsPersonNoun(t[i].Norm))) noun = i;
        // "the ministry", "the agency", "the spokesperson": the one named most recently; "the Unification Ministry" is a name
        bool definite = t[a].Is("the") && country is null && !HasPossessivePronoun(t, a, b);
        for (int i = a + 1; definite && i < noun; i++) if (t[i].IsWord && t[i].Cap && !RoleWords.IsRoleWord(t[i].Norm)) definite = false;
        if (definite && noun >= 0)
            for (int k = State.Recent.Length - 1; k >= 0 && k >= State.Recent.Length - 12; k--)
                if (ContainsWord(State.Recent[k].Text, t[noun].Norm)) return State.Recent[k] with { Ref = true };
        if (definite && State.LeaderFor(role) is { } prev) return prev with { Ref = true };
        bool person = noun >= 0 && RoleWords.IsPersonNoun(t[noun].Norm);
        return new Speaker(text, country, role, person, a, b);
    }
}
