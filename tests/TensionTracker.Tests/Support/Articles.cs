namespace TensionTracker.Tests.Support;

/// <summary>Articles written for the tests. Each test uses its own URL so tests never see each other's streams.</summary>
public static class Articles
{
    public static object Make(string slug, string title, string body, string publishedAt = "2026-11-20T09:00:00Z", string outlet = "Test Wire") =>
        new { url = $"https://testwire.example/{slug}-{Guid.NewGuid():N}", outlet, publishedAt, title, body };

    public static object WithUrl(string url, string title, string body, string publishedAt = "2026-11-20T09:00:00Z") =>
        new { url, outlet = "Test Wire", publishedAt, title, body };
}
