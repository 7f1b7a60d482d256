using static TensionTracker.Text.Extraction.PhraseBounds;
using static TensionTracker.Text.Extraction.PhraseWords;

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
    /// <summary>Offers, threats, demands, complaints, protests, expulsions, sanctions, visits, attacks, troop moves, aid and
    /// agreements, as finite verbs (past, present, and the base form after an auxiliary).</summary>
    static readonly HashSet<string> ActVerbs = new(StringComparer.Ordinal)
    {
        "offered", "offers", "offer", "threatened", "threatens", "threaten", "demanded", "demands", "demand", "complained",
        "complains", "complain", "protested", "protests", "protest", "expelled", "expels", "expel", "ordered", "orders",
        "sanctioned", "sanctions", "sanction", "imposed", "imposes", "impose", "banned", "bans", "ban", "barred", "bars",
        "suspended", "suspends", "froze", "freezes", "cut", "cuts", "halted", "halts", "recalled", "recalls", "summoned",
        "summons", "visited", "visits", "visit", "toured", "tours", "arrived", "arrives", "travelled", "traveled", "travels",
        "flew", "flies", "attacked", "attacks", "attack", "struck",
        "strikes", "strike", "bombed", "bombs", "bomb", "shelled", "shells", "raided", "raids", "invaded", "invades", "invade",
        "fired", "fires", "pounded", "pounds", "seized", "seizes", "captured", "captures", "occupied", "occupies", "launched",
        "launches", "targeted", "targets", "shot", "downed", "killed", "kills", "deployed", "deploys", "deploy", "sent",
        "sends", "send", "moved", "moves", "massed", "masses", "dispatched", "dispatches", "stationed", "mobilised",
        "mobilized", "withdrew", "withdraws", "entered", "enters", "crossed", "crosses", "landed", "lands", "pledged",
        "pledges", "pledge", "donated", "donates", "provided", "provides", "provide", "granted", "grants", "gave", "gives",
        "supplied", "supplies", "promised", "promises", "lent", "lends", "loaned", "delivered", "delivers", "agreed", "agrees",
        "agree", "signed", "signs", "sign", "reached", "reaches", "concluded", "ratified", "renewed", "restored", "restores",
        "normalised", "normalized", "established", "recognised", "recognized", "recognises", "recognizes", "resumed",
        "resumes", "reopened", "reopens", "closed", "closes", "blocked", "blocks", "accused", "accuses", "condemned",
        "condemns", "warned", "warns", "urged", "urges", "rejected", "rejects", "welcomed", "welcomes", "backed", "backs",
        "supported", "supports", "helped", "helps", "extradited", "deported", "detained", "arrested", "released", "freed",
        // attacks, troop moves and withdrawals in wire forms
        "hit", "hits", "sank", "sinks", "rocketed", "ambushed", "overran", "stormed", "torpedoed", "intercepted", "violated",
        "besieged", "bombarded", "infiltrated", "advanced", "clashed", "reinforced", "amassed", "evacuated", "quit",
        "airlifted", "shipped", "extended", "initialled", "initialed", "sealed", "settled", "declared",
        // meetings, appeals, praise and criticism, refusals, as narrated
        "met", "meets", "meet", "appealed", "appeals", "appeal", "asked", "asks",
        "praised", "praises", "praise", "hailed", "hails", "commended", "commends", "lauded", "thanked", "thanks",
        "congratulated", "congratulates", "criticised", "criticized", "criticises", "criticizes", "criticise", "criticize",
        "denounced", "denounces", "slammed", "slams", "rebuked", "rebukes", "censured", "decried", "deplored", "blamed",
        "blames", "rebuffed", "rebuffs", "refused", "refuses", "dismissed", "spurned", "vetoed", "snubbed", "boycotted",
    };

    /// <summary>Acts named by a verb and the word after it: "took control of", "held talks with", "called on", "pulled out
    /// of", "shook hands", "made a stop in", "paid a visit to", "put its forces on alert".</summary>
    static bool PhrasalAct(List<Token> t, int v)
    {
        bool Next(Func<string, bool> word, int within)
        {
            for (int k = v + 1; k < t.Count && k <= v + within && t[k].IsWord; k++) if (word(t[k].Norm)) return true;
            return false;
        }
        return t[v].Norm switch
        {
            "took" or "takes" => Next(w => w is "control" or "over", 1),
            "held" or "holds" => Next(w => w is "talks" or "meeting" or "meetings" or "consultations" or "discussions" or "drills" or "exercises", 3),
            "called" or "calls" => Next(w => w is "on" or "for", 1),
            "pulled" or "pulls" => Next(w => w is "out" or "back", 1),
            "shook" => Next(w => w is "hands", 1),
            "made" or "makes" or "paid" or "pays" => Next(w => w is "stop" or "visit" or "trip", 4),
            "put" or "puts" or "placed" => Next(w => w is "alert", 5),
            _ => false,
        };
    }

    /// <summary>Words after a state's name that make the phrase its armed forces: "Serb forces", "American warships".</summary>
    static bool IsForce(string norm) => norm is "forces" or "force" or "troops" or "soldiers" or "army" or "navy" or "military"
        or "warships" or "warplanes" or "jets" or "aircraft" or "planes" or "drones" or "artillery" or "tanks" or "gunboats"
        or "militia" or "militias" or "marines" or "paratroopers" or "units" or "coast" or "police" or "bombers" or "fighters"
        or "helicopters" or "gunships" or "missiles" or "rockets" or "warship" or "submarine" or "submarines" or "frigates"
        or "destroyers" or "vessels" or "ships" or "boats" or "commandos" or "battalions" or "divisions" or "brigades"
        or "guards" or "shells" or "armour" or "armor" or "airstrikes" or "artillerymen" or "infantry" or "convoy" or "convoys";

    /// <summary>Words between a demonym and its forces: "Israeli helicopter gunships", "American B-52 bombers", "Iraqi troops
    /// and tanks".</summary>
    static bool ForceModifier(Token x) => x.IsWord && (x.Cap || x.Hyphenated || IsForce(x.Norm) || x.Norm is "the" or "and"
        or "helicopter" or "fighter" or "naval" or "border" or "armoured" or "armored" or "special" or "ground" or "air" or "elite"
        or "government" or "regular" or "combat" or "attack" or "cruise" or "ballistic" or "patrol" or "navy" or "army" or "missile"
        || x.Norm.Length > 0 && char.IsAsciiDigit(x.Norm[0]));

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
                null => Actor(article.Text, s),
                { Act: true } => s.Speaker with { Narrated = true },
                // "Chile offered its engineers to Peru": a verb of saying that is also an act, with no quotation, narrates it
                { IsPerson: false, Narrated: false } sp when !s.Tokens.Exists(x => x.Kind == TokenKind.Quote) && Actor(article.Text, s) is { } a
                    && a.Country == sp.Country => sp with { Narrated = true },
                _ => null,
            };
            if (actor is null) continue;
            read ??= [.. sentences];
            read[i] = s with { Speaker = actor };
        }
        return read ?? sentences;
    }

    /// <summary>The state acting in a narrated act toward another state named outside the actor's phrase, else null.</summary>
    static Speaker? Actor(string text, Sentence s)
    {
        var t = s.Tokens;
        int reported = FirstSpeechVerb(s);
        for (int v = 1; v < t.Count; v++)
        {
            if (s.InQuote[v] || !t[v].IsWord || t[v].Cap || t[v].Hyphenated) continue;
            if (!ActVerbs.Contains(t[v].Norm) && !PhrasalAct(t, v)) continue;
            if (t[v - 1].Norm is "to" or "the" or "a" or "an" or "its" or "their" or "his" or "her") continue; // an infinitive or a noun
            if (v > reported) return null; // "fishermen said Argentina had fired": what someone said, not what the outlet narrates
            int p = v - 1;
            while (p > 0 && t[p].IsWord && (RoleWords.Auxiliaries.Contains(t[p].Norm) || t[p].Norm is "again" or "also" or "reportedly" or "formally" or "later" or "then" or "jointly")) p--;
            bool passive = t[v - 1].Norm is "was" or "were" or "been" or "being" or "is" or "are" || p < v - 1 && t[p + 1].Norm is "was" or "were" or "been" or "is" or "are";
            var found = passive ? Agent(s, v) : Subject(text, s, v);
            if (found is null) continue;
            var (m, from, to, partner) = found.Value;
            if (partner is not null)
                return ActorSpeaker(text, t, m, m.TokStart, m.TokEnd, to) with { Partner = ActorSpeaker(text, t, partner, partner.TokStart, partner.TokEnd, to) };
            // the act must be toward another state, named outside the actor's phrase
            if (!s.Mentions.Any(o => o.Country is not null && o.Country != m.Country && (o.TokEnd <= from || o.TokStart >= to))) continue;
            return ActorSpeaker(text, t, m, from, to, to);
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
    static (Resolved, int, int, Resolved?)? Subject(string text, Sentence s, int verb)
    {
        var t = s.Tokens;
        var (a, b) = LeftPhrase(text, s, verb);
        if (b <= a) (a, b) = ForcesBefore(t, verb);
        if (b <= a) return null;
        // "... when Tanzania banned imports", "a mission led by Australia restored order", "the crossing between Colombia and
        // Venezuela reopened": background in a subordinate clause, or states that are not the subject
        if (a > 0 && (SentenceOpenings.IsSubordinator(t[a - 1]) || t[a - 1].Norm is "by" or "that" or "which" or "who" or "where"
                      or "between" or "of" or "in" or "at" or "from" or "to" or "with" or "against" or "on" or "for" or "across" or "near")) return null;
        if (FirstWord(t, a) && SentenceOpenings.IsSubordinator(t[a])) return null;
        Resolved? first = null;
        foreach (var m in s.Mentions)
        {
            if (m.TokStart < a || m.TokEnd > b || !StateActor(t, m, a)) continue;
            if (first is null) { first = m; continue; }
            // "Kenya and Tanzania", "Israeli and Syrian negotiators": two states joined by "and" (else one modifies the other)
            if (m.Country != first.Country && And(t, first.TokEnd, m.TokStart)) return (first, a, b, m);
        }
        if (first is null) return null;
        // "Kenya and the rebels agreed": a state with someone else is no act of the state alone
        for (int k = a; k < b; k++) if ((t[k].Is("and") || t[k].Is("&")) && !ForcesJoined(t, k)) return null;
        return (first, a, b, null);
    }

    /// <summary>Only "and" (or "&amp;"), commas and words of the first name's phrase ("forces", "the") between two names.</summary>
    static bool And(List<Token> t, int from, int to)
    {
        bool and = false;
        for (int k = from; k < to; k++)
        {
            if (t[k].Is("and") || t[k].Is("&")) and = true;
            else if (!(t[k].IsWord && (IsForce(t[k].Norm) || t[k].Norm is "the" or "president" or "prime" or "minister" or "leader")) && !t[k].Is(",")) return false;
        }
        return and;
    }

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
        while (a > 0 && a > b - 7 && ForceModifier(t[a - 1])) a--;
        return (a, b);
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
        if (m.TokStart > phraseStart && t[m.TokStart - 1].Norm is "in" or "at" or "from" or "to" or "with" or "against" or "between" or "of" or "on" or "for" or "by")
            return false;
        if (Modifier(t, m))
            return t[m.TokEnd].Norm is "led" && m.TokEnd + 1 < t.Count && t[m.TokEnd + 1].IsWord && IsForce(t[m.TokEnd + 1].Norm);
        return true;
    }
}
