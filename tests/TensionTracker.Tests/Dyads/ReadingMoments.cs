using TensionTracker.Dyads;

namespace TensionTracker.Tests.Dyads;

/// <summary>Query-string times, pure: every answer is a time inside the calendar with room for a trend's thirty days, or a refusal.</summary>
public class reading_moments
{
    static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2026-03-03", "2026-03-03T23:59:59.9999999+00:00")]
    [InlineData("2026-03-03T10:00:00Z", "2026-03-03T10:00:00+00:00")]
    [InlineData("2026-03-03T10:00:00+02:00", "2026-03-03T08:00:00+00:00")]
    [InlineData("1900-01-01", "1900-01-01T23:59:59.9999999+00:00")]
    [InlineData("2999-12-31", "2999-12-31T23:59:59.9999999+00:00")]
    public void a_date_means_the_end_of_its_utc_day_and_an_instant_itself(string text, string expected)
    {
        Assert.True(Moments.TryParse(text, Now, out var value));
        Assert.Equal(DateTimeOffset.Parse(expected), value);
        Assert.Equal(DateTimeOffset.Parse(expected).UtcDateTime, value.UtcDateTime);
        _ = value.AddDays(-30).AddDays(1).AddTicks(-1); // what the reads do with it stays inside the calendar
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("0001-01-01T00:00:00+05:00")]
    [InlineData("9999-12-31T23:59:59-05:00")]
    [InlineData("1899-12-31")]
    [InlineData("3000-01-01")]
    [InlineData("yesterday")]
    [InlineData("2026-02-30")]
    public void the_ends_of_the_calendar_and_nonsense_are_refused(string text) =>
        Assert.False(Moments.TryParse(text, Now, out _));

    [Fact]
    public void nothing_given_means_the_fallback() =>
        Assert.True(Moments.TryParse(null, Now, out var value) && value == Now && Moments.TryParse(" ", Now, out value) && value == Now);

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("1899-06-01T12:00:00Z")]
    public void the_start_of_a_period_before_1900_means_1900(string text)
    {
        Assert.True(Moments.TryParseStart(text, Now, out var value));
        Assert.Equal(Moments.Earliest, value);
    }

    [Theory]
    [InlineData("2026-03-03", "2026-03-03T00:00:00+00:00")]
    [InlineData("2026-03-03T10:00:00Z", "2026-03-03T10:00:00+00:00")]
    public void the_start_of_a_period_given_as_a_date_is_its_first_instant(string text, string expected)
    {
        Assert.True(Moments.TryParseStart(text, Now, out var value));
        Assert.Equal(DateTimeOffset.Parse(expected), value);
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("3000-01-01T00:00:00Z")]
    [InlineData("soon")]
    public void the_start_of_a_period_after_the_calendar_is_refused(string text) =>
        Assert.False(Moments.TryParseStart(text, Now, out _));
}
