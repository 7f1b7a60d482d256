using Npgsql;
using TensionTracker.Articles;
using TensionTracker.Bench;
using TensionTracker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace TensionTracker.Tests.Articles;

/// <summary>
/// Publishers on the broker can skip the HTTP checks: a message that can never be ingested is dead-lettered with
/// its reason, and the articles batched with it are ingested all the same.
/// </summary>
[Collection(HostCollection.Name)]
public class ingesting_in_batches(HostFixture host)
{
    [Fact]
    public async Task a_poison_message_is_dead_lettered_with_its_reason_and_the_rest_of_its_batch_is_ingested()
    {
        var now = DateTimeOffset.UtcNow;
        IngestArticle Valid(int i) => ArticleValidation.Validate(new ArticleSubmission(
            $"https://testwire.example/batch-{Guid.NewGuid():N}", "Test Wire", now.AddHours(-1), $"Bhutan and Nepal sign water deal {i}",
            $"THIMPHU (Test Wire) - Bhutan's foreign minister said on Monday that Bhutan and Nepal had signed an agreement to share river data ({i})."), now).Command!;
        var poison = Valid(0) with { ArticleId = Guid.NewGuid(), Body = "" };
        var valid = Enumerable.Range(1, 5).Select(Valid).ToList();

        using var publisher = await BenchCommand.StartPublisher(HostFixture.Connection, "tension_test_publisher");
        var bus = publisher.Services.GetRequiredService<IMessageBus>();
        await bus.PublishAsync(poison);
        foreach (var article in valid) await bus.PublishAsync(article);

        foreach (var article in valid)
            await host.WaitFor($"/api/articles/{article.ArticleId}", a => a.GetProperty("status").GetString() == "scored");

        await using var db = NpgsqlDataSource.Create(HostFixture.Connection);
        string? reason = null;
        for (var i = 0; i < 100 && reason is null; i++)
        {
            await using var command = db.CreateCommand("select exception_message from tension.wolverine_dead_letters where message_type like '%IngestRejected' and exception_message like $1");
            command.Parameters.Add(new() { Value = $"%{poison.ArticleId}%" });
            reason = await command.ExecuteScalarAsync() as string;
            if (reason is null) await Task.Delay(200);
        }
        Assert.NotNull(reason);
        Assert.Contains("missing or empty body", reason);
        var missing = await host.Http.GetAsync($"/api/articles/{poison.ArticleId}");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
        await publisher.StopAsync();
    }

    [Fact]
    public async Task messages_that_break_the_doors_rules_are_dead_lettered_each_with_its_reason_and_the_rest_is_ingested()
    {
        var now = DateTimeOffset.UtcNow;
        IngestArticle Valid(int i) => ArticleValidation.Validate(new ArticleSubmission(
            $"https://testwire.example/rules-{Guid.NewGuid():N}", "Test Wire", now.AddHours(-1), $"Bhutan and Nepal sign power deal {i}",
            $"THIMPHU (Test Wire) - Bhutan's foreign minister said on Monday that Bhutan and Nepal had signed an agreement to trade power ({i})."), now).Command!;
        IngestArticle Poison(Func<IngestArticle, IngestArticle> change) => change(Valid(0)) with { ArticleId = Guid.NewGuid() };
        var poison = new (IngestArticle Message, string Reason)[]
        {
            (Poison(m => m with { Body = "\u200B\u200C\u200D" }), "body contains no letters"),
            (Poison(m => m with { Title = "\U0001F525\U0001F525" }), "title contains no letters"),
            (Poison(m => m with { Outlet = new string('o', 100 * 1024) }), "outlet is longer than 200 characters"),
            (Poison(m => m with { Url = "https://testwire.example/" + new string('u', 10 * 1024) }), "url is longer than 2048 characters"),
            (Poison(m => m with { Body = "Bhutan " + new string('x', 1024 * 1024) }), "body is over the limit of 1048576 bytes"),
            (Poison(m => m with { Body = "Bhutan\0Nepal" }), "body contains a NUL character"),
            (Poison(m => m with { Title = "" }), "missing or empty title"),
            (Poison(m => m with { PublishedAt = new DateTimeOffset(2090, 1, 1, 0, 0, 0, TimeSpan.Zero) }), "is in the future"),
            (Poison(m => m with { Language = "english" }), "language must be a language code"),
        };
        // Valid, but with credentials in its URL: stored without them.
        var plain = Valid(1);
        var withCredentials = plain with { Url = plain.Url.Replace("https://", "https://reader:s3cret@") };
        var valid = new[] { Valid(2), withCredentials, Valid(3) };

        using var publisher = await BenchCommand.StartPublisher(HostFixture.Connection, "tension_test_publisher");
        var bus = publisher.Services.GetRequiredService<IMessageBus>();
        foreach (var (message, _) in poison) await bus.PublishAsync(message);
        foreach (var article in valid) await bus.PublishAsync(article);

        foreach (var article in valid)
            await host.WaitFor($"/api/articles/{article.ArticleId}", a => a.GetProperty("status").GetString() == "scored");
        Assert.DoesNotContain("s3cret", (await host.Get($"/api/articles/{withCredentials.ArticleId}")).GetProperty("url").GetString());

        await using var db = NpgsqlDataSource.Create(HostFixture.Connection);
        foreach (var (message, reason) in poison)
        {
            string? found = null;
            for (var i = 0; i < 150 && found is null; i++)
            {
                await using var command = db.CreateCommand("select exception_message from tension.wolverine_dead_letters where message_type like '%IngestRejected' and exception_message like $1");
                command.Parameters.Add(new() { Value = $"%{message.ArticleId}%" });
                found = await command.ExecuteScalarAsync() as string;
                if (found is null) await Task.Delay(200);
            }
            Assert.True(found is not null, $"no dead letter for the message that should fail with: {reason}");
            Assert.Contains(reason, found);
            Assert.Equal(System.Net.HttpStatusCode.NotFound, (await host.Http.GetAsync($"/api/articles/{message.ArticleId}")).StatusCode);
        }
        await publisher.StopAsync();
    }
}
