using TensionTracker.Text.Extraction;

namespace TensionTracker.Text.Tests.Extraction;

[Collection(SeedsCollection.Name)]
public class GazetteerTests(SeedsFixture f)
{
    ExtractedStatement One(string body, DateTimeOffset? at = null) =>
        Assert.Single(f.Extractor.Extract("Note", body, at ?? SeedsFixture.Sept2025));

    [Theory]
    [InlineData("Washington", "USA")]
    [InlineData("Beijing", "CHN")]
    [InlineData("Moscow", "RUS")]
    [InlineData("the Kremlin", "RUS")]
    [InlineData("the White House", "USA")]
    [InlineData("Downing Street", "GBR")]
    [InlineData("Bogotá", "COL")]
    [InlineData("Bogota", "COL")]
    [InlineData("the Pentagon", "USA")]
    [InlineData("the State Department", "USA")]
    [InlineData("the People's Liberation Army", "CHN")]
    [InlineData("Colombia's Foreign Ministry", "COL")]
    [InlineData("the Chinese foreign ministry", "CHN")]
    [InlineData("Pristina", "XKX")]
    [InlineData("Taipei", "TWN")]
    [InlineData("the Union Buildings", "ZAF")]
    [InlineData("El Mouradia", "DZA")]
    [InlineData("Kasumigaseki", "JPN")]
    [InlineData("La Moneda", "CHL")]
    [InlineData("Palazzo Chigi", "ITA")]
    [InlineData("the Farnesina", "ITA")]
    [InlineData("Matignon", "FRA")]
    [InlineData("Aso Rock", "NGA")]
    [InlineData("South Block", "IND")]
    [InlineData("Foggy Bottom", "USA")]
    public void capitals_seats_of_government_and_institutions_speak_for_their_country(string actor, string country)
    {
        var s = One($"{char.ToUpperInvariant(actor[0])}{actor[1..]} said on Tuesday that talks with Ukraine and Japan would continue.");
        Assert.Equal(country, s.SpeakerCountry);
    }

    [Theory]
    [InlineData("Colombian", "COL")]
    [InlineData("Chinese", "CHN")]
    [InlineData("Kosovar", "XKX")]
    [InlineData("Palestinian", "PSE")]
    [InlineData("Taiwanese", "TWN")]
    public void demonyms_give_the_speakers_country(string demonym, string country)
    {
        var s = One($"A {demonym} government spokesperson said the sanctions imposed by Brazil were illegal.");
        Assert.Equal(country, s.SpeakerCountry);
        Assert.Equal(SpeakerRoles.Official, s.SpeakerRole);
        Assert.Equal(["BRA"], s.Targets);
    }

    [Theory]
    [InlineData("Blinken", "2023-05-01", "USA", SpeakerRoles.Minister)]
    [InlineData("Rubio", "2025-06-01", "USA", SpeakerRoles.Minister)]
    [InlineData("Kishida", "2023-05-01", "JPN", SpeakerRoles.HeadOfState)]
    [InlineData("Lavrov", "2025-06-01", "RUS", SpeakerRoles.Minister)]
    [InlineData("Shoigu", "2020-06-01", "RUS", SpeakerRoles.Minister)]
    [InlineData("Zelensky", "2025-06-01", "UKR", SpeakerRoles.HeadOfState)]
    [InlineData("Osmani", "2025-06-01", "XKX", SpeakerRoles.HeadOfState)]
    public void office_holders_resolve_by_name_and_date(string name, string date, string country, string role)
    {
        var s = One($"{name} said the decision by Brazil was a mistake.", DateTimeOffset.Parse(date + "T12:00:00Z"));
        Assert.Equal(country, s.SpeakerCountry);
        Assert.Equal(role, s.SpeakerRole);
    }

    [Fact]
    public void an_office_holder_out_of_term_keeps_the_country_but_not_the_office()
    {
        var s = One("Blinken said the decision by Brazil was a mistake.", new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal("USA", s.SpeakerCountry);
        Assert.Equal(SpeakerRoles.Official, s.SpeakerRole);
    }

    [Fact]
    public void one_name_held_by_two_people_resolves_by_the_countries_in_the_article()
    {
        var s = One("Spain's prime minister Pedro Sánchez said Madrid would not accept tariffs from Washington.");
        Assert.Equal("ESP", s.SpeakerCountry);
    }

    [Fact]
    public void an_all_capitals_alias_does_not_match_an_ordinary_word()
    {
        var none = f.Extractor.Extract("Note", "Let us hope, who knows, that rand prices fall in Brazil.", SeedsFixture.Sept2025);
        Assert.Empty(none);
        Assert.Contains("USA", One("The US said Brazil had to cut tariffs.").SpeakerCountry);
    }

    [Fact]
    public void georgia_is_the_country_only_when_the_article_shows_it()
    {
        var stateOnly = f.Extractor.Extract("Note", "Voters in Georgia and Florida backed the measure, officials in Brazil said.", SeedsFixture.Sept2025);
        Assert.DoesNotContain(stateOnly, s => s.Targets.Contains("GEO"));
        var country = f.Extractor.Extract("Note", "Russia warned Georgia against joining NATO. Officials in Tbilisi said they would not bow.", SeedsFixture.Sept2025);
        Assert.Contains(country, s => s.Targets.Contains("GEO"));
    }

    [Fact]
    public void jordan_as_part_of_a_persons_name_is_not_a_country()
    {
        var s = f.Extractor.Extract("Note", "Jordan Bardella said France would stand up to Brussels, and the Jordanian king met Israel's president.", SeedsFixture.Sept2025);
        Assert.DoesNotContain(s, x => x.SpeakerCountry == "JOR");
    }

    [Fact]
    public void the_curated_files_are_read_at_start_so_an_operator_can_extend_them()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        File.WriteAllText(Path.Combine(dir, "office_holders.tsv"),
            "name\taliases\tcountry\trole\tfrom\tto\nAda Example\tExample\tCOL\tforeign_minister\t2026-01-01\t\n");
        var g = Gazetteer.Load(dir);
        var e = Assert.Single(g.Lookup("Ada Example"));
        Assert.Equal("COL", e.Country);
        Assert.True(e.ValidOn(new DateOnly(2026, 6, 1)));
        Assert.False(e.ValidOn(new DateOnly(2025, 6, 1)));
    }
    [Fact]
    public void a_seat_of_government_nobody_listed_is_not_given_the_datelines_country()
    {
        var all = f.Extractor.Extract("Note", "MAPUTO \u2014 Mozambique recalled its envoy to Zambia on Monday.\n\n" +
                                               "The Harbour Palace said the president would travel to Maputo soon.", SeedsFixture.Sept2025);
        var s = all.Single(x => x.Text.Contains("Harbour Palace"));
        Assert.Null(s.SpeakerCountry);
    }
}
