using System.Globalization;
using System.Text;

namespace TensionTracker.Text.Extraction;

public enum TokenKind { Word, Possessive, Punct, Quote }

/// <summary>A token of news prose with its offsets; <see cref="Norm"/> is the key the gazetteer is indexed by.</summary>
public readonly record struct Token(int Start, int End, TokenKind Kind, string Norm, bool Cap)
{
    /// <summary>Glued to the previous word by a hyphen: the "te" of "Lai Ching-te", the "un" of "Kim Jong-un".</summary>
    public bool Hyphenated { get; init; }

    public bool Is(string norm) => Norm == norm;
    public bool IsWord => Kind == TokenKind.Word;
}

/// <summary>
/// A single-pass tokenizer (no regex): words keep internal dots ("U.S.") and apostrophes ("Sa'ar"), split on hyphens
/// so "Russia-Ukraine" yields two countries, and split a possessive "'s" into its own token so
/// "Colombia's Foreign Ministry" can be matched as Colombia + 's + Foreign Ministry. The gazetteer tokenizes its names the
/// same way, so keys and text agree.
/// </summary>
public static class Tokens
{
    public static List<Token> Tokenize(string text, int start = 0, int end = -1)
    {
        if (end < 0) end = text.Length;
        var list = new List<Token>(Math.Max(8, (end - start) / 5));
        Tokenize(text, start, end, list);
        return list;
    }

    public static void Tokenize(string text, int start, int end, List<Token> list)
    {
        int i = start;
        while (i < end)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (char.IsLetterOrDigit(c))
            {
                int s = i;
                i++;
                while (i < end)
                {
                    char d = text[i];
                    if (char.IsLetterOrDigit(d)) { i++; continue; }
                    // internal dot or apostrophe joins letters ("U.S", "Sa'ar", "3.5"), but "'s" at the end is a possessive
                    if ((d == '.' || d == '\'' || d == '\u2019') && i + 1 < end && char.IsLetterOrDigit(text[i + 1]))
                    {
                        if (d != '.' && IsPossessiveAt(text, i, end)) break;
                        i++;
                        continue;
                    }
                    break;
                }
                bool hy = s >= 2 && text[s - 1] is '-' or '\u2010' or '\u2011' && char.IsLetter(text[s - 2]);
                list.Add(new Token(s, i, TokenKind.Word, Normalize(text, s, i), char.IsUpper(c)) { Hyphenated = hy });
                continue;
            }
            if ((c == '\'' || c == '\u2019') && IsPossessiveAt(text, i, end))
            {
                list.Add(new Token(i, i + 2, TokenKind.Possessive, "'s", false));
                i += 2;
                continue;
            }
            if (c is '"' or '\u201C' or '\u201D' or '\u00AB' or '\u00BB' or '\u2018' or '\u2019' or '\'')
            {
                list.Add(new Token(i, i + 1, TokenKind.Quote, c.ToString(), false));
                i++;
                continue;
            }
            if (c == '-' || c == '\u2010' || c == '\u2011') { i++; continue; } // hyphens separate words, carry no meaning
            list.Add(new Token(i, i + 1, TokenKind.Punct, PunctNorm(c), false));
            i++;
        }
    }

    static bool IsPossessiveAt(string t, int i, int end) =>
        i + 1 < end && (t[i + 1] == 's' || t[i + 1] == 'S') && (i + 2 >= end || !char.IsLetterOrDigit(t[i + 2]))
        && i > 0 && char.IsLetter(t[i - 1]);

    static string PunctNorm(char c) => c switch
    {
        '\u2014' or '\u2013' => "--",
        '\u2026' => "...",
        _ => c.ToString(),
    };

    // Token norms repeat across articles ("said", "the", "minister"): one shared string each, found by span without
    // allocating. Bounded so that a flood of unusual words cannot grow it without limit.
    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Interned = new(StringComparer.Ordinal);
    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> InternedBySpan =
        Interned.GetAlternateLookup<ReadOnlySpan<char>>();
    const int MaxInterned = 200_000;

    /// <summary>Lower case, no dots, no diacritics, apostrophes unified: "U.S." -> "us", "Bogotá" -> "bogota".</summary>
    public static string Normalize(string text, int s, int e)
    {
        if (e - s <= 48)
        {
            Span<char> buf = stackalloc char[48];
            int n = 0;
            for (int k = s; k < e; k++)
            {
                char ch = text[k];
                if (ch > 127) return NormalizeSlow(text, s, e);
                if (ch == '.') continue;
                buf[n++] = char.ToLowerInvariant(ch);
            }
            var span = buf[..n];
            if (InternedBySpan.TryGetValue(span, out var hit)) return hit;
            var str = span.ToString();
            if (Interned.Count < MaxInterned) Interned.TryAdd(str, str);
            return str;
        }
        return NormalizeSlow(text, s, e);
    }

    static string NormalizeSlow(string text, int s, int e)
    {
        var sb = new StringBuilder(e - s);
        for (int k = s; k < e; k++)
        {
            char ch = text[k];
            if (ch == '.') continue;
            if (ch == '\u2019') ch = '\'';
            if (ch > 127) { sb.Append(Fold(ch)); continue; }
            sb.Append(char.ToLowerInvariant(ch));
        }
        return sb.ToString();
    }

    static string Fold(char ch)
    {
        switch (ch)
        {
            case 'ß': return "ss";
            case 'ł': case 'Ł': return "l";
            case 'đ': case 'Đ': return "d";
            case 'ø': case 'Ø': return "o";
            case 'ı': return "i";
        }
        var d = ch.ToString().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(2);
        foreach (var x in d)
            if (CharUnicodeInfo.GetUnicodeCategory(x) != UnicodeCategory.NonSpacingMark) sb.Append(char.ToLowerInvariant(x));
        return sb.ToString();
    }

    /// <summary>The normalised key of a name: its tokens' norms joined by spaces, quotes and punctuation dropped.</summary>
    public static string Key(string name)
    {
        var toks = Tokenize(name);
        return string.Join(' ', toks.Where(t => t.Kind is TokenKind.Word or TokenKind.Possessive).Select(t => t.Norm));
    }
}
