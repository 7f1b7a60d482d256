using static TensionTracker.Text.Extraction.PhraseBounds;
using static TensionTracker.Text.Extraction.PhraseWords;
using static TensionTracker.Text.Extraction.SpeechCues;
using static TensionTracker.Text.Extraction.StateActs;

namespace TensionTracker.Text.Extraction;

/// <summary>Where a noun phrase begins and ends around a verb: the subject before it (with appositions and fronted
/// times), the phrase after it (inverted "said X", "according to X").</summary>
static class PhraseBounds
{
    /// <summary>The noun phrase (with appositions) that ends just before token <paramref name="v"/>.</summary>
    public static (int, int) LeftPhrase(string text, Sentence s, int v)
    {
        var t = s.Tokens;
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
            if (s.InQuote[j] || x.Kind == TokenKind.Quote && !PluralPossessive(text, s, j)) break;
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
        // "Days earlier, ...", "Last week the ministry said": an opening time phrase or hedge is not part of the subject
        if (start < end && FirstWord(t, start)) start = SentenceOpenings.Skip(t, start, end);
        return (start, end);
    }

    /// <summary>Is token <paramref name="i"/> the sentence's first word (only punctuation or quotes before it)?</summary>
    public static bool FirstWord(List<Token> t, int i)
    {
        for (int k = 0; k < i; k++) if (t[k].IsWord) return false;
        return true;
    }

    /// <summary>The apostrophe of "the Revolutionary Guards' navy", outside any single quotation.</summary>
    public static bool PluralPossessive(string text, Sentence s, int j)
    {
        var t = s.Tokens;
        return j > 0 && j + 1 < t.Count && text[t[j].Start] is '\'' or '\u2019' && t[j - 1].IsWord && t[j - 1].End == t[j].Start
               && t[j - 1].Norm.EndsWith('s') && !s.InQuote[j - 1] && t[j + 1].IsWord;
    }

    public static bool NounPhraseTok(List<Token> t, int j) =>
        NounPhraseWord(t[j]) || (t[j].Hyphenated && j > 0 && t[j - 1].IsWord && t[j - 1].Cap) || (t[j].Is(".") && j > 0 && t[j - 1].IsWord && t[j - 1].Cap && t[j - 1].End == t[j].Start
                                 && t[j - 1].End - t[j - 1].Start <= 4);

    public static bool NounPhraseWord(Token t) =>
        t.Kind == TokenKind.Possessive
        || (t.IsWord && (t.Cap || RoleWords.IsRoleWord(t.Norm) || RoleWords.NameConnectors.Contains(t.Norm)
            || t.Norm is "the" or "a" or "an" or "of" or "for" or "at" or "to" or "its" or "his" or "her" or "their" or "country"
                or "nation" or "s" or "spokespeople" or "minister" or "official" or "officials" or "in" or "foreign" or "he"
                or "she" or "they" or "it" or "we" or "i" or "both" or "two" or "several" or "other" or "one" or "some"));

    public static bool ComplementsHead(List<Token> t, int j)
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
    public static bool ModifiesHead(List<Token> t, int j, int end)
    {
        for (int k = j + 1; k < end && k <= j + 3; k++)
        {
            if (!t[k].IsWord || t[k].Cap) return false;
            if (RoleWords.IsHeadNoun(t[k].Norm) || RoleWords.IsPersonNoun(t[k].Norm)) return true; // "independent expert"
        }
        return false;
    }

    /// <summary>For a comma at <paramref name="j"/> closing ", a regional analyst,": the index of the opening comma, else -1.</summary>
    public static int AppositionStart(Sentence s, int j)
    {
        var t = s.Tokens;
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
    public static (int, int) RightPhrase(Sentence s, int a, bool bareCommas = true)
    {
        var t = s.Tokens;
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
}
