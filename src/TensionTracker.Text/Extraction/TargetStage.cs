using static TensionTracker.Text.Extraction.PhraseBounds;
using static TensionTracker.Text.Extraction.PhraseWords;
using static TensionTracker.Text.Extraction.SpeechCues;
using static TensionTracker.Text.Extraction.StateActs;

namespace TensionTracker.Text.Extraction;

/// <summary>
/// Stage 5, targets: for each sentence with a speaker, the countries it is about (never the speaker's own); for narration,
/// the countries it relates. Gives the statements, with captions and repeats shown as the statement they repeat.
/// </summary>
sealed class TargetStage
{
    readonly ArticleFacts _article;
    readonly List<Sentence> _sentences;
    readonly string[]?[] _targets; // as built, so the speaker's next sentence can continue them

    TargetStage(ArticleFacts article, List<Sentence> sentences)
    {
        _article = article;
        _sentences = sentences;
        _targets = new string[]?[sentences.Count];
    }

    string[] MainPair => _article.MainPair;

    public static List<ExtractedStatement> Read(ArticleFacts article, List<Sentence> sentences, bool includeUncounted)
    {
        var stage = new TargetStage(article, sentences);
        var list = new List<ExtractedStatement>();
        for (int i = 0; i < sentences.Count; i++)
        {
            article.Cancellation.ThrowIfCancellationRequested();
            var s = sentences[i];
            if (!s.Counted && !includeUncounted) continue;
            if (!s.Counted && s.Speaker is null && stage.Source(i) is int src and >= 0)
            {
                // a pull quote or headline repeating the body: shown with the statement it repeats
                var orig = stage.Build(src);
                if (orig is not null)
                {
                    list.Add(orig with { Start = s.Span.Start, Length = s.Span.Length, Text = article.Text.Substring(s.Span.Start, s.Span.Length), Section = s.Span.Section, Counted = false });
                    continue;
                }
            }
            var st = stage.Build(i);
            if (st is not null) list.Add(st);
            // "Argentina and Britain agreed to ...": the same act the other way
            if (st is not null && s.Speaker?.Partner is { } partner && stage.Build(i, partner) is { } back) list.Add(back);
        }
        return list;
    }

    ExtractedStatement? Build(int index, Speaker? partner = null)
    {
        var s = _sentences[index];
        var sp = partner ?? s.Speaker;
        var explicitTargets = new List<string>();
        foreach (var m in s.Mentions)
        {
            if (m.Country is null) continue;
            if (sp is not null && m.TokStart >= sp.TokFrom && m.TokEnd <= sp.TokTo && sp.TokTo > sp.TokFrom
                && (sp.Country is null || !AfterRelationalPreposition(s, m.TokStart))) continue;
            // "in Geneva" is where, but "in Beijing-run camps" uses the place as an adjective of a noun
            if (m.Kind is ActorKind.Capital or ActorKind.Institution or ActorKind.Place && Locative(s, m.TokStart) && !(sp is { Territorial: true } && m.Kind != ActorKind.Institution)
                && !(m.TokEnd < s.Tokens.Count && s.Tokens[m.TokEnd].IsWord && !s.Tokens[m.TokEnd].Cap && !ClauseWord(s.Tokens[m.TokEnd].Norm))) continue;
            // "a London-based consultancy", "the Comoros-flagged tanker": where someone sits or a ship is registered, not a party
            if (m.TokEnd < s.Tokens.Count && s.Tokens[m.TokEnd].Hyphenated && s.Tokens[m.TokEnd].Norm is "based" or "flagged" or "registered" or "headquartered") continue;
            // "at a summit in Egypt", "talks in Qatar": the venue of a meeting, not a party to it
            if (m.Kind == ActorKind.Country && m.TokStart >= 2 && s.Tokens[m.TokStart - 1].Is("in")
                && s.Tokens[m.TokStart - 2].Norm is "summit" or "talks" or "meeting" or "conference" or "forum" or "negotiations" or "ceremony") continue;
            // "an economic zone the size of Mexico": a yardstick, not a party
            if (m.TokStart >= 2 && s.Tokens[m.TokStart - 1].Is("of") && s.Tokens[m.TokStart - 2].Norm is "size" or "area"
                && !(m.TokEnd < s.Tokens.Count && s.Tokens[m.TokEnd].Kind == TokenKind.Possessive)) continue; // "the size of Iran's stockpile" is Iran's
            if (!explicitTargets.Contains(m.Country)) explicitTargets.Add(m.Country);
        }
        string[] targets;
        bool direct;
        if (sp is null)
        {
            // narration counts only when it relates two countries, named or as "the two countries" of the main pair
            if (MainPair.Length == 2 && MentionsBothSides(s))
                foreach (var c in MainPair) if (!explicitTargets.Contains(c)) explicitTargets.Add(c);
            if (explicitTargets.Count < 2) return null;
            targets = [.. explicitTargets];
            direct = true;
        }
        else
        {
            // "urged both governments to talk", "offered to host the two sides": the article's pair, whoever else is named
            if (MainPair.Length == 2 && MentionsBothSides(s))
                foreach (var c in MainPair) if (!explicitTargets.Contains(c)) explicitTargets.Add(c);
            // the speaker's own country is never a target; with no other country named, the statement is about the
            // speaker's counterpart in the article's main pair, or about nobody (a country speaking about itself)
            var others = explicitTargets.Where(c => c != sp.Country).ToArray();
            // an analyst naming one side of the article's pair is talking about the pair
            if (sp.Country is null && sp.Role == SpeakerRoles.Analyst && others.Length > 0 && MainPair.Length == 2 && others.All(MainPair.Contains))
                others = [.. others, .. MainPair.Where(c => !others.Contains(c))];
            if (others.Length > 0) { targets = others; direct = true; }
            else
            {
                direct = false;
                // a speaker who goes on without naming anyone is still talking about whom they just named
                if (PreviousBySameSpeaker(index) is int prev and >= 0 && _targets[prev] is { Length: > 0 } continued) targets = continued;
                else if (sp.Country is not null && MainPair.Length == 2 && MainPair.Contains(sp.Country))
                    targets = [MainPair[0] == sp.Country ? MainPair[1] : MainPair[0]];
                else if (MainPair.Length == 2 && (sp.Country is null || !MainPair.Contains(sp.Country))) targets = [.. MainPair]; // a third party on the dispute
                else targets = [];
            }
        }
        _targets[index] = targets;
        return new ExtractedStatement(s.Span.Start, s.Span.Length, _article.Text.Substring(s.Span.Start, s.Span.Length), s.Span.Section,
            sp?.Text, sp?.Role ?? SpeakerRoles.Unattributed, sp?.Country, targets, direct) { Counted = s.Counted, Narrated = sp?.Narrated ?? false };
    }

    /// <summary>The index of the sentence before, when the same speaker said it in the same or the previous paragraph, else -1.</summary>
    int PreviousBySameSpeaker(int i)
    {
        var s = _sentences[i];
        for (int k = i - 1; k >= 0; k--)
        {
            var p = _sentences[k];
            if (p.Span.Section != Sections.Body || !p.Counted || p.Speaker is null) continue;
            if (s.Span.Paragraph - p.Span.Paragraph > 1) return -1;
            return p.Speaker.Text == s.Speaker!.Text && p.Speaker.Country == s.Speaker.Country ? k : -1;
        }
        return -1;
    }

    /// <summary>The index of the counted sentence a caption or repeat copies, else -1.</summary>
    int Source(int index)
    {
        var dup = _sentences[index];
        var n = Segmenter.Norm(_article.Text, dup.Span.Start, dup.Span.End);
        if (n.Length < 10) return -1;
        return _sentences.FindIndex(x => x.Counted && !ReferenceEquals(x, dup) && Segmenter.Norm(_article.Text, x.Span.Start, x.Span.End).Contains(n, StringComparison.Ordinal));
    }

    static bool AfterRelationalPreposition(Sentence s, int i)
    {
        int k = i - 1;
        if (k >= 0 && s.Tokens[k].Is("the")) k--;
        return k >= 0 && s.Tokens[k].Norm is "to" or "for" or "on" or "with";
    }

    static bool MentionsBothSides(Sentence s)
    {
        var t = s.Tokens;
        for (int i = 0; i + 1 < t.Count; i++)
            if (t[i].Norm is "two" or "both" or "either" && t[i + 1].Norm is "countries" or "sides" or "side" or "governments" or "capitals" or "nations" or "neighbours" or "neighbors" or "leaders"
                // "the two brotherly countries", "both neighbouring states": one adjective between
                || t[i].Norm is "two" or "both" && i + 2 < t.Count && t[i + 1].IsWord && !t[i + 1].Cap && t[i + 2].Norm is "countries" or "nations" or "neighbours" or "neighbors" or "states" or "governments"
                || t[i].Norm is "bilateral")
                return true;
        return false;
    }

    static bool Locative(Sentence s, int i)
    {
        int k = i - 1;
        if (k >= 0 && s.Tokens[k].Is("the")) k--;
        return k >= 0 && s.Tokens[k].Norm is "in" or "at" or "inside" or "outside" or "near";
    }

    static bool ClauseWord(string norm) => norm is "that" or "but" or "on" or "to" or "for" or "with" or "by"
        or "from" or "of" or "in" or "at" or "last" or "this" or "after" or "before" or "since" or "until" or "when" or "where"
        or "while" or "as" or "which" or "who" or "is" or "was" or "were" or "are" or "has" or "had" or "have" or "will" or "would";
}
