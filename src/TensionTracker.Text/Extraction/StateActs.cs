using static TensionTracker.Text.Extraction.PhraseBounds;
using static TensionTracker.Text.Extraction.PhraseWords;
using static TensionTracker.Text.Extraction.SpeechCues;
using static TensionTracker.Text.Extraction.StateActs;

namespace TensionTracker.Text.Extraction;

/// <summary>Acts of state ("expelled the ambassador", "lodged a protest") and the state subjects that perform them.</summary>
static class StateActs
{
    /// <summary>"expelled the ambassador", "closed its border", "lodged a protest", "played down the incident": acts of
    /// state that annotators attribute to the state that is their subject, as they do verbs of saying (not passives).</summary>
    public static bool StateAct(List<Token> t, int i)
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
    public static bool StateSubject(Sentence s, int a, int b)
    {
        var t = s.Tokens;
        // "Saudi Arabia and Iran reopened consulates": two states acting together relate them, neither speaks
        for (int k = a; k < b; k++) if (t[k].Is("and") || t[k].Is("&")) return false;
        foreach (var m in s.Mentions)
            if (m.TokStart >= a && m.TokEnd <= b && m.Country is not null && m.Kind is ActorKind.Country or ActorKind.Capital or ActorKind.Institution
                && !(m.TokStart > a && t[m.TokStart - 1].Norm is "in" or "at" or "from" or "to" or "with" or "against" or "between" or "of" or "on"))
                return true;
        return false;
    }
}
