using System.Security.Cryptography;
using System.Text;

namespace TensionTracker.Text.Normalisation;

/// <summary>
/// An article's identity: the canonical form of its URL (scheme and host lower-cased, "www.", credentials and
/// fragment dropped, tracking parameters removed, the rest sorted), turned into a name-based UUID, so the
/// same story reached through a newsletter link and a feed is one stream.
/// </summary>
public static class CanonicalUrl
{
    static readonly Guid Namespace = new("6f1c1b7e-4d0a-4b7e-9a53-0c3f2d9e8a11");

    static readonly string[] TrackingPrefixes = ["utm_", "mc_", "pk_", "hsa_", "_hs", "oly_"];
    static readonly HashSet<string> TrackingNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "ocid", "cmpid", "ref", "ref_src", "smid",
        "smtyp", "src", "source", "share", "cid", "rss", "feature", "at_medium", "at_campaign", "guccounter", "s",
    };

    public static string? Canonicalise(string url)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)) return null;
        if (uri.Scheme is not ("http" or "https")) return null;
        var host = uri.IdnHost.ToLowerInvariant();
        if (host.StartsWith("www.")) host = host[4..];
        var path = uri.AbsolutePath.Length > 1 ? uri.AbsolutePath.TrimEnd('/') : "";
        var query = uri.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !IsTracking(p.Split('=')[0]))
            .Order(StringComparer.Ordinal)
            .ToArray();
        var port = uri.IsDefaultPort ? "" : ":" + uri.Port;
        return $"https://{host}{port}{path}" + (query.Length > 0 ? "?" + string.Join('&', query) : "");
    }

    /// <summary>
    /// The URL as given, without its user information (<c>https://user:pass@host/...</c> becomes
    /// <c>https://host/...</c>), so credentials are never stored or served; everything else is kept as it was.
    /// The canonical form never had them, so an article's id does not change.
    /// </summary>
    public static string WithoutCredentials(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0) return url;
        var start = scheme + 3;
        // The authority ends where the path, query or fragment begins (a backslash counts as a slash for http).
        var end = url.IndexOfAny(['/', '?', '#', '\\'], start);
        if (end < 0) end = url.Length;
        var at = url.LastIndexOf('@', end - 1, end - start);
        return at < 0 ? url : url[..start] + url[(at + 1)..];
    }

    static bool IsTracking(string name) =>
        TrackingNames.Contains(name) || TrackingPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>Name-based (version 5) UUID: the same name always gives the same id.</summary>
    public static Guid ArticleId(string canonicalUrlOrContentHash)
    {
        var ns = Namespace.ToByteArray(bigEndian: true);
        var name = Encoding.UTF8.GetBytes(canonicalUrlOrContentHash);
        var hash = SHA1.HashData([.. ns, .. name]);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
