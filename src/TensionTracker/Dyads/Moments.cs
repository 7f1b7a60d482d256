using System.Globalization;

namespace TensionTracker.Dyads;

/// <summary>
/// Query-string times: an ISO 8601 instant, or a date meaning the end of that UTC day (its start for the beginning
/// of a period), between <see cref="Earliest"/> and <see cref="Latest"/>. The bounds keep every later step
/// (a day added, thirty days subtracted for a trend) inside the calendar.
/// </summary>
public static class Moments
{
    /// <summary>Nothing published earlier is accepted (ArticleValidation), so no question about an earlier time has an answer.</summary>
    public static readonly DateTimeOffset Earliest = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Latest = new DateTimeOffset(3000, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(-1);

    public static bool TryParse(string? text, DateTimeOffset fallback, out DateTimeOffset value, bool dateMeansEnd = true)
    {
        value = fallback;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            if (date.Year is < 1900 or > 2999) return false;
            var start = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            value = dateMeansEnd ? start.AddDays(1).AddTicks(-1) : start;
            return true;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value)
            && value >= Earliest && value <= Latest;
    }

    /// <summary>The start of a period: a date means its first instant, and any time before <see cref="Earliest"/> means Earliest.</summary>
    public static bool TryParseStart(string? text, DateTimeOffset fallback, out DateTimeOffset value)
    {
        if (TryParse(text, fallback, out value, dateMeansEnd: false)) return true;
        if (IsBeforeEarliest(text!)) { value = Earliest; return true; }
        return false;
    }

    public static IResult Invalid(string name) => Results.Problem(statusCode: 400, title: $"Invalid {name}",
        detail: $"{name} must be an ISO 8601 instant or date between {Earliest:yyyy-MM-dd} and {Latest:yyyy-MM-dd}");

    static bool IsBeforeEarliest(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date.Year < 1900
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) && instant < Earliest;
}
