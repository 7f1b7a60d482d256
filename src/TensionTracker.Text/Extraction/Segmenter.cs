using System.Text;

namespace TensionTracker.Text.Extraction;

/// <summary>
/// A sentence of the article: [Start, End) into <see cref="ArticleDocument.Text"/>. <see cref="QuoteGroup"/> is shared by
/// the sentences of one quotation (which may span sentences and paragraphs) so attribution found in one reaches all.
/// <see cref="Duplicate"/> marks a pull quote or a headline that repeats the body: shown, never counted twice.
/// </summary>
public sealed record Segment(int Start, int End, string Section, int Paragraph, bool Duplicate, int QuoteGroup, bool StartsInQuote)
{
    public int Length => End - Start;
}

/// <summary>
/// Rule-based sentence segmentation for news prose, single pass over characters (no regex). Abbreviations that never end
/// a sentence ("Mr.", "Sen.", "Gen.", "Jan.", initials) never split; abbreviations that may ("U.S.", "p.m.", "Ky.", "Inc.")
/// split only before a word that typically starts a sentence.
/// </summary>
public static class Segmenter
{
    static readonly HashSet<string> NeverFinal = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "sen", "sens", "rep", "reps", "gen", "lt", "col", "maj", "capt", "cmdr", "adm", "sgt", "cpl",
        "gov", "govs", "pres", "prof", "rev", "st", "sr", "hon", "amb", "atty", "supt", "insp", "brig", "mt", "ft", "vs", "v",
        "no", "nos", "fig", "vol", "pp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "approx", "dept", "est", "messrs", "mme", "mlle", "msgr", "fr", "gens", "lieut", "cdr", "pvt", "spc", "sec", "secs",
        "e.g", "i.e", "cf", "al",
    };

    // May end a sentence, or not: "the U.S. The ministry ..." vs "the U.S. Navy ...".
    static readonly HashSet<string> MaybeFinal = new(StringComparer.OrdinalIgnoreCase)
    {
        "jr", "inc", "corp", "co", "ltd", "llc", "plc", "bros", "etc", "ala", "ariz", "ark", "calif", "colo", "conn", "del",
        "fla", "ga", "ill", "ind", "kan", "kans", "ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb",
        "nev", "okla", "ore", "pa", "tenn", "tex", "va", "vt", "wash", "wis", "wyo", "ida", "ore", "p.m", "a.m",
    };

    static readonly HashSet<string> Starters = new(StringComparer.Ordinal)
    {
        "The", "He", "She", "It", "They", "We", "I", "You", "But", "And", "In", "On", "A", "An", "This", "That", "These",
        "Those", "His", "Her", "Their", "Its", "Our", "After", "As", "At", "For", "However", "Meanwhile", "Mr.", "Ms.", "Mrs.",
        "If", "When", "While", "There", "Officials", "Earlier", "Later", "Last", "On", "By", "With", "Since", "Both", "Some",
        "Many", "Most", "Still", "Yet", "So", "Asked", "According", "Under", "Despite", "Over", "Speaking", "Neither", "No",
    };

    static readonly string[] CaptionPrefixes =
        ["photo:", "photo by", "photos:", "caption:", "pictured:", "image:", "video:", "watch:", "credit:", "photograph:",
         "file photo", "(photo", "(ap photo", "(reuters", "above:", "top:", "graphic:", "illustration:", "read more:", "related:"];

    /// <summary>The segments of an article; <paramref name="cancellation"/> is checked once a line and once a paragraph.</summary>
    public static List<Segment> Split(string title, string body, CancellationToken cancellation = default)
    {
        var text = ArticleDocument.Text(title, body);
        var segs = new List<Segment>();
        int group = 0;
        // 1. the headline is one segment of its own, whatever punctuation it carries
        var (hs, he) = Trim(text, 0, title.Length);
        if (he > hs) segs.Add(new Segment(hs, he, Sections.Headline, -1, false, group++, false));

        // 2. the body: paragraphs are blocks of lines; caption and bullet lines stand alone
        int bodyStart = ArticleDocument.BodyOffset(title);
        int para = 0;
        int pos = bodyStart;
        int blockStart = -1, blockEnd = -1;
        bool openQuote = false;
        while (pos <= text.Length)
        {
            cancellation.ThrowIfCancellationRequested();
            int eol = pos < text.Length ? text.IndexOf('\n', pos) : -1;
            if (eol < 0) eol = text.Length;
            var (ls, le) = Trim(text, pos, eol);
            bool blank = le <= ls;
            bool caption = !blank && IsCaption(text, ls, le);
            int bulletBody = !blank && !caption ? BulletBody(text, ls, le) : -1;
            if (blank || caption || bulletBody >= 0)
            {
                if (blockStart >= 0) { SplitSentences(text, blockStart, blockEnd, Sections.Body, para++, segs, ref group, ref openQuote); blockStart = -1; }
                if (caption) segs.Add(new Segment(ls, le, Sections.Caption, para++, false, group++, false)); // one line, one unit
                else if (bulletBody >= 0) SplitSentences(text, bulletBody, le, Sections.Body, para++, segs, ref group, ref openQuote);
            }
            else
            {
                if (blockStart < 0) blockStart = ls;
                blockEnd = le;
            }
            if (eol >= text.Length) break;
            pos = eol + 1;
        }
        if (blockStart >= 0) SplitSentences(text, blockStart, blockEnd, Sections.Body, para, segs, ref group, ref openQuote);
        MarkDuplicates(text, segs, cancellation);
        return segs;
    }

    static (int, int) Trim(string t, int s, int e)
    {
        while (s < e && char.IsWhiteSpace(t[s])) s++;
        while (e > s && char.IsWhiteSpace(t[e - 1])) e--;
        return (s, e);
    }

    static bool IsCaption(string t, int s, int e)
    {
        var span = t.AsSpan(s, e - s);
        if (span[0] == '[' && span[^1] == ']') return true;
        foreach (var p in CaptionPrefixes)
            if (span.StartsWith(p, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>Start of a bullet's text, or -1 when the line is not a bullet ("- ", "* ", "• ", "1. ", "2) ").</summary>
    static int BulletBody(string t, int s, int e)
    {
        char c = t[s];
        if (c is '-' or '*' or '\u2022' or '\u2013' or '\u00B7' or '\u25AA' && s + 1 < e && t[s + 1] == ' ') return Trim(t, s + 1, e).Item1;
        int k = s;
        while (k < e && char.IsAsciiDigit(t[k]) && k - s < 3) k++;
        if (k > s && k + 1 < e && (t[k] == '.' || t[k] == ')') && t[k + 1] == ' ') return Trim(t, k + 1, e).Item1;
        return -1;
    }

    static void SplitSentences(string t, int s, int e, string section, int para, List<Segment> segs, ref int group, ref bool openQuote)
    {
        // a quotation left open at the end of a paragraph continues only if the next paragraph opens a quote again
        if (openQuote && !(IsDoubleQuote(t[s]))) openQuote = false;
        int depth = 0;          // inside "..." (double quotes) in this paragraph
        bool single = false;    // inside '...' / ‘...’ (British style or quote in quote)
        int sentStart = s;
        bool startsIn = openQuote;
        if (openQuote) { depth = 0; } // the re-opening quote mark sets depth below
        int curGroup = openQuote ? group - 1 : group++;
        for (int i = s; i < e; i++)
        {
            char c = t[i];
            if (c == '\u201C') depth++;
            else if (c == '\u201D') depth = Math.Max(0, depth - 1);
            else if (c == '"') depth = depth > 0 ? depth - 1 : 1;
            else if (c is '\u2018' or '\'' && (i == s || !char.IsLetterOrDigit(t[i - 1])) && i + 1 < e && char.IsLetter(t[i + 1])) single = true;
            else if (c is '\u2019' or '\'' && single && (i + 1 >= e || !char.IsLetter(t[i + 1]))) single = false;
            if (c is not ('.' or '!' or '?' or '\u2026')) continue;
            int j = i + 1;
            while (j < e && (t[j] == '.' || t[j] == '\u2026')) j++;
            while (j < e && t[j] is '"' or '\u201D' or '\u2019' or '\'' or ')' or ']')
            {
                if (t[j] == '\u201D' || t[j] == '"') depth = Math.Max(0, depth - 1);
                if (t[j] is '\u2019' or '\'') single = false;
                j++;
            }
            if (j < e && !char.IsWhiteSpace(t[j])) { i = j - 1; continue; }
            int k = j;
            while (k < e && char.IsWhiteSpace(t[k])) k++;
            if (k < e && !IsBoundary(t, i, k, e)) { i = j - 1; continue; }
            Add(t, sentStart, j, section, para, segs, curGroup, startsIn);
            sentStart = k;
            startsIn = depth > 0 || single;
            if (!startsIn) curGroup = group++;
            i = j - 1;
        }
        if (sentStart < e) Add(t, sentStart, e, section, para, segs, curGroup, startsIn);
        openQuote = depth > 0;
    }

    static bool IsDoubleQuote(char c) => c is '"' or '\u201C';

    static void Add(string t, int s, int e, string section, int para, List<Segment> segs, int grp, bool startsIn)
    {
        var (a, b) = Trim(t, s, e);
        if (b > a) segs.Add(new Segment(a, b, section, para, false, grp, startsIn));
    }

    /// <summary>Does the terminal character at <paramref name="i"/> end a sentence, given the next text starts at <paramref name="k"/>?</summary>
    static bool IsBoundary(string t, int i, int k, int e)
    {
        char next = t[k];
        if (char.IsLower(next)) return false; // "Why?" he asked. / "... and then"
        if (t[i] != '.') return true;
        if (i + 1 < e && t[i + 1] == '.') return true; // ellipsis before a capital
        int w = i;
        while (w > 0 && (char.IsLetterOrDigit(t[w - 1]) || t[w - 1] == '.' || t[w - 1] == '\'')) w--;
        var word = t.AsSpan(w, i - w);
        if (word.Length == 0) return true;
        // an initial ("John F. Kennedy", "R., Ky."), unless a lower-case word comes before it: "wrote on X. He added"
        if (word.Length == 1 && char.IsUpper(word[0])) return AfterLowerCaseWord(t, w) && char.IsUpper(next);
        var key = word.ToString();
        if (NeverFinal.Contains(key)) return false;
        bool dotted = key.Contains('.');
        if (dotted || MaybeFinal.Contains(key))
        {
            if (next is '"' or '\u201C' or '\u2018') return true;
            int we = k;
            while (we < e && (char.IsLetter(t[we]) || t[we] == '.')) we++;
            return Starters.Contains(t[k..we]);
        }
        return char.IsUpper(next) || char.IsDigit(next) || next is '"' or '\u201C' or '\u2018' or '(' or '[' or '\'';
    }

    static bool AfterLowerCaseWord(string t, int w)
    {
        int p = w - 1;
        if (p < 0 || t[p] != ' ') return false;
        while (p > 0 && t[p - 1] == ' ') p--;
        int q = p;
        while (q > 0 && char.IsLetter(t[q - 1])) q--;
        // "by J. Smith", "told J. Smith", "Kim and J. Park": words that may come before a name
        return q < p && char.IsLower(t[q]) && t.AsSpan(q, p - q) is not ("by" or "and" or "or" or "said" or "says" or "told" or "to" or "with" or "from" or "for" or "as");
    }

    // ---- duplicates: pull quotes and a headline repeating the body ----------------------------------------------

    static void MarkDuplicates(string text, List<Segment> segs, CancellationToken cancellation)
    {
        var byPara = segs.Where(s => s.Section == Sections.Body).GroupBy(s => s.Paragraph)
            .Select(g => (Para: g.Key, Start: g.Min(x => x.Start), End: g.Max(x => x.End))).ToList();
        var norms = byPara.Select(p => Norm(text, p.Start, p.End)).ToList();
        // a pull quote's own words: without a label before it ("Pull quote:") or a signature after a dash ('" — Jane Doe')
        var quoted = byPara.Select((p, k) => QuotedPart(text, p.Start, p.End) is var (qs, qe) ? Norm(text, qs, qe) : norms[k]).ToList();
        var dupParas = new HashSet<int>();
        for (int a = 0; a < byPara.Count; a++)
        {
            cancellation.ThrowIfCancellationRequested();
            if (quoted[a].Length < 20 || byPara[a].End - byPara[a].Start > 400) continue;
            for (int b = 0; b < byPara.Count; b++)
            {
                if (a == b || dupParas.Contains(b)) continue;
                bool same = norms[a] == norms[b];
                // a short standalone paragraph whose words all appear, in order, inside a longer one is a pull quote
                if ((same && a > b) || (!same && norms[b].Length > quoted[a].Length && norms[b].Contains(quoted[a], StringComparison.Ordinal)))
                { dupParas.Add(byPara[a].Para); break; }
            }
        }
        var bodyNorm = string.Join(" | ", norms);
        for (int i = 0; i < segs.Count; i++)
        {
            var s = segs[i];
            if (s.Section == Sections.Body && dupParas.Contains(s.Paragraph)) segs[i] = s with { Duplicate = true };
            else if (s.Section == Sections.Headline && HeadlineRepeatsBody(text, s, bodyNorm)) segs[i] = s with { Duplicate = true };
        }
    }

    /// <summary>'Pull quote: "..." — Jane Doe, minister': the span inside the quotation marks when the paragraph is one
    /// quotation with at most a short label before it and a signature after a dash, else null.</summary>
    static (int, int)? QuotedPart(string text, int start, int end)
    {
        int open = -1;
        for (int i = start; i < end && i - start <= 20; i++) if (text[i] is '"' or '\u201C') { open = i; break; }
        if (open < 0) return null;
        for (int i = open + 1; i + 1 < end; i++)
            if (text[i] is '"' or '\u201D')
            {
                int d = i + 1;
                while (d < end && text[d] == ' ') d++;
                return d < end && text[d] is '\u2014' or '\u2013' ? (open + 1, i) : null;
            }
        return null;
    }

    static bool HeadlineRepeatsBody(string text, Segment h, string bodyNorm)
    {
        var hn = Norm(text, h.Start, h.End);
        if (hn.Length >= 20 && bodyNorm.Contains(hn, StringComparison.Ordinal)) return true;
        // a quoted fragment of four or more words in the headline that the body quotes too
        int q = -1;
        for (int i = h.Start; i < h.End; i++)
        {
            if (text[i] is '"' or '\u201C' or '\u201D' or '\u2018' or '\u2019' && (text[i] is not '\u2019' || i + 1 >= h.End || !char.IsLetter(text[i + 1])))
            {
                if (q < 0) { q = i + 1; continue; }
                var frag = Norm(text, q, i);
                if (frag.Count(ch => ch == ' ') >= 3 && bodyNorm.Contains(frag, StringComparison.Ordinal)) return true;
                q = -1;
            }
        }
        return false;
    }

    /// <summary>Letters and digits, lower case, single spaces: the form compared for duplicates.</summary>
    public static string Norm(string t, int s, int e)
    {
        // Never longer than the input (a space stands for at least one dropped character): a stack buffer for a
        // statement, one array for a whole body, and no StringBuilder.
        var buffer = e - s <= 1024 ? stackalloc char[e - s] : new char[e - s];
        int n = 0;
        bool space = false;
        for (int i = s; i < e; i++)
        {
            char c = t[i];
            if (char.IsLetterOrDigit(c)) { if (space && n > 0) buffer[n++] = ' '; buffer[n++] = char.ToLowerInvariant(c); space = false; }
            else if (c is not ('\'' or '\u2019')) space = true;
        }
        return new string(buffer[..n]);
    }
}
