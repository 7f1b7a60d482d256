using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace TensionTracker.BrowserTests;

public sealed record Seeded(IReadOnlyList<string> ArticleIds, string HostileArticleId, string HostileTitleSent);

/// <summary>Articles written for these tests, published through POST /api/articles like any publisher.</summary>
public static class SeedArticles
{
    /// <summary>Title and body of the article that tries to inject markup and script into the page.</summary>
    public const string HostileTitle =
        "Pentagon <script>alert(1)</script> welcomes talks <img src=x onerror=alert(2)> with China";

    public const string HostileBody =
        "The Pentagon said the United States welcomed the military talks with China and praised Beijing's cooperation. " +
        "<a href=\"javascript:alert(3)\">Read the statement</a> " +
        "&lt;script&gt;alert(4)&lt;/script&gt; &lt;img src=x onerror=alert(5)&gt; " +
        "<svg onload=alert(6)></svg> javascript:alert(7) " +
        "\"We appreciate this constructive dialogue,\" Defense Secretary Lloyd Austin said of China. " +
        "<iframe src=\"javascript:alert(8)\"></iframe>";

    private static readonly string[] PendingStatuses = ["accepted", "pending", "queued", "processing", "received", "new"];

    public static async Task<Seeded> PublishAsync(HttpClient http, Func<string> hostLog)
    {
        var now = DateTimeOffset.UtcNow;
        var run = now.ToUnixTimeSeconds();
        var articles = new List<(string Url, string Outlet, DateTimeOffset At, string Title, string Body)>
        {
            ($"https://news.example.org/{run}/china-warns-us", "Example Wire", now.AddDays(-1).AddHours(-3),
                "China warns United States over Taiwan arms sales",
                "China's foreign ministry spokesperson Mao Ning said on Monday that the United States was \"playing with fire\" " +
                "and threatened resolute countermeasures against Washington. Chinese President Xi Jinping said China would " +
                "never accept American interference and warned the United States of a military response."),
            ($"https://news.example.org/{run}/us-accuses-china", "Example Herald", now.AddDays(-2).AddHours(-5),
                "US accuses China of coercion after drills",
                "Secretary of State Antony Blinken said China's military drills were provocative and destabilizing. " +
                "President Joe Biden warned China that the United States would defend its allies and condemned Beijing's threats."),
            ($"https://news.example.org/{run}/russia-ukraine", "Example Post", now.AddDays(-3).AddHours(-2),
                "Russia and Ukraine trade threats after strikes",
                "Russian President Vladimir Putin said Russia would retaliate against Ukraine with force. " +
                "Ukrainian President Volodymyr Zelensky said Ukraine condemned the Russian attacks and accused Moscow of war crimes."),
            ($"https://news.example.org/{run}/india-pakistan", "Example Times", now.AddDays(-4).AddHours(-1),
                "India and Pakistan exchange warnings",
                "India's foreign minister S. Jaishankar said Pakistan must stop supporting terrorism and warned of consequences. " +
                "Pakistan's foreign ministry said India was escalating tensions and condemned the threats."),
            ($"https://news.example.org/{run}/france-germany", "Example Daily", now.AddDays(-5).AddHours(-4),
                "France and Germany sign energy cooperation agreement",
                "French President Emmanuel Macron said France and Germany signed a landmark agreement on energy cooperation. " +
                "German Chancellor Olaf Scholz praised France as a close friend and partner and welcomed the deal."),
            ($"https://news.example.org/{run}/us-china-talks", "Example Wire", now.AddDays(-8).AddHours(-6),
                "United States and China hold trade talks",
                "Treasury Secretary Janet Yellen said the United States and China held constructive talks on trade. " +
                "Chinese Vice Premier He Lifeng said China hoped to cooperate with the United States on the economy."),
            ($"https://news.example.org/{run}/hostile", "Example <b>Tabloid</b>", now.AddHours(-6), HostileTitle, HostileBody),
        };

        var ids = new List<string>();
        string hostileId = "";
        foreach (var a in articles)
        {
            var (status, body) = await Json.PostAsync(http, "api/articles", new
            {
                url = a.Url,
                outlet = a.Outlet,
                publishedAt = a.At.ToString("O"),
                title = a.Title,
                body = a.Body,
                language = "en",
            });
            if (status != HttpStatusCode.Accepted && status != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"POST /api/articles answered {(int)status} for {a.Url}: {body}\n{hostLog()}");
            }
            var id = body?.TryGetProperty("articleId", out var idProp) == true ? idProp.GetString() : null;
            if (string.IsNullOrEmpty(id)) throw new InvalidOperationException($"POST /api/articles gave no articleId: {body}");
            ids.Add(id);
            if (a.Title == HostileTitle) hostileId = id;
        }

        await WaitUntilProcessedAsync(http, ids, hostLog, TimeSpan.FromSeconds(120));
        return new Seeded(ids, hostileId, HostileTitle);
    }

    private static async Task WaitUntilProcessedAsync(HttpClient http, IReadOnlyList<string> ids, Func<string> hostLog, TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        var remaining = new HashSet<string>(ids);
        string lastSeen = "";
        while (sw.Elapsed < timeout)
        {
            foreach (var id in remaining.ToArray())
            {
                try
                {
                    var article = await Json.GetAsync(http, "api/articles/" + Uri.EscapeDataString(id));
                    var status = article.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() ?? "" : "";
                    var statements = article.TryGetProperty("statements", out var st) && st.ValueKind == JsonValueKind.Array ? st.GetArrayLength() : 0;
                    lastSeen = $"{id}: status '{status}', {statements} statements";
                    if (statements > 0 || (status.Length > 0 && !PendingStatuses.Contains(status.ToLowerInvariant()))) remaining.Remove(id);
                }
                catch (HttpRequestException e)
                {
                    lastSeen = $"{id}: {e.Message}";
                }
            }
            if (remaining.Count == 0) break;
            await Task.Delay(500);
        }
        if (remaining.Count > 0)
        {
            throw new TimeoutException($"{remaining.Count} seeded articles not processed after {timeout.TotalSeconds} s (last: {lastSeen})\n{hostLog()}");
        }

        // Projections may trail the article view: wait until the ranking has scored pairs and stops changing.
        string previous = "";
        while (sw.Elapsed < timeout)
        {
            var dyads = await Json.GetAsync(http, "api/dyads?top=500");
            var items = dyads.GetProperty("items");
            var scored = items.EnumerateArray().Count(i => i.TryGetProperty("tension", out var t) && t.ValueKind == JsonValueKind.Number);
            var current = items.GetRawText();
            if (scored >= 2 && current == previous) return;
            previous = current;
            await Task.Delay(1000);
        }
        throw new TimeoutException($"/api/dyads did not settle with at least two scored pairs after {timeout.TotalSeconds} s: {previous}\n{hostLog()}");
    }
}
