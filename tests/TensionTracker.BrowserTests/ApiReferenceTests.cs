using Microsoft.Playwright;

namespace TensionTracker.BrowserTests;

[Collection(DashboardCollection.Name)]
public sealed class ApiReferenceTests(DashboardFixture fx)
{
    [Fact]
    public async Task The_API_reference_opens_from_the_dashboard_offline_and_shows_the_routes()
    {
        await using var context = await fx.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fx.BaseUrl + "/" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        var problems = new List<string>();
        page.PageError += (_, error) => { lock (problems) problems.Add("page error: " + error); };
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || message.Text.StartsWith("Refused to", StringComparison.Ordinal))
                lock (problems) problems.Add("CSP: " + message.Text);
        };
        // Offline: anything the page asks of another host (a CDN, fonts, telemetry) is refused and recorded.
        await context.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith(fx.BaseUrl + "/", StringComparison.Ordinal)) await route.ContinueAsync();
            else
            {
                lock (problems) problems.Add("request elsewhere: " + route.Request.Url);
                await route.AbortAsync();
            }
        });

        await page.GotoAsync("/");
        await page.ClickAsync("#nav-api");
        await page.WaitForURLAsync("**/scalar/**");
        // Scalar lists the operations by their summaries under their tags (the first tag open, the others on a click).
        await page.GetByText("Publish an article", new PageGetByTextOptions { Exact = true }).First.WaitForAsync();
        await page.GetByText("Dyads", new PageGetByTextOptions { Exact = true }).First.ClickAsync();
        await page.GetByText("Pairs of countries ranked by tension", new PageGetByTextOptions { Exact = true }).First.WaitForAsync();
        await page.GetByText("Replays", new PageGetByTextOptions { Exact = true }).First.ClickAsync();
        await page.GetByText("Re-score history with a model, or re-extract it with this build's extractor", new PageGetByTextOptions { Exact = true }).First.WaitForAsync();
        Assert.Contains("TensionTracker API", await page.TitleAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(fx.ArtifactsDir, "api-reference.png") });
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
