using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace TensionTracker.Feeds;

/// <summary>A fetch that cannot be used, with the reason. Permanent: asking again will not help (404, a PDF, a loop).</summary>
public sealed class FetchFailedException(string reason, bool permanent) : Exception(reason)
{
    public bool Permanent { get; } = permanent;
}

/// <summary>An answer read in full, within the size limit; NotModified when the server answered 304.</summary>
public sealed record Fetched(Uri Url, bool NotModified, string? MediaType, string? Charset, byte[] Body, string? ETag, string? LastModified);

/// <summary>
/// GET for feeds and pages, polite and bounded: one request per host per <see cref="FeedOptions.PerHostSeconds"/>,
/// conditional headers, redirects followed by hand (a loop or too many is an error), a timeout over the whole
/// exchange, the media type checked before the body is read, and the body read as a stream up to a limit, so a
/// 20 MB page is refused after 5 MB, never held whole.
/// </summary>
public sealed class PoliteFetcher(IOptions<FeedOptions> options, TimeProvider clock)
{
    readonly FeedOptions limits = options.Value;
    readonly HostTurns turns = new(TimeSpan.FromSeconds(options.Value.PerHostSeconds));
    readonly HttpClient http = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(options.Value.TimeoutSeconds),
    }) { Timeout = Timeout.InfiniteTimeSpan };

    public Task<Fetched> GetFeed(Uri url, string? etag, string? lastModified, CancellationToken ct) =>
        Get(url, etag, lastModified, limits.MaxFeedBytes, "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5",
            type => type is null || !IsBinary(type) && type != "text/html" ? null : $"not a feed ({type})", ct);

    public Task<Fetched> GetPage(Uri url, CancellationToken ct) =>
        Get(url, null, null, limits.MaxPageBytes, "text/html, application/xhtml+xml;q=0.9",
            type => type is null or "text/html" or "application/xhtml+xml" ? null : $"not an HTML page ({type})", ct);

    static bool IsBinary(string type) => type.StartsWith("image/") || type.StartsWith("audio/") || type.StartsWith("video/")
        || type is "application/pdf" or "application/octet-stream" or "application/zip";

    async Task<Fetched> Get(Uri url, string? etag, string? lastModified, long maxBytes, string accept, Func<string?, string?> refuse, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(limits.TimeoutSeconds));
        var visited = new List<Uri> { url };
        try
        {
            while (true)
            {
                await turns.Wait(url.IdnHost, clock, timeout.Token);
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.UserAgent.ParseAdd(limits.UserAgent);
                request.Headers.Accept.ParseAdd(accept);
                if (etag is not null) request.Headers.TryAddWithoutValidation("If-None-Match", etag);
                if (lastModified is not null) request.Headers.TryAddWithoutValidation("If-Modified-Since", lastModified);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);

                if ((int)response.StatusCode is >= 300 and < 400 && response.StatusCode != HttpStatusCode.NotModified)
                {
                    if (response.Headers.Location is not { } location) throw new FetchFailedException($"{url} redirects without a Location", permanent: true);
                    var next = location.IsAbsoluteUri ? location : new Uri(url, location);
                    if (next.Scheme is not ("http" or "https")) throw new FetchFailedException($"{url} redirects to {next}, which is not http(s)", permanent: true);
                    if (visited.Contains(next)) throw new FetchFailedException($"redirect loop: {string.Join(" -> ", visited.SkipWhile(u => u != next))} -> {next}", permanent: true);
                    visited.Add(next);
                    if (visited.Count - 1 > limits.MaxRedirects) throw new FetchFailedException($"more than {limits.MaxRedirects} redirects from {visited[0]}", permanent: true);
                    url = next;
                    continue;
                }
                var validators = (response.Headers.ETag?.ToString(), response.Content.Headers.LastModified?.ToString("R"));
                if (response.StatusCode == HttpStatusCode.NotModified) return new Fetched(url, true, null, null, [], validators.Item1 ?? etag, validators.Item2 ?? lastModified);
                if (!response.IsSuccessStatusCode)
                {
                    var code = (int)response.StatusCode;
                    throw new FetchFailedException($"{url} answered {code} ({response.ReasonPhrase})",
                        permanent: code is >= 400 and < 500 and not 408 and not 429);
                }
                var type = response.Content.Headers.ContentType?.MediaType?.ToLowerInvariant();
                if (refuse(type) is { } why) throw new FetchFailedException($"{url}: {why}", permanent: true);
                var body = await ReadCapped(response.Content, maxBytes, url, timeout.Token);
                return new Fetched(url, false, type, response.Content.Headers.ContentType?.CharSet, body, validators.Item1, validators.Item2);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new FetchFailedException($"{url} did not answer within {limits.TimeoutSeconds:0.#} s", permanent: false);
        }
        catch (HttpRequestException e)
        {
            throw new FetchFailedException($"{url}: {e.Message}", permanent: false);
        }
    }

    static async Task<byte[]> ReadCapped(HttpContent content, long maxBytes, Uri url, CancellationToken ct)
    {
        string TooLarge() => $"{url} is larger than the limit of {maxBytes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} bytes";
        if (content.Headers.ContentLength > maxBytes) throw new FetchFailedException(TooLarge(), permanent: true);
        await using var stream = await content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes) throw new FetchFailedException(TooLarge(), permanent: true);
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}

/// <summary>
/// One request per host per interval, in this process: each caller takes the next free slot of its host and
/// waits for it, so two feeds on one server are read one after the other, not at once.
/// </summary>
public sealed class HostTurns(TimeSpan interval)
{
    readonly ConcurrentDictionary<string, DateTimeOffset> next = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The moment this caller may send to the host, and the host's next slot taken.</summary>
    public DateTimeOffset Take(string host, DateTimeOffset now)
    {
        DateTimeOffset slot = now;
        next.AddOrUpdate(host, _ => { slot = now; return now + interval; }, (_, free) =>
        {
            slot = free > now ? free : now;
            return slot + interval;
        });
        return slot;
    }

    public async Task Wait(string host, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var slot = Take(host, now);
        if (slot > now) await Task.Delay(slot - now, clock, ct);
    }
}
