using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Npgsql;
using TensionTracker.Hosting;
using TensionTracker.Replays;
using TensionTracker.Tests.Support;

namespace TensionTracker.Tests.Replays;

/// <summary>What the replay tests share: articles about known pairs, a second model, replay progress, score-event counts.</summary>
public static class ReplayHelpers
{
    static readonly (string Capital, string Speaker, string Target, string Pair)[] Pairs =
    [
        ("LIMA", "Peru", "Bolivia", "BOL-PER"), ("SANTIAGO", "Chile", "Argentina", "ARG-CHL"), ("NAIROBI", "Kenya", "Uganda", "KEN-UGA"),
        ("OSLO", "Norway", "Sweden", "NOR-SWE"), ("ACCRA", "Ghana", "Togo", "GHA-TGO"), ("HANOI", "Vietnam", "Cambodia", "KHM-VNM"),
        ("ATHENS", "Greece", "Turkey", "GRC-TUR"), ("WARSAW", "Poland", "Belarus", "BLR-POL"),
    ];

    static readonly string[] Hostile =
    [
        "{0}'s foreign minister said {1} had violated the border and summoned its ambassador.",
        "{0}'s defence minister warned that {1} would face retaliation for the incursion.",
        "{0}'s president accused {1} of threatening the region with military drills.",
    ];
    static readonly string[] Warm =
    [
        "{0}'s foreign minister praised {1} for its help and signed a trade agreement.",
        "{0}'s prime minister thanked {1} for generous aid after the floods.",
    ];

    /// <summary>An article about pair i (mod the pairs), hostile or warm, published `daysAgo` days ago.</summary>
    public static (object Article, string Pair) Article(int i, string tag, double daysAgo = 3)
    {
        var (capital, speaker, target, pair) = Pairs[i % Pairs.Length];
        var hostile = i % 3 != 0;
        var sentences = (hostile ? Hostile : Warm).Select(t => string.Format(t, speaker, target)).Take(2 + i % 2);
        var body = $"{capital} (Test Wire) - " + string.Join(" ", sentences);
        var title = hostile ? $"{speaker} protests to {target}" : $"{speaker} thanks {target}";
        return (Support.Articles.Make($"{tag}-{i}", title, body, DateTimeOffset.UtcNow.AddDays(-daysAgo).AddMinutes(-i).ToString("O")), pair);
    }

    public static IEnumerable<string> AllPairs => Pairs.Select(p => p.Pair);

    /// <summary>Many articles at once (posted together, then waited for): a history long enough to stop a replay halfway.</summary>
    public static async Task PostAllScored(HostFixture host, IEnumerable<object> articles)
    {
        var ids = new List<string>();
        foreach (var article in articles) ids.Add((await host.PostArticle(article)).GetProperty("articleId").GetString()!);
        foreach (var id in ids)
            await host.WaitFor($"/api/articles/{id}", a => a.GetProperty("status").GetString() is "scored" or "copy");
    }

    public static async Task<string> PostScored(HostFixture host, object article)
    {
        var posted = await host.PostArticle(article);
        var id = posted.GetProperty("articleId").GetString()!;
        // These templated articles are near-copies of each other: a copy is scored too, it just counts once.
        await host.WaitFor($"/api/articles/{id}", a => a.GetProperty("status").GetString() is "scored" or "copy");
        return id;
    }

    /// <summary>
    /// A second model trained through the CLI on other data than the default (the tone sentences in data/tone-b.tsv,
    /// written for these tests, and the project's diplomatic statements, with a stronger L2 on the stance head),
    /// then registered: a model that really reads statements differently.
    /// </summary>
    public static async Task<string> TrainSecondModel(string prefix)
    {
        var name = Name(prefix);
        var (exit, output) = await HostFixture.RunCli("model", "train", "--name", name, "--stance-l2", "0.05", "--data",
            Path.Combine(HostFixture.Root, "tests", "TensionTracker.Tests", "Replays", "data", "tone-b.tsv"),
            Path.Combine(HostFixture.Root, "seeds", "stance", "diplomatic_statements.tsv"));
        Assert.True(exit == 0, output);
        Assert.True(File.Exists(Path.Combine(HostFixture.ModelsDir, name + ".card.json")), output);
        await Register(name);
        return name;
    }

    /// <summary>The default model's file under another name, registered: for tests of the replay's mechanics, not of modelling.</summary>
    public static async Task<string> CopyOfTheDefaultModel(string prefix)
    {
        var name = Name(prefix);
        var source = Path.Combine(HostFixture.ModelsDir, File.ReadAllLines(Path.Combine(HostFixture.ModelsDir, "default.txt"))[0].Trim());
        File.Copy(source + ".zip", Path.Combine(HostFixture.ModelsDir, name + ".zip"));
        if (File.Exists(source + ".words.tsv")) File.Copy(source + ".words.tsv", Path.Combine(HostFixture.ModelsDir, name + ".words.tsv"));
        // The card carries the settings the model is scored with, so the copy keeps it.
        File.Copy(source + ".card.json", Path.Combine(HostFixture.ModelsDir, name + ".card.json"));
        await Register(name);
        return name;
    }

    static string Name(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    static async Task Register(string name)
    {
        var (exit, output) = await HostFixture.RunCli("model", "register", "--name", name);
        Assert.True(exit == 0, output);
        Assert.Contains($"{name}: registered", output);
    }

    public static async Task<JsonElement> StartReplay(HostFixture host, string model, int? batchSize = null)
    {
        var response = await host.Http.PostAsJsonAsync("/api/replays", new { model, batchSize });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"POST /api/replays: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static Task<JsonElement> WaitForReplay(HostFixture host, string id, Func<JsonElement, bool> condition, int seconds = 120) =>
        host.WaitFor($"/api/replays/{id}", condition, seconds);

    static readonly Lazy<DocumentStore> Store = new(() => DocumentStore.For(opts =>
    {
        opts.Connection(HostFixture.Connection);
        opts.ConfigureArticles();
        opts.ConfigureModelsAndReplays();
        opts.AutoCreateSchemaObjects = JasperFx.AutoCreate.None;
    }));

    /// <summary>
    /// Holds the replay's stream for writing (Marten's row lock) until disposed: every page of the replay waits at its
    /// commit, holding nothing else, so the replay stands still wherever it is, for as long as the test needs.
    /// </summary>
    public static async Task<IAsyncDisposable> Pause(string id)
    {
        var session = Store.Value.LightweightSession();
        await session.Events.FetchForExclusiveWriting<ReplayView>(Guid.Parse(id));
        return session;
    }

    public static string Status(this JsonElement replay) => replay.GetProperty("status").GetString()!;
    public static int Done(this JsonElement replay) => replay.GetProperty("articlesDone").GetInt32();

    /// <summary>(article, revision) pairs the model scored more than once: must always be empty.</summary>
    public static async Task<List<string>> DuplicateScoreEvents(string model)
    {
        await using var db = NpgsqlDataSource.Create(HostFixture.Connection);
        await using var command = db.CreateCommand("""
            select stream_id::text || ' r' || (data->>'revision') || ' x' || count(*)
            from tension.mt_events where type = 'statements_scored' and data->>'model' = $1
            group by stream_id, data->>'revision' having count(*) > 1
            """);
        command.Parameters.Add(new() { Value = model });
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }

    /// <summary>
    /// Articles whose current revision has scored statements but no score event from the model at that revision; with
    /// <paramref name="before"/>, only those analysed before it (new articles are scored by the models of the replays
    /// running when their batch starts: one analysed after a replay ended is not part of its history).
    /// </summary>
    public static async Task<List<Guid>> ArticlesNotScoredBy(string model, DateTimeOffset? before = null)
    {
        await using var db = NpgsqlDataSource.Create(HostFixture.Connection);
        await using var command = db.CreateCommand("""
            select a.id from tension.mt_doc_articleview a
            where a.data->>'status' in ('scored', 'copy') and a.data->>'retractedAt' is null
              and jsonb_array_length(a.data->'statements') > 0   -- nothing to score: a replay passes these over
              and not exists (select 1 from tension.mt_events e
                              where e.stream_id = a.id and e.type = 'statements_scored' and e.data->>'model' = $1
                                and (e.data->>'revision')::int = (a.data->>'revision')::int)
              and ($2::timestamptz is null or exists (select 1 from tension.mt_events x
                              where x.stream_id = a.id and x.type = 'statements_extracted' and x.timestamp < $2))
            """);
        command.Parameters.Add(new() { Value = model });
        command.Parameters.Add(new() { Value = (object?)before?.UtcDateTime ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        var rows = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetGuid(0));
        return rows;
    }

    public static async Task<int> ScoreEvents(Guid article, string model)
    {
        await using var db = NpgsqlDataSource.Create(HostFixture.Connection);
        await using var command = db.CreateCommand(
            "select count(*) from tension.mt_events where stream_id = $1 and type = 'statements_scored' and data->>'model' = $2");
        command.Parameters.Add(new() { Value = article });
        command.Parameters.Add(new() { Value = model });
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }
}
