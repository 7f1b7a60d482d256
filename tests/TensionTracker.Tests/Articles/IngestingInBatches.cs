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
}
