using TensionTracker.Tests.Support;
using static TensionTracker.Tests.Replays.ReplayHelpers;

namespace TensionTracker.Tests.Replays;

[Collection(HostCollection.Name)]
public class resuming_a_replay(HostFixture host)
{
    [Fact]
    public async Task a_replay_cancelled_then_killed_with_its_host_resumes_where_it_stopped_without_scoring_an_article_twice()
    {
        var tag = $"resume-{Guid.NewGuid():N}"[..15];
        await PostAllScored(host, Enumerable.Range(0, 150).Select(i => Article(i, tag, daysAgo: 10).Article));
        var c = await CopyOfTheDefaultModel("tone-c");

        // One article a page, so there is a "halfway" to stop at. The replay is held still (Pause: its pages wait at
        // their commit) at each step that must find it unfinished, so no step races it to its end.
        var id = (await StartReplay(host, c, batchSize: 1)).GetProperty("id").GetString()!;
        await WaitForReplay(host, id, r => r.Done() >= 5);
        var cancelling = Task.CompletedTask;
        await using (await Pause(id))
        {
            var paused = await host.Get($"/api/replays/{id}");
            Assert.Equal("running", paused.Status());
            Assert.True(paused.Done() < paused.GetProperty("articlesTotal").GetInt32(), "held at the end: nothing left to cancel");
            // The cancel waits behind the hold too, and lands before the replay could run to its end.
            cancelling = host.Http.PostAsync($"/api/replays/{id}/cancel", null).ContinueWith(t => Assert.Equal(System.Net.HttpStatusCode.Accepted, t.Result.StatusCode));
        }
        await cancelling;
        var cancelled = await WaitForReplay(host, id, r => r.Status() == "cancelled");
        var stoppedAt = cancelled.Done();
        Assert.True(stoppedAt < cancelled.GetProperty("articlesTotal").GetInt32(), "cancelled after the end: nothing left to resume");

        // Resumed by asking again for the same model: the same replay goes on from its cursors. A page under way at the
        // cancel found the replay cancelled at its commit and appended nothing, so nothing moved meanwhile.
        Assert.Equal(stoppedAt, (await host.Get($"/api/replays/{id}")).Done());
        var resumed = await StartReplay(host, c);
        Assert.Equal(id, resumed.GetProperty("id").GetString());
        Assert.True(resumed.GetProperty("resumed").GetBoolean());
        await WaitForReplay(host, id, r => r.Done() >= stoppedAt + 3);

        // kill -9 of the host running it, with the replay held unfinished; the next host resumes it at start.
        var hold = await Pause(id);
        var running = await host.Get($"/api/replays/{id}");
        Assert.Equal("running", running.Status());
        await host.KillAndRestart(whileDown: async () => await hold.DisposeAsync());
        var done = await WaitForReplay(host, id, r => r.Status() == "completed");
        Assert.True(done.GetProperty("resumes").GetInt32() >= 2, done.ToString());
        Assert.Equal(done.GetProperty("articlesTotal").GetInt32(), done.Done());
        Assert.Empty(await DuplicateScoreEvents(c));
        Assert.Empty(await ArticlesNotScoredBy(c));
    }

    [Fact]
    public async Task a_replay_whose_command_line_process_is_killed_finishes_when_run_again_without_scoring_an_article_twice()
    {
        var tag = $"clikill-{Guid.NewGuid():N}"[..16];
        await PostAllScored(host, Enumerable.Range(0, 150).Select(i => Article(i, tag, daysAgo: 8).Article));
        var d = await CopyOfTheDefaultModel("tone-d");

        using (var cli = HostFixture.StartCli("replay", "--model", d, "--batch-size", "1"))
        {
            var replay = await host.WaitFor("/api/replays", list => list.GetProperty("items").EnumerateArray()
                .Any(r => r.GetProperty("model").GetString() == d && r.Done() >= 4), 60);
            cli.Kill(entireProcessTree: true);   // SIGKILL: no cancel, no clean-up
            await cli.WaitForExitAsync();
        }
        var killed = (await host.Get("/api/replays")).GetProperty("items").EnumerateArray().First(r => r.GetProperty("model").GetString() == d);
        Assert.NotEqual("completed", killed.Status());

        // Run again: it resumes the same replay (or follows the host, which may have picked it up first) to the end.
        var (exit, output) = await HostFixture.RunCli("replay", "--model", d);
        Assert.True(exit == 0, output);
        Assert.Contains("completed", output);
        var done = await host.Get($"/api/replays/{killed.GetProperty("id").GetString()}");
        Assert.Equal("completed", done.Status());
        Assert.Empty(await DuplicateScoreEvents(d));
        Assert.Empty(await ArticlesNotScoredBy(d));
    }
}
