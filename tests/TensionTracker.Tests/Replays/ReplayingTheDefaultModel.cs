using Npgsql;
using TensionTracker.Tests.Support;
using static TensionTracker.Tests.Replays.ReplayHelpers;

namespace TensionTracker.Tests.Replays;

[Collection(HostCollection.Name)]
public class replaying_the_default_model(HostFixture host)
{
    /// <summary>
    /// The same model under another name, replayed: every statement's scores (toward each target too) are those ingest
    /// recorded, and so is the evidence each article's reading adds to its pairs. What a replay reads, locates and scores
    /// in its own way (pages, lanes, the stored entries) gives what ingest gave.
    /// </summary>
    [Fact]
    public async Task gives_the_scores_and_the_evidence_ingest_gave()
    {
        var a = (await host.Get("/api/models")).GetProperty("default").GetString()!;
        var tag = $"same-{Guid.NewGuid():N}"[..13];
        var ids = new List<Guid>();
        for (var i = 0; i < 8; i++) ids.Add(Guid.Parse(await PostScored(host, Article(i, tag, daysAgo: 2 + i).Article)));
        var copy = await CopyOfTheDefaultModel("tone-same");

        var replay = await StartReplay(host, copy, batchSize: 3);
        var done = await WaitForReplay(host, replay.GetProperty("id").GetString()!, r => r.Status() != "running");
        Assert.Equal("completed", done.Status());

        await using var db = NpgsqlDataSource.Create(HostFixture.Connection);
        // Scores: one event per model and article, the same scores in both (per-target stances and probabilities included).
        await using (var scores = db.CreateCommand("""
            select a.stream_id, a.data->'scores' = b.data->'scores', jsonb_array_length(a.data->'scores'),
                   (select count(*) from jsonb_array_elements(a.data->'scores') s where jsonb_typeof(s->'targets') = 'array')
            from tension.mt_events a join tension.mt_events b on b.stream_id = a.stream_id and b.type = 'statements_scored' and b.data->>'model' = $2
            where a.stream_id = any($3) and a.type = 'statements_scored' and a.data->>'model' = $1
            """))
        {
            scores.Parameters.Add(new() { Value = a });
            scores.Parameters.Add(new() { Value = copy });
            scores.Parameters.Add(new() { Value = ids.ToArray() });
            var compared = new List<Guid>();
            var targeted = 0L;
            await using var reader = await scores.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                compared.Add(reader.GetGuid(0));
                Assert.True(reader.GetBoolean(1), $"{reader.GetGuid(0)}: the replay's scores differ from ingest's");
                Assert.True(reader.GetInt32(2) > 0);
                targeted += reader.GetInt64(3);
            }
            Assert.Equal(ids.Order(), compared.Order());
            Assert.True(targeted > 0, "no statement was scored toward a target");
        }

        // Evidence: each article's reading under the copy equals its reading under the default (copies have none). The sums
        // agree to 1e-9 only: they are grown by the publication time, which ingest has to the 100 ns and a replay reads
        // back from PostgreSQL to the microsecond.
        await using var readings = db.CreateCommand("""
            select a.article_id,
                   (a.tones, a.stances, a.conflict, a.neutral, a.cooperation, a.pairs, a.counts)
                   is not distinct from (b.tones, b.stances, b.conflict, b.neutral, b.cooperation, b.pairs, b.counts)
                   and (select coalesce(bool_and(abs(x - y) <= 1e-9 * greatest(abs(x), abs(y))), true)
                        from unnest(a.signal || a.polar || a.neutral_mass, b.signal || b.polar || b.neutral_mass) as u(x, y)),
                   cardinality(a.pairs)
            from tension.dyad_readings a
            left join tension.dyad_readings b on b.article_id = a.article_id and b.revision = a.revision
                and b.extractor_version = a.extractor_version and b.model = $2
            where a.article_id = any($3) and a.model = $1
            """);
        readings.Parameters.Add(new() { Value = a });
        readings.Parameters.Add(new() { Value = copy });
        readings.Parameters.Add(new() { Value = ids.ToArray() });
        var read = 0;
        await using (var reader = await readings.ExecuteReaderAsync())
            while (await reader.ReadAsync())
            {
                Assert.True(reader.GetBoolean(1), $"{reader.GetGuid(0)}: the replay's evidence differs from ingest's");
                if (reader.GetInt32(2) > 0) read++;
            }
        Assert.True(read > 0, "no article's reading bears on a pair");
    }
}
