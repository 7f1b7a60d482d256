namespace TensionTracker.Text.Extraction;

/// <summary>
/// What opens a sentence before its subject and is never anyone's name: a time phrase ("Days earlier", "Last week",
/// "Earlier this month", "On Monday"), a connective or hedge ("Still,", "Meanwhile", "Instead"), or a subordinating
/// conjunction ("While experts said ..., Washington ..."), capitalised only because it comes first.
/// </summary>
static class SentenceOpenings
{
    static readonly HashSet<string> Connectives = new(StringComparer.Ordinal)
    {
        "still", "however", "meanwhile", "yet", "but", "and", "so", "also", "moreover", "indeed", "nevertheless", "nonetheless",
        "instead", "separately", "then", "now", "earlier", "later", "previously", "recently", "today", "yesterday", "tonight",
        "overnight", "afterwards", "afterward", "eventually", "finally", "initially", "ultimately", "similarly", "likewise",
        "notably", "meantime", "perhaps", "maybe", "apparently", "reportedly", "publicly", "privately", "elsewhere", "again",
        "thus", "therefore", "otherwise", "besides", "furthermore", "first", "second", "third", "lastly", "in", "on", "at",
        "by", "for", "over", "within", "during", "until", "ago", "this", "that", "last", "next", "the", "same", "few", "several",
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "a", "an", "one", "morning", "afternoon", "evening",
    };

    static readonly HashSet<string> Subordinators = new(StringComparer.Ordinal)
    {
        "while", "whereas", "although", "though", "as", "if", "when", "after", "before", "since", "because", "once", "until",
        "unless", "whether", "despite",
    };

    static readonly HashSet<string> Weekdays = new(StringComparer.Ordinal)
        { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" };

    /// <summary>Time words, in either number: "days earlier", "hours later", "weeks ago", "last month".</summary>
    public static bool IsTimeWord(string norm) =>
        RoleWords.TimeNouns.Contains(norm) || Weekdays.Contains(norm)
        || norm is "days" or "weeks" or "months" or "years" or "hours" or "minutes" or "moments" or "decades" or "day" or "hour"
            or "nights" or "weekends" or "minute" or "moment";

    /// <summary>A connective or hedge word ("still", "meanwhile", "earlier"), not the start of a name.</summary>
    public static bool IsConnective(string norm) => Connectives.Contains(norm) && !(norm is "in" or "on" or "at" or "by" or "for" or "over" or "within"
        or "during" or "until" or "ago" or "this" or "that" or "the" or "a" or "an" or "one" or "same" or "few" or "several");

    /// <summary>
    /// The first token after an opening that starts at <paramref name="start"/>: a connective or hedge alone ("Still,",
    /// "Meanwhile") or a time phrase ("Days earlier,", "Last week", "Earlier this month", "On Monday,"), with its comma;
    /// <paramref name="start"/> itself when none opens there. Call it only at a sentence's first word (or after a dateline),
    /// where a capital says nothing about a name.
    /// </summary>
    public static int Skip(List<Token> t, int start, int end)
    {
        int k = start;
        bool time = false;
        while (k < end && t[k].IsWord && (Connectives.Contains(t[k].Norm) || IsTimeWord(t[k].Norm) || IsYear(t[k]))
               && (k == start || !t[k].Cap || IsTimeWord(t[k].Norm)))
        {
            time |= IsTimeWord(t[k].Norm) || IsYear(t[k]);
            k++;
        }
        if (k == start || !time && !(k - start == 1 && IsConnective(t[start].Norm))) return start;
        if (k < end && t[k].Is(",")) k++;
        return k;
    }

    /// <summary>"While experts said ...": a subordinating conjunction as the first word.</summary>
    public static bool IsSubordinator(Token t) => t.IsWord && Subordinators.Contains(t.Norm);

    static bool IsYear(Token t) => t.Norm.Length == 4 && t.Norm.All(char.IsAsciiDigit);
}
