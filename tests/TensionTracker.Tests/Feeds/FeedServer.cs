using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using TensionTracker.Tests.Support;

namespace TensionTracker.Tests.Feeds;

/// <summary>
/// A news site on loopback (Kestrel, a free port), serving the feeds and pages in Feeds/data, written for these
/// tests, plus what a real site can throw at a reader: a missing page, a redirect loop, a 20 MB page and a PDF.
/// Feeds carry an ETag and a Last-Modified and answer 304 to a conditional request, unless asked with ?plain.
/// Every request is recorded.
/// </summary>
public sealed partial class FeedServer : IAsyncDisposable
{
    static readonly string Data = Path.Combine(HostFixture.Root, "tests", "TensionTracker.Tests", "Feeds", "data");
    static readonly DateTimeOffset Modified = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    readonly WebApplication app;
    readonly ConcurrentDictionary<string, int> answers = new();
    public string BaseUrl { get; private set; } = "";
    public ConcurrentQueue<(string Path, string? IfNoneMatch, int Status)> Requests { get; } = new();

    FeedServer(WebApplication app) => this.app = app;

    public static async Task<FeedServer> Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = new FeedServer(builder.Build());
        server.Map();
        await server.app.StartAsync();
        server.BaseUrl = server.app.Urls.Single();
        return server;
    }

    void Map()
    {
        app.Use(async (context, next) =>
        {
            await next();
            Requests.Enqueue((context.Request.Path + context.Request.QueryString, context.Request.Headers.IfNoneMatch.FirstOrDefault(), context.Response.StatusCode));
        });
        app.MapGet("/feeds/{name}", (string name, HttpRequest request) =>
        {
            var path = Path.Combine(Data, Path.GetFileName(name));
            if (!File.Exists(path)) return Results.NotFound();
            var xml = File.ReadAllText(path).Replace("{base}", BaseUrl);
            // The growing feed leaves its later item out of the first answer.
            if (answers.AddOrUpdate(name, 1, (_, n) => n + 1) == 1) xml = LaterItem().Replace(xml, "");
            if (request.Query.ContainsKey("plain")) return Results.Text(xml, "application/rss+xml", Encoding.UTF8);
            var etag = $"\"{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(xml)))[..16]}\"";
            if (request.Headers.IfNoneMatch.ToString() == etag) return Results.StatusCode(304);
            return new WithValidators(Results.Text(xml, name.Contains("atom") ? "application/atom+xml" : "application/rss+xml", Encoding.UTF8), etag);
        });
        app.MapGet("/pages/{name}", (string name) =>
        {
            var path = Path.Combine(Data, "pages", Path.GetFileName(name));
            return File.Exists(path) ? Results.Text(File.ReadAllText(path), "text/html; charset=utf-8") : Results.NotFound();
        });
        app.MapGet("/news/{name}", (string name) =>
            Results.Text($"<html><body><article><p>The page of {name}.</p></article></body></html>", "text/html; charset=utf-8"));
        app.MapGet("/redirect/a", () => Results.Redirect("/redirect/b"));
        app.MapGet("/redirect/b", () => Results.Redirect("/redirect/a"));
        app.MapGet("/loop/feed.xml", () => Results.Redirect("/loop/feed.xml?again"));
        // 20 MB, sent in chunks with no Content-Length: the reader has to stop reading, not merely refuse a header.
        app.MapGet("/huge.html", async (HttpResponse response) =>
        {
            response.ContentType = "text/html; charset=utf-8";
            var line = Encoding.UTF8.GetBytes("<p>" + new string('x', 1019) + "</p>\n");
            try
            {
                await response.Body.WriteAsync(Encoding.UTF8.GetBytes("<html><body>"));
                for (var i = 0; i < 20 * 1024; i++) await response.Body.WriteAsync(line);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException) { /* the reader hung up, as it should */ }
        });
        app.MapGet("/report.pdf", () => Results.Bytes(Encoding.ASCII.GetBytes("%PDF-1.4\n% a test document\n%%EOF\n"), "application/pdf"));
    }

    public int Count(string path, int status) => Requests.Count(r => r.Path == path && r.Status == status);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    [GeneratedRegex(@"<!--later-->.*?<!--/later-->", RegexOptions.Singleline)]
    private static partial Regex LaterItem();

    /// <summary>The feed with its ETag and a fixed Last-Modified.</summary>
    sealed class WithValidators(IResult inner, string etag) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.Headers.ETag = etag;
            context.Response.Headers.LastModified = Modified.ToString("R");
            return inner.ExecuteAsync(context);
        }
    }
}
