using System.Globalization;
using System.Text;

namespace TensionTracker.Deep;

/// <summary>One word piece: its vocabulary id and where it came from in the text (character offsets).</summary>
public readonly record struct WordPiece(int Id, int Start, int End);

/// <summary>
/// BERT's uncased tokenizer as all-MiniLM-L6-v2 was trained with: text cleaned, lower-cased and stripped of accents,
/// split on whitespace and punctuation, then each word cut greedily into the longest pieces of the vocabulary
/// ("##" marks a piece inside a word). Every piece keeps the character offsets of its source, so a target mention
/// (a character span) maps onto the pieces the encoder sees.
/// </summary>
public sealed class WordPieceTokenizer
{
    public const string Unknown = "[UNK]", Classifier = "[CLS]", Separator = "[SEP]", Padding = "[PAD]";
    const int MaxWordChars = 100;

    readonly Dictionary<string, int> vocabulary;
    readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup;

    public WordPieceTokenizer(IEnumerable<string> vocabularyLines)
    {
        vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in vocabularyLines)
        {
            var token = line.TrimEnd('\r', '\n');
            if (token.Length > 0) vocabulary.TryAdd(token, vocabulary.Count);
        }
        foreach (var special in new[] { Unknown, Classifier, Separator, Padding })
            if (!vocabulary.ContainsKey(special)) throw new InvalidDataException($"the vocabulary has no {special} token");
        lookup = vocabulary.GetAlternateLookup<ReadOnlySpan<char>>();
        UnknownId = vocabulary[Unknown];
        ClassifierId = vocabulary[Classifier];
        SeparatorId = vocabulary[Separator];
        PaddingId = vocabulary[Padding];
    }

    public int UnknownId { get; }
    public int ClassifierId { get; }
    public int SeparatorId { get; }
    public int PaddingId { get; }
    public int Count => vocabulary.Count;

    /// <summary>The word pieces of <paramref name="text"/>, without [CLS] and [SEP].</summary>
    public List<WordPiece> Tokenize(string text)
    {
        // Normalised characters, each with the index of the character it came from.
        var chars = new StringBuilder(text.Length);
        var origin = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0' || c == '\uFFFD' || (char.IsControl(c) && !char.IsWhiteSpace(c))) continue;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                chars.Append(c).Append(text[i + 1]);
                origin.Add(i); origin.Add(i);
                i++;
                continue;
            }
            if (char.IsWhiteSpace(c)) { chars.Append(' '); origin.Add(i); continue; }
            var lower = char.ToLowerInvariant(c);
            if (lower < 128) { chars.Append(lower); origin.Add(i); continue; }
            foreach (var d in lower.ToString().Normalize(NormalizationForm.FormD))
            {
                if (CharUnicodeInfo.GetUnicodeCategory(d) == UnicodeCategory.NonSpacingMark) continue;
                chars.Append(d); origin.Add(i);
            }
        }

        var pieces = new List<WordPiece>();
        var s = chars.ToString();
        var start = -1;
        for (var i = 0; i <= s.Length; i++)
        {
            var end = i == s.Length || s[i] == ' ';
            var split = !end && (IsPunctuation(s[i]) || IsCjk(s[i]));
            if ((end || split) && start >= 0)
            {
                AddWord(s, start, i, origin, pieces);
                start = -1;
            }
            if (split) AddWord(s, i, i + 1, origin, pieces);
            else if (!end && start < 0) start = i;
        }
        return pieces;
    }

    void AddWord(string s, int from, int to, List<int> origin, List<WordPiece> pieces)
    {
        int wordStart = origin[from], wordEnd = origin[to - 1] + 1;
        if (to - from > MaxWordChars) { pieces.Add(new(UnknownId, wordStart, wordEnd)); return; }
        var first = pieces.Count;
        Span<char> buffer = stackalloc char[MaxWordChars + 2];
        for (var at = from; at < to;)
        {
            var found = -1;
            var foundEnd = at;
            for (var end = to; end > at; end--)
            {
                var length = end - at;
                var candidate = buffer;
                if (at > from) { buffer[0] = '#'; buffer[1] = '#'; s.AsSpan(at, length).CopyTo(buffer[2..]); candidate = buffer[..(length + 2)]; }
                else { s.AsSpan(at, length).CopyTo(buffer); candidate = buffer[..length]; }
                if (lookup.TryGetValue(candidate, out var id)) { found = id; foundEnd = end; break; }
            }
            if (found < 0)
            {
                // A word with a part the vocabulary cannot spell is one unknown token, as in BERT.
                pieces.RemoveRange(first, pieces.Count - first);
                pieces.Add(new(UnknownId, wordStart, wordEnd));
                return;
            }
            pieces.Add(new(found, origin[at], origin[foundEnd - 1] + 1));
            at = foundEnd;
        }
    }

    static bool IsPunctuation(char c) =>
        c is >= '!' and <= '/' or >= ':' and <= '@' or >= '[' and <= '`' or >= '{' and <= '~'
        || char.GetUnicodeCategory(c) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;

    static bool IsCjk(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF';
}
