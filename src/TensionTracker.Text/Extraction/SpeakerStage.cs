using static TensionTracker.Text.Extraction.PhraseBounds;
using static TensionTracker.Text.Extraction.PhraseWords;
using static TensionTracker.Text.Extraction.SpeechCues;
using static TensionTracker.Text.Extraction.StateActs;

namespace TensionTracker.Text.Extraction;

/// <summary>
/// Stage 3, speakers: reads the sentences in order, each with the discourse state the sentences before it left, and gives
/// each its speaker (a sentence with two attributions becomes two); then the sentences of one quotation share its speaker.
/// </summary>
static class SpeakerStage
{
    public static List<Sentence> Read(ArticleFacts article, List<Sentence> sentences)
    {
        var read = new List<Sentence>(sentences);
        var state = DiscourseState.Empty;
        int splitGroups = 0; // group numbers for parts of split sentences, below the segmenter's (which start at 0)
        for (int i = 0; i < read.Count; i++)
        {
            article.Cancellation.ThrowIfCancellationRequested();
            var s = read[i];
            // a headline is the outlet's summary, not a quotation: narration, counted when it relates two countries
            if (s.Span.Section == Sections.Headline) continue;
            var reading = new SentenceReading(article, state);
            if (SplitAttributions(reading, s, ref splitGroups) is var (first, second))
            {
                read[i] = s = first;
                read.Insert(i + 1, second); // read next, and split again if it holds a third
            }
            else read[i] = s = s with { Speaker = reading.FindSpeaker(s) };
            state = reading.After(s);
        }
        PropagateQuotes(article, read);
        return read;
    }

    /// <summary>
    /// "A spokesman for Greece's opposition said ..., and in Turkey, a nationalist leader warned ...": two speakers joined by
    /// ", and" / ", but" / ", while" / ";" become two statements, each with its own speaker.
    /// </summary>
    static (Sentence, Sentence)? SplitAttributions(SentenceReading reading, Sentence s, ref int splitGroups)
    {
        // captions too: "Kenya says the boat was Ugandan; Kampala denies it."
        if (!(s.Span.Section == Sections.Body && s.Counted || s.Span.Section == Sections.Caption)) return null;
        var t = s.Tokens;
        for (int k = 1; k + 2 < t.Count; k++)
        {
            if (s.InQuote[k] || !(t[k].Is(";") || t[k].Is(",") && t[k + 1].Norm is "and" or "but" or "while" or "whereas")) continue;
            if (!HasActiveSpeechVerb(s, 0, k) || !HasActiveSpeechVerb(s, k + 1, t.Count)) continue;
            var first = Part(s, 0, k, ref splitGroups);
            var second = Part(s, k + 1, t.Count, ref splitGroups);
            if (reading.FindSpeaker(first) is not { } a) return null;
            if (reading.FindSpeaker(second) is not { Ref: false } b) return null;
            return (first with { Speaker = a }, second with { Speaker = b });
        }
        return null;
    }

    /// <summary>A finite verb of saying outside quotes: not passive ("was summoned" names who was summoned, not a speaker)
    /// and not a participle ("expelled two diplomats, accusing them of ..." narrates an act).</summary>
    static bool HasActiveSpeechVerb(Sentence s, int from, int to)
    {
        var t = s.Tokens;
        for (int i = from + 1; i < to; i++)
            if (!s.InQuote[i] && t[i].IsWord && RoleWords.SpeechVerbs.Contains(t[i].Norm) && !t[i].Norm.EndsWith("ing", StringComparison.Ordinal)
                && t[i - 1].Norm is not ("was" or "were" or "been" or "being" or "be" or "is" or "are"))
                return true;
        return false;
    }

    /// <summary>Tokens [from, to) of a sentence as a sentence of its own, its mentions and quote mask carried over.</summary>
    static Sentence Part(Sentence s, int from, int to, ref int splitGroups)
    {
        var t = s.Tokens;
        int start = t[from].Start, end = t[to - 1].End;
        var span = s.Span with { Start = start, End = end, StartsInQuote = s.InQuote[from] };
        var tokens = t.GetRange(from, to - from);
        // a part with no quotation of its own leaves the quotation's group, so the quote's sentences keep their speaker
        if (!span.StartsInQuote && !tokens.Exists(x => x.Kind == TokenKind.Quote)) span = span with { QuoteGroup = --splitGroups };
        var mentions = new List<Resolved>();
        foreach (var m in s.Mentions)
            if (m.TokStart >= from && m.TokEnd <= to) mentions.Add(m with { TokStart = m.TokStart - from, TokEnd = m.TokEnd - from });
        return new Sentence(span, tokens, s.InQuote[from..to]) { Mentions = mentions };
    }

    static void PropagateQuotes(ArticleFacts article, List<Sentence> read)
    {
        // every sentence of one quotation has the speaker named in any of them ('"A. B," Petro said.')
        foreach (var grp in Enumerable.Range(0, read.Count).Where(i => read[i].Span.Section == Sections.Body).GroupBy(i => read[i].Span.QuoteGroup))
        {
            var sp = grp.Select(i => read[i].Speaker).LastOrDefault(x => x is not null);
            if (sp is null) continue;
            foreach (var i in grp) if (read[i].Speaker is null) read[i] = read[i] with { Speaker = sp with { TokFrom = 0, TokTo = 0 } };
        }
        // a sentence that is all quotation right after an attributed one continues that speaker
        Sentence? prev = null;
        for (int i = 0; i < read.Count; i++)
        {
            article.Cancellation.ThrowIfCancellationRequested();
            var s = read[i];
            if (s.Span.Section != Sections.Body || !s.Counted) continue;
            if (s.Speaker is null && prev?.Speaker is { } ps && s.Tokens.Count > 0 && s.Tokens[0].Kind == TokenKind.Quote
                && s.Span.Paragraph - prev.Span.Paragraph <= 1 && MostlyQuoted(s))
            {
                // and so do the following sentences of that quotation ('"Cooperation, yes. Subordination, never."'); this
                // scan is quadratic on a megabyte of quotations, which the host's crafted-input tests use as their article
                // slower than the analysis budget: make it linear together with another slow input there
                for (int g = 0; g < read.Count; g++)
                    if (read[g].Span.QuoteGroup == s.Span.QuoteGroup && read[g].Span.Section == Sections.Body && read[g].Speaker is null)
                        read[g] = read[g] with { Speaker = ps with { TokFrom = 0, TokTo = 0 } };
            }
            prev = read[i];
        }
    }

    static bool MostlyQuoted(Sentence s)
    {
        int q = 0, w = 0;
        for (int i = 0; i < s.Tokens.Count; i++) if (s.Tokens[i].IsWord) { w++; if (s.InQuote[i]) q++; }
        return w > 0 && q * 10 >= w * 8;
    }
}
