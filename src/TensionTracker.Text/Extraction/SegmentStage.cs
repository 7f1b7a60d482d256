namespace TensionTracker.Text.Extraction;

/// <summary>Stage 1, segments: the article's sentences (headline, body, captions), their tokens, and which tokens are quoted.</summary>
static class SegmentStage
{
    public static List<Sentence> Read(string text, string title, string body, CancellationToken cancellation)
    {
        var sentences = new List<Sentence>();
        foreach (var s in Segmenter.Split(title, body, cancellation))
        {
            cancellation.ThrowIfCancellationRequested();
            var tokens = Tokens.Tokenize(text, s.Start, s.End);
            sentences.Add(new Sentence(s, tokens, QuoteMask(text, tokens, s.StartsInQuote)));
        }
        return sentences;
    }

    static bool[] QuoteMask(string text, List<Token> tokens, bool startsInQuote)
    {
        var mask = new bool[tokens.Count];
        bool dq = startsInQuote, sq = false; // double and single quotes apart: 'Rules of the Road' inside "..."
        for (int i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Kind == TokenKind.Quote)
            {
                char c = text[t.Start];
                if (c is '\u201C' or '\u00AB') dq = true;
                else if (c is '\u201D' or '\u00BB') dq = false;
                else if (c == '"') dq = !dq;
                // British single quotes: an opening mark before a letter, a closing one only when a quote is open
                else if (c is '\'' or '\u2018' && t.Start + 1 < text.Length && char.IsLetter(text[t.Start + 1])
                         && (t.Start == 0 || !char.IsLetterOrDigit(text[t.Start - 1]))) sq = true;
                else if (c is '\'' or '\u2019' && sq && (t.Start + 1 >= text.Length || !char.IsLetter(text[t.Start + 1]))) sq = false;
                mask[i] = false;
                continue;
            }
            mask[i] = dq || sq;
        }
        return mask;
    }
}
