using static TensionTracker.Text.Extraction.PhraseBounds;
using static TensionTracker.Text.Extraction.PhraseWords;
using static TensionTracker.Text.Extraction.SpeechCues;
using static TensionTracker.Text.Extraction.StateActs;

namespace TensionTracker.Text.Extraction;

/// <summary>What the words of a phrase say about who it names: institution and function words, bodies a state owns,
/// modifiers that name someone else, places outside the phrase.</summary>
static class PhraseWords
{
    /// <summary>"India's Border Security Force", "the Indian Coast Guard", "Serbia's public broadcaster RTS": a state's
    /// possessive or demonym before a capitalised name (a few lower-case modifiers allowed) that ends the phrase at
    /// <paramref name="b"/> owns that body, which speaks for the state.</summary>
    public static bool OwnsName(List<Token> t, Resolved m, int b)
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
    public static bool OwnsBody(List<Token> t, Resolved m, int b)
    {
        int k = m.TokEnd;
        if (k >= b || t[k].Kind != TokenKind.Possessive || b - k - 1 > 6 || b - k - 1 < 1) return false;
        for (int i = k + 1; i < b; i++) if (!t[i].IsWord || t[i].Cap) return false;
        return IsInstitutionWord(t[b - 1].Norm) || t[b - 1].Norm is "broadcaster" or "authority" or "regulator" or "service" or "junta";
    }

    /// <summary>"the Ministry of ...": a ministry by its full name, which only a state has.</summary>
    public static bool StateMinistry(List<Token> t, int a, int b)
    {
        for (int i = a; i + 1 < b; i++) if (t[i].IsWord && t[i].Cap && t[i].Norm is "ministry" && t[i + 1].Is("of")) return true;
        return false;
    }

    /// <summary>"a Moscow-led bloc", "Iranian-backed militias": the name qualifies someone else, who is not that state.</summary>
    public static bool Modifier(List<Token> t, Resolved m) =>
        m.TokEnd < t.Count && t[m.TokEnd].Hyphenated && !t[m.TokEnd].Cap
        && t[m.TokEnd].Norm is "led" or "backed" or "based" or "brokered" or "allied" or "aligned" or "funded" or "run"
            or "sponsored" or "owned" or "trained" or "supported" or "linked" or "friendly";

    /// <summary>"Venezuela's ambassador to the United Nations": the body one is sent to is not the one one speaks for.</summary>
    public static bool SentTo(List<Token> t, Resolved m, int a)
    {
        int k = m.TokStart - 1;
        if (k > a && t[k].Is("the")) k--;
        return k > a && t[k].Is("to");
    }

    public static bool IsInstitutionWord(string norm) => norm is "department" or "ministry" or "office" or "agency" or "embassy"
        or "council" or "committee" or "institute" or "university" or "party" or "group" or "center" or "centre" or "forces"
        or "force" or "guard" or "army" or "navy" or "command" or "foreign" or "defence" or "defense" or "affairs";

    public static bool IsFunctionWord(string norm) => norm is "the" or "in" or "on" or "but" or "and" or "after" or "when" or "while"
        or "as" or "if" or "meanwhile" or "however" or "still" or "yet" or "asked" or "speaking" or "this" or "that";

    public static bool Covered(List<Resolved> ms, int i)
    {
        foreach (var m in ms) if (m.TokStart <= i && i < m.TokEnd) return true;
        return false;
    }

    public static bool ContainsWord(string text, string word)
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

    /// <summary>The index of the institution noun that ends the phrase starting at <paramref name="k"/>, within four words of
    /// modifiers ("energy", "Foreign", "army-led"), else -1.</summary>
    public static int OwnedInstitutionEnd(List<Token> t, int k)
    {
        for (int n = 0; k < t.Count && n < 4 && t[k].IsWord; k++, n++)
        {
            if (RoleWords.IsOwnedInstitution(t[k].Norm)) return k;
            if (!t[k].Cap && (IsFunctionWord(t[k].Norm) || RoleWords.SpeechVerbs.Contains(t[k].Norm) || RoleWords.IsPersonNoun(t[k].Norm))) return -1;
        }
        return -1;
    }

    /// <summary>The country of the first capital or place named in the sentence outside tokens [from, to).</summary>
    public static string? PlaceOutside(Sentence s, int from, int to)
    {
        foreach (var m in s.Mentions)
            if (m.Kind is ActorKind.Capital or ActorKind.Place && m.Country is not null && (m.TokEnd <= from || m.TokStart >= to)) return m.Country;
        return null;
    }

    /// <summary>"President Kagame said Rwanda would not withdraw": the state a sentence names (country or demonym) outside
    /// tokens [from, to), not as the object of a relation ("against Germany", "to Chile"), for an office-holder no list knows.</summary>
    public static string? SentenceState(Sentence s, int from, int to)
    {
        var t = s.Tokens;
        foreach (var m in s.Mentions)
        {
            if (m.Country is null || m.Kind is not (ActorKind.Country or ActorKind.Demonym) || m.TokEnd > from && m.TokStart < to) continue;
            bool related = false;
            for (int k = Math.Max(0, m.TokStart - 3); k < m.TokStart; k++)
                related |= t[k].Norm is "to" or "against" or "with" or "toward" or "towards" or "on" or "at" or "over" or "from" or "into" or "in" or "of" or "by";
            // "accused Ivory Coast of ...": the object of a verb is whom the office-holder acts on
            int prev = m.TokStart > 0 && t[m.TokStart - 1].Is("the") ? m.TokStart - 2 : m.TokStart - 1;
            related |= prev >= 0 && t[prev].IsWord && !t[prev].Cap && t[prev].Norm.EndsWith("ed", StringComparison.Ordinal);
            if (!related) return m.Country;
        }
        return null;
    }

    /// <summary>"In New Delhi, a spokesman for the foreign ministry said": the country of a capital or place in a fronted
    /// "In X," / "At X," that opens the sentence before the phrase starting at <paramref name="from"/>.</summary>
    public static string? FrontedPlace(Sentence s, int from)
    {
        var t = s.Tokens;
        if (t.Count < 3 || !(t[0].Norm is "in" or "at" && t[0].Cap)) return null;
        foreach (var m in s.Mentions)
            if (m.TokStart == (t[1].Is("the") ? 2 : 1) && m.TokEnd < from && t[m.TokEnd].Is(",")
                && m.Kind is ActorKind.Capital or ActorKind.Place or ActorKind.Country && m.Country is not null)
                return m.Country;
        return null;
    }

    /// <summary>"European diplomats", "Western officials": a supranational modifier means no single country.</summary>
    public static bool HasUnresolvedModifier(List<Token> t, int a, int b, List<Resolved> mentions)
    {
        for (int i = a; i < b; i++)
            if (t[i].IsWord && t[i].Cap && !Covered(mentions, i)
                && t[i].Norm is "european" or "western" or "arab" or "gulf" or "african" or "asian" or "latin" or "nordic" or "baltic")
                return true;
        return false;
    }

    /// <summary>"The Harbour Palace said", "Castle Hill said": a seat of government the gazetteer does not know names some
    /// state, but not one context can tell (a dateline's country is as likely the other side), so it stays unplaced.</summary>
    public static bool UnknownBuilding(List<Token> t, int a, int b, List<Resolved> mentions)
    {
        for (int i = b - 1; i >= a; i--)
            if (t[i].IsWord && t[i].Cap)
                return !Covered(mentions, i) && t[i].Norm is "palace" or "buildings" or "house" or "castle" or "mansion" or "villa"
                    or "square" or "street" or "hill" or "tower" or "residence";
        return false;
    }

    public static string Stronger(string a, string b)
    {
        int R(string r) => Array.IndexOf(SpeakerRoles.All, r);
        return R(a) <= R(b) ? a : b;
    }

    public static bool HasPossessivePronoun(List<Token> t, int a, int b)
    {
        for (int i = a; i < b; i++)
            if (t[i].Norm is "its" or "country" or "nation" && (t[i].Norm == "its" || i + 1 < b && t[i + 1].Kind == TokenKind.Possessive)) return true;
        return false;
    }

    public static bool HasUsLegislatorCue(List<Token> t, int a, int b)
    {
        for (int i = a; i < b; i++) if (t[i].Norm is "sen" or "rep" or "congressman" or "congresswoman") return true;
        return false;
    }
}
