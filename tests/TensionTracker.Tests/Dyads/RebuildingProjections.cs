using Npgsql;
using TensionTracker.Tests.Support;

namespace TensionTracker.Tests.Dyads;

[Collection(HostCollection.Name)]
public class rebuilding_projections(HostFixture host)
{
    [Fact]
    public async Task a_rebuild_from_the_events_gives_byte_identical_documents()
    {
        // Something to rebuild: an article, a revision and a retraction.
        var url = $"https://testwire.example/rebuild-{Guid.NewGuid():N}";
        var first = await host.PostArticle(Support.Articles.WithUrl(url, "Peru protests to Bolivia",
            "LIMA (Test Wire) - Peru's foreign minister said Bolivia had violated the border and summoned its ambassador."));
        var id = first.GetProperty("articleId").GetString();
        await host.WaitFor($"/api/articles/{id}", a => a.GetProperty("status").GetString() == "scored");
        await host.PostArticle(Support.Articles.WithUrl(url, "Peru protests to Bolivia again",
            "LIMA (Test Wire) - Peru's foreign minister said Bolivia had violated the border again and recalled its ambassador."));
        await host.WaitFor($"/api/articles/{id}", a => a.GetProperty("revision").GetInt32() == 2 && a.GetProperty("status").GetString() == "scored");

        var before = await Documents();
        var rowsBefore = await EvidenceRows();
        var totalsBefore = await Totals();
        Assert.Contains(rowsBefore, r => r.Contains(id!) && r.Contains(" open current "));
        Assert.Contains(rowsBefore, r => r.Contains(id!) && r.Contains(" closed closed "));
        // Drop the documents, the evidence rows and the totals, so only the rebuild can bring them back.
        await using (var db = NpgsqlDataSource.Create(HostFixture.Connection))
            await db.CreateCommand("""
                delete from tension.mt_doc_articleview; delete from tension.dyad_readings; delete from tension.dyad_statements;
                delete from tension.dyad_totals; delete from tension.dyad_day_totals
                """).ExecuteNonQueryAsync();
        Assert.Equal("", await Totals());
        var (exit, output) = await HostFixture.RunCli("projections", "rebuild");
        Assert.True(exit == 0, output);
        var after = await Documents();

        Assert.Equal(before.Count, after.Count);
        foreach (var (docId, data) in before) Assert.Equal(data, after[docId]);
        Assert.Equal(rowsBefore, await EvidenceRows());
        Assert.Equal(totalsBefore, await Totals());
    }

    /// <summary>Every evidence row with its statement's attribution, in a stable order; open or closed by a revision.</summary>
    static async Task<List<string>> EvidenceRows()
    {
        await using var db = NpgsqlDataSource.Create(HostFixture.Connection);
        await using var command = db.CreateCommand("""
            select concat_ws(' ', e.model, e.article_id, e.revision, e.extractor_version, s.statement, s.entry, s.pair, s.from_country, s.to_country,
                   s.weight, e.tones[s.entry + 1], e.stances[s.entry + 1], e.conflict[s.entry + 1], e.neutral[s.entry + 1],
                   e.cooperation[s.entry + 1], s.published_at, e.recorded_at, s.speaker, s.speaker_country,
                   s.target_country, s.start_offset, s.end_offset, case when e.removed_at is null then 'open' else 'closed' end,
                   case when s.closed_at is null then 'current' else 'closed' end, e.pairs::text, e.signal::text, e.polar::text,
                   e.neutral_mass::text, e.counts::text)
            from tension.dyad_readings e left join tension.dyad_statements s using (article_id, revision, extractor_version)
            order by 1
            """);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }

    /// <summary>The running totals, rounded past float noise: they must follow the rebuild too.</summary>
    static async Task<string> Totals()
    {
        await using var db = NpgsqlDataSource.Create(HostFixture.Connection);
        await using var command = db.CreateCommand(
            "select string_agg(format('%s %s %s %s %s %s', model, pair, statements, round((signal / nullif(polar + neutral, 0))::numeric, 6), round((polar / nullif(polar + neutral, 0))::numeric, 6), last_published), ';' order by model, pair) from tension.dyad_totals where statements > 0");
        return await command.ExecuteScalarAsync() as string ?? "";
    }

    static async Task<Dictionary<Guid, string>> Documents()
    {
        await using var db = NpgsqlDataSource.Create(HostFixture.Connection);
        await using var command = db.CreateCommand("select id, data::text from tension.mt_doc_articleview");
        await using var reader = await command.ExecuteReaderAsync();
        var docs = new Dictionary<Guid, string>();
        while (await reader.ReadAsync()) docs[reader.GetGuid(0)] = reader.GetString(1);
        return docs;
    }
}
