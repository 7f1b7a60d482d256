using TensionTracker.Replays;

namespace TensionTracker.Tests.Replays;

/// <summary>A replay's lanes, without a database: they share the id space out, and a replay carries on from each lane's cursor.</summary>
public class replay_lanes
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void the_lanes_cover_every_article_id_once(int lanes)
    {
        // PostgreSQL orders uuids as their text: compare the same way.
        static bool Within(Guid id, (Guid? Low, Guid? High) b) =>
            (b.Low is null || string.CompareOrdinal(id.ToString(), b.Low.ToString()) >= 0)
            && (b.High is null || string.CompareOrdinal(id.ToString(), b.High.ToString()) < 0);
        var bounds = Enumerable.Range(0, lanes).Select(i => ReplayRunner.Bounds(i, lanes)).ToList();
        Assert.Null(bounds[0].Low);
        Assert.Null(bounds[^1].High);
        var ids = Enumerable.Range(0, 2000).Select(_ => Guid.NewGuid())
            .Concat([Guid.Empty, Guid.Parse("80000000-0000-0000-0000-000000000000"), Guid.Parse("7fffffff-ffff-ffff-ffff-ffffffffffff"), Guid.AllBitsSet]);
        Assert.All(ids, id => Assert.Equal(1, bounds.Count(b => Within(id, b))));
    }

    [Fact]
    public void a_replay_carries_on_from_each_unfinished_lane()
    {
        var id = Guid.NewGuid();
        var view = ReplayViewProjection.Create(new ReplayStarted(id, "m", 10, 100, 0, DateTimeOffset.UnixEpoch, ReplayKind.Model, Lanes: 2));
        var cursor = Guid.NewGuid();
        ReplayViewProjection.Apply(new ReplayBatchDone(id, ReplayPhase.History, cursor, 10, 10, 50, DateTimeOffset.UnixEpoch, Lane: 1), view);
        Assert.Equal([new ReplayPage(id, 0, ReplayPhase.History, null), new ReplayPage(id, 1, ReplayPhase.History, cursor)], ReplayRunner.Continue(view));

        ReplayViewProjection.Apply(new ReplayHistoryDone(id, DateTimeOffset.UnixEpoch, Lane: 0), view);
        Assert.Equal(ReplayPhase.History, view.Phase);   // lane 1 still walks history
        ReplayViewProjection.Apply(new ReplayLaneDone(id, 0, DateTimeOffset.UnixEpoch), view);
        Assert.Equal([new ReplayPage(id, 1, ReplayPhase.History, cursor)], ReplayRunner.Continue(view));
        ReplayViewProjection.Apply(new ReplayHistoryDone(id, DateTimeOffset.UnixEpoch, Lane: 1), view);
        Assert.Equal(ReplayPhase.Sweep, view.Phase);
        Assert.Equal(10, view.ArticlesDone);
    }

    [Fact]
    public void a_replay_from_before_lanes_goes_on_as_one_lane_from_its_cursor()
    {
        var id = Guid.NewGuid();
        var cursor = Guid.NewGuid();
        var view = new ReplayView { Id = id, Status = ReplayStatus.Running, Phase = ReplayPhase.Sweep, Cursor = cursor };
        Assert.Equal([new ReplayPage(id, 0, ReplayPhase.Sweep, cursor)], ReplayRunner.Continue(view));
    }
}
