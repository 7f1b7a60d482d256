using Npgsql;
using TensionTracker.Tests.Support;

namespace TensionTracker.Tests.Dyads;

public class upgrading_an_old_database
{
    [Fact]
    public async Task a_database_with_the_old_evidence_tables_is_rebuilt_from_its_events_at_start_up_with_one_log_line()
    {
        var connection = await Databases.Fresh("_upgrade");
        var host = new HostFixture(new() { ["ConnectionStrings__Marten"] = connection });
        try
        {
            await host.InitializeAsync();
            var posted = await host.PostArticle(Support.Articles.Make("upgrade", "Peru protests to Bolivia",
                "LIMA (Test Wire) - Peru's foreign minister said Bolivia had violated the border and summoned its ambassador."));
            await host.WaitFor($"/api/articles/{posted.GetProperty("articleId").GetString()}", a => a.GetProperty("status").GetString() == "scored");
            var before = (await host.Get("/api/dyads?top=1000&at=2026-11-21")).GetProperty("items").ToString();
            Assert.Contains("BOL-PER", before);

            // What a database from before looked like: the old tables and a PL/pgSQL function, and none of the new rows.
            await using (var db = NpgsqlDataSource.Create(connection))
                await db.CreateCommand("""
                    create table tension.evidence_scores (article_id uuid, tones real[], stances real[]);
                    create table tension.pair_totals (model text, pair text, mass float8, weighted float8);
                    create function tension.evidence_value(tone real, stance real) returns double precision language sql immutable as $$ select 50::float8 $$;
                    delete from tension.dyad_readings; delete from tension.dyad_statements; delete from tension.dyad_totals; delete from tension.dyad_day_totals;
                    """).ExecuteNonQueryAsync();
            await host.KillAndRestart();

            var after = (await host.Get("/api/dyads?top=1000&at=2026-11-21")).GetProperty("items").ToString();
            Assert.Equal(before, after);
            Assert.Single(host.Log, l => l.Contains("Evidence upgraded to the redone index"));
            await using (var db = NpgsqlDataSource.Create(connection))
            {
                var left = await db.CreateCommand("""
                    select count(*) from information_schema.tables where table_schema = 'tension' and table_name in ('evidence_scores', 'pair_totals')
                    """).ExecuteScalarAsync();
                Assert.Equal(0L, left);
                Assert.True((long)(await db.CreateCommand("select count(*) from tension.dyad_totals").ExecuteScalarAsync())! > 0);
            }
        }
        finally { await host.DisposeAsync(); }
    }
}
