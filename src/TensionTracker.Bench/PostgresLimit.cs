using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace TensionTracker.Bench;

/// <summary>
/// PostgreSQL's own rate on this machine for the same article JSON, written once, one row per article into a
/// plain jsonb table (uuid primary key, logged, default durability): by COPY (one binary COPY) and by batched
/// INSERT (1,000 rows a statement, each statement its own transaction). The ceiling ingest is compared with.
/// </summary>
public static class PostgresLimit
{
    public const int InsertBatch = 1_000;

    public static async Task Measure(NpgsqlDataSource db, IReadOnlyList<(Guid Id, string Json)> rows, BenchReport report)
    {
        await using (var setup = db.CreateCommand("""
            drop table if exists bench_limit_copy; drop table if exists bench_limit_insert;
            create table bench_limit_copy (id uuid primary key, data jsonb not null);
            create table bench_limit_insert (id uuid primary key, data jsonb not null);
            """))
            await setup.ExecuteNonQueryAsync();

        var clock = Stopwatch.StartNew();
        await using (var connection = await db.OpenConnectionAsync())
        await using (var import = await connection.BeginBinaryImportAsync("copy bench_limit_copy (id, data) from stdin (format binary)"))
        {
            foreach (var (id, json) in rows)
            {
                await import.StartRowAsync();
                await import.WriteAsync(id, NpgsqlDbType.Uuid);
                await import.WriteAsync(json, NpgsqlDbType.Jsonb);
            }
            await import.CompleteAsync();
        }
        var copySeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        for (var start = 0; start < rows.Count; start += InsertBatch)
        {
            var slice = rows.Skip(start).Take(InsertBatch).ToArray();
            await using var insert = db.CreateCommand("insert into bench_limit_insert (id, data) select * from unnest($1::uuid[], $2::jsonb[])");
            insert.Parameters.Add(new NpgsqlParameter { Value = slice.Select(r => r.Id).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = slice.Select(r => r.Json).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
            await insert.ExecuteNonQueryAsync();
        }
        var insertSeconds = clock.Elapsed.TotalSeconds;

        report.Add("copy_limit_articles_per_s", rows.Count / copySeconds, "articles/s");
        report.Add("insert_limit_articles_per_s", rows.Count / insertSeconds, "articles/s");
        await using var cleanup = db.CreateCommand("drop table bench_limit_copy; drop table bench_limit_insert;");
        await cleanup.ExecuteNonQueryAsync();
    }
}
