using TensionTracker.Text.Extraction;
using Xunit.Abstractions;

namespace TensionTracker.Text.Tests.Extraction;

/// <summary>How many states have an office-holder the extractor can name, year by year since 1990 (the table is written to
/// the test output; docs/extraction.md quotes it).</summary>
[Collection(SeedsCollection.Name)]
public class OfficeHolderCoverageTests(SeedsFixture f, ITestOutputHelper output)
{
    [Fact]
    public void every_year_since_1990_most_states_have_an_office_holder_known_by_name_alone()
    {
        var people = f.Gazetteer.All().Where(x => x.Entry.Kind == ActorKind.Person && x.Entry.Country is not null).ToList();
        output.WriteLine("year\theads of state or government\tany office-holder (full name)\tone holder by family name alone");
        var byName = new List<int>();
        for (int year = 1990; year <= 2026; year++)
        {
            var d = new DateOnly(year, 7, 1);
            var valid = people.Where(x => x.Entry.From is not null && x.Entry.ValidOn(d)).ToList();
            int heads = valid.Where(x => x.Entry.Role == SpeakerRoles.HeadOfState).Select(x => x.Entry.Country).Distinct().Count();
            int any = valid.Select(x => x.Entry.Country).Distinct().Count();
            // a one-word name (a family name, a curated surname alias) that names one holder at that date
            int alone = valid.Where(x => !x.Name.Contains(' ')).GroupBy(x => x.Name)
                .Where(g => g.Select(x => x.Entry.Key).Distinct().Count() == 1).Select(g => g.First().Entry.Country).Distinct().Count();
            output.WriteLine($"{year}\t{heads}\t{any}\t{alone}");
            byName.Add(alone);
        }
        Assert.All(byName.Take(2014 - 1990), n => Assert.True(n >= 150, $"{n} states with a holder known by family name alone"));
        Assert.All(byName.Skip(2020 - 1990), n => Assert.True(n >= 40, $"{n} states with a holder known by family name alone"));
    }
}
