using TensionTracker.Text.Extraction;

namespace TensionTracker.Text.Tests.Extraction;

/// <summary>A headline, a caption and a pull quote never count a statement twice.</summary>
[Collection(SeedsCollection.Name)]
public class CountingTests(SeedsFixture f)
{
    const string Body = """
        BOGOTA — Colombian President Gustavo Petro accused the United States of aggression on Friday.

        "We will not kneel before anyone," Petro wrote on X.

        Photo: Petro speaks at the Casa de Nariño in Bogotá, where he met the U.S. envoy.

        "We will not kneel before anyone"

        [Petro and the U.S. envoy in Bogotá on Friday]
        """;

    [Fact]
    public void a_pull_quote_and_captions_are_not_counted()
    {
        var counted = f.Extractor.Extract("Petro defies Washington", Body, SeedsFixture.Sept2025);
        Assert.Single(counted, s => s.Text.Contains("kneel"));
        Assert.DoesNotContain(counted, s => s.Section == Sections.Caption);
    }

    [Fact]
    public void captions_and_pull_quotes_can_be_listed_but_are_marked_uncounted()
    {
        var all = f.Extractor.Analyse("Petro defies Washington", Body, SeedsFixture.Sept2025, includeUncounted: true).Statements;
        var pull = all.Single(s => s.Text == "\"We will not kneel before anyone\"");
        Assert.False(pull.Counted);
        Assert.All(all.Where(s => s.Section == Sections.Caption), s => Assert.False(s.Counted));
        Assert.Contains(all, s => s.Section == Sections.Caption);
    }

    [Fact]
    public void a_headline_that_quotes_the_body_is_not_counted_again()
    {
        var counted = f.Extractor.Extract("Petro: \"We will not kneel before anyone\"", Body, SeedsFixture.Sept2025);
        Assert.DoesNotContain(counted, s => s.Section == Sections.Headline);
        Assert.Single(counted, s => s.Text.Contains("kneel"));
    }

    [Fact]
    public void a_headline_is_the_outlets_narration_counted_once()
    {
        var counted = f.Extractor.Extract("Petro accuses U.S. of aggression", "Colombia recalled its ambassador from Washington on Friday.", SeedsFixture.Sept2025);
        var h = Assert.Single(counted, s => s.Section == Sections.Headline);
        Assert.Null(h.SpeakerCountry);
        Assert.Equal(SpeakerRoles.Unattributed, h.SpeakerRole);
        Assert.Equal(["COL", "USA"], h.Targets.Order());
    }

    [Fact]
    public void extraction_is_thread_safe_and_deterministic()
    {
        var first = f.Extractor.Extract("Petro defies Washington", Body, SeedsFixture.Sept2025);
        var results = new IReadOnlyList<ExtractedStatement>[64];
        Parallel.For(0, results.Length, i => results[i] = f.Extractor.Extract("Petro defies Washington", Body, SeedsFixture.Sept2025));
        foreach (var r in results)
            Assert.Equal(first.Select(s => (s.Start, s.Speaker, s.SpeakerCountry, string.Join(',', s.Targets))),
                         r.Select(s => (s.Start, s.Speaker, s.SpeakerCountry, string.Join(',', s.Targets))));
    }
}

[Collection(SeedsCollection.Name)]
public class BenchmarkTests(SeedsFixture f)
{
    [Fact]
    public void the_benchmark_runs_on_800_word_articles_and_reports_a_cpu_rate()
    {
        var (_, body) = ExtractionBenchmark.SyntheticArticle(0);
        Assert.InRange(body.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length, 780, 900);
        var r = ExtractionBenchmark.Run(f.Extractor, articles: 40);
        Assert.Equal(40, r.Articles);
        Assert.True(r.Statements > 40 * 10);
        Assert.True(r.ArticlesPerCpuSecond > 0);
    }
    [Theory]
    [InlineData("\"Our harbours stay open to every friend.\" \u2014 Ingrid Solvang, Norwegian foreign ministry spokeswoman")]
    [InlineData("Pull quote: \"Our harbours stay open to every friend.\" \u2014 Ingrid Solvang")]
    public void a_signed_pull_quote_repeating_the_body_is_not_counted(string pull)
    {
        string body = "Norway protested to Sweden on Monday over the closed ferry route.\n\n" +
                      "\"Our harbours stay open to every friend. Sweden must reopen the route,\" said Ingrid Solvang, a Norwegian foreign ministry spokeswoman.\n\n" +
                      pull + "\n\nSweden said the route would reopen in spring.";
        var counted = f.Extractor.Extract("Note", body, SeedsFixture.Sept2025);
        Assert.Single(counted, s => s.Text.Contains("harbours stay open"));
    }
}
