using System.Text;

namespace TensionTracker.Text.Normalisation;

/// <summary>
/// Two rules on normalised text, kept apart from <see cref="ArticleText.Normalise"/>: the bidirectional embedding,
/// override and isolate controls are removed (they reorder what a reader sees, so a headline can display other than
/// it reads; U+202A-U+202E, U+2066-U+2069), and a title or body must hold at least one letter. The stateless marks
/// U+200E, U+200F and U+061C stay: right-to-left text uses them legitimately and they cannot reorder a run.
/// </summary>
public static class BidiAndLetters
{
    public static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    /// <summary>
    /// Text as <see cref="ArticleText.Normalise"/> leaves it, without bidi controls: where one stood between two
    /// spaces, or alone in a paragraph, the spacing is tidied the way normalisation does.
    /// </summary>
    public static string WithoutBidiControls(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\u202A', '\u202E') && !text.AsSpan().ContainsAnyInRange('\u2066', '\u2069')) return text;
        var paragraphs = text.Split("\n\n").Select(p =>
        {
            var kept = new StringBuilder(p.Length);
            foreach (var c in p)
            {
                if (IsBidiControl(c) || c == ' ' && (kept.Length == 0 || kept[^1] == ' ')) continue;
                kept.Append(c);
            }
            return kept.ToString().TrimEnd(' ');
        });
        return string.Join("\n\n", paragraphs.Where(p => p.Length > 0));
    }

    /// <summary>At least one Unicode letter (any script, including those outside the Basic Multilingual Plane).</summary>
    public static bool HasLetter(string text)
    {
        foreach (var rune in text.EnumerateRunes())
            if (Rune.IsLetter(rune)) return true;
        return false;
    }
}
