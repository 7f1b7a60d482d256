using static TensionTracker.Text.Extraction.PhraseBounds;
using static TensionTracker.Text.Extraction.PhraseWords;
using static TensionTracker.Text.Extraction.SpeechCues;
using static TensionTracker.Text.Extraction.StateActs;

namespace TensionTracker.Text.Extraction;

/// <summary>Words around a verb that say whether it attributes: documents issued, relative clauses, taking sides, both
/// parties at once.</summary>
static class SpeechCues
{
    public static bool IsDeterminer(Token x) => x.Norm is "the" or "that" or "this" or "its" or "their";

    public static int FirstComma(List<Token> t, int from, int to)
    {
        for (int k = from; k < to; k++) if (t[k].Is(",")) return k;
        return -1;
    }

    /// <summary>For a verb right after ", which" or ", who" (auxiliaries allowed: ", who later said"): the comma's index, else -1.</summary>
    public static int RelativeComma(Sentence s, int verb)
    {
        var t = s.Tokens;
        int p = verb - 1;
        while (p >= 0 && t[p].IsWord && !t[p].Cap && RoleWords.Auxiliaries.Contains(t[p].Norm)) p--;
        return p >= 2 && t[p].Norm is "which" or "who" && t[p - 1].Is(",") && !s.InQuote[p] ? p - 1 : -1;
    }

    /// <summary>"a statement from X", "a fact sheet released by X": the index of X, else <paramref name="k"/> itself.</summary>
    public static int PastDocument(List<Token> t, int k)
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
    public static bool IssuesDocument(List<Token> t, int i)
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
    public static bool TakesSides(List<Token> t, int i)
    {
        bool next(string w) => i + 1 < t.Count && t[i + 1].Is(w);
        // "they backed opposing sides": a plural pronoun is too often a narrated pair, not a speaker
        return t[i].Norm is "backed" or "supported" or "endorsed" && !t[i].Hyphenated && !next("by") && i > 0 && t[i - 1].Norm is not ("was" or "were" or "is" or "are" or "been" or "be" or "they")
               || t[i].Norm is "sided" && next("with") || t[i].Norm is "went" or "goes" && next("further") || t[i].Norm is "hit" && next("back");
    }

    /// <summary>"Officials in both capitals said", "the two sides said": both parties at once, so no one side speaks.</summary>
    public static bool BothSides(List<Token> t, int a, int verb)
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
}
