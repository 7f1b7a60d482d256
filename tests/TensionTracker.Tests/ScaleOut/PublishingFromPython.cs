using System.Diagnostics;
using System.Text.Json;
using TensionTracker.Articles;

namespace TensionTracker.Tests.ScaleOut;

/// <summary>
/// A Python publisher (Debian's python3-pika, ScaleOut/publish_plain.py) puts on RabbitMQ's <c>ingest</c> queue the
/// JSON that POST /api/articles takes, with no Wolverine headers: the nodes derive what HTTP would, so the article is
/// one stream whichever way it comes.
/// </summary>
public partial class two_nodes_over_rabbitmq
{
    const string Python = "/usr/bin/python3";   // the system one, where apt puts python3-pika

    static object PlainArticle(string url, string title) => new
    {
        url, outlet = "Python Wire", publishedAt = "2026-11-20T08:30:00Z", title,
        body = "NAIROBI (Python Wire) - Kenya's foreign minister said on Monday that Uganda had moved troops to the " +
               "shared border at Busia, and warned that Kenya would answer any incursion.\n\nUganda denied the claim.",
    };

    /// <summary>The id HTTP and the CLI give the article: the door's own function.</summary>
    static Guid IdOf(object article) =>
        ArticleValidation.Validate(ArticleValidation.Read(JsonSerializer.SerializeToElement(article)).Article!, DateTimeOffset.UtcNow).Command!.ArticleId;

    async Task PublishFromPython(object article)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "ScaleOut", "publish_plain.py");
        var start = new ProcessStartInfo(Python, [script, fx.RabbitMq, ScaleOutFixture.Queue])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var python = Process.Start(start)!;
        await python.StandardInput.WriteAsync(JsonSerializer.Serialize(article));
        python.StandardInput.Close();
        var printed = await python.StandardOutput.ReadToEndAsync() + await python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token);
        Assert.True(python.ExitCode == 0, $"{Python} publish_plain.py failed (python3-pika missing? ops/install-test-tools.sh installs it):\n{printed}");
    }

    [Fact]
    public async Task a_python_publishers_plain_article_is_scored_and_the_same_over_http_is_a_duplicate()
    {
        // Tracking parameters and all: the id is that of the canonical URL, as over HTTP.
        var url = $"https://pythonwire.example/2026/11/20/kenya-uganda-{Guid.NewGuid():N}?utm_source=rss";
        var article = PlainArticle(url, "Kenya warns Uganda over troops at the border");
        var id = IdOf(article);
        await PublishFromPython(article);

        var stored = await fx.Node2.WaitFor($"/api/articles/{id}", a => a.GetProperty("status").GetString() == "scored", seconds: 90);
        Assert.Equal("Python Wire", stored.GetProperty("outlet").GetString());
        Assert.Equal("en", stored.GetProperty("language").GetString());
        Assert.NotEmpty(stored.GetProperty("statements").EnumerateArray());
        await fx.Node2.WaitFor("/api/dyads/KEN-UGA", d => d.GetProperty("statements").GetInt32() > 0, seconds: 60);

        var again = await fx.Node1.PostArticle(article);
        Assert.Equal(id.ToString(), again.GetProperty("articleId").GetString());
        Assert.Equal("duplicate", again.GetProperty("status").GetString());
        Assert.Equal(1, await IngestEvents(id));
    }

    [Fact]
    public async Task a_python_publishers_plain_article_without_a_title_is_dead_lettered_naming_the_title()
    {
        var url = $"https://pythonwire.example/2026/11/20/untitled-{Guid.NewGuid():N}";
        var article = PlainArticle(url, title: "");
        var id = TensionTracker.Text.Normalisation.CanonicalUrl.ArticleId(url);   // the id its URL gives
        await PublishFromPython(article);

        var (type, message) = await WaitForDeadLetter(id);
        Assert.Equal(typeof(InvalidArticleException).FullName, type);
        Assert.Contains("title is required and must not be empty", message);
        Assert.Equal(0, await IngestEvents(id));
    }
}
