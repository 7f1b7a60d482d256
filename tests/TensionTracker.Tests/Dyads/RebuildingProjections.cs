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
        var totalsBefore = await Totals();
        // Drop the documents, so only the rebuild can bring them back.
        await using (var db = NpgsqlDataSource.Create(HostFixture.Connection))
            await db.CreateCommand("delete from tension.mt_doc_articleview").ExecuteNonQueryAsync();
        var (exit, output) = await HostFixture.RunCli("projections", "rebuild");
        Assert.True(exit == 0, output);
        var after = await Documents();

        Assert.Equal(before.Count, after.Count);
        foreach (var (docId, data) in before) Assert.Equal(data, after[docId]);
        Assert.Equal(totalsBefore, await Totals());
    }

    /// <summary>The running totals, rounded past float noise: they must follow the rebuild too.</summary>
    static async Task<string> Totals()
    {
        await using var db = NpgsqlDataSource.Create(HostFixture.Connection);
        await using var command = db.CreateCommand(
            "select string_agg(format('%s %s %s %s %s', model, pair, direction, statements, round((weighted / mass)::numeric, 6)), ';' order by model, pair, direction) from tension.dyad_totals");
        return (string)(await command.ExecuteScalarAsync())!;
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
