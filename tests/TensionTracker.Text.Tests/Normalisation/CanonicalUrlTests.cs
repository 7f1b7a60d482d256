using TensionTracker.Text.Normalisation;

namespace TensionTracker.Text.Tests.Normalisation;

public class CanonicalUrlTests
{
    [Theory]
    [InlineData("https://user:pass@news.example/a/b?x=1#f", "https://news.example/a/b?x=1#f")]
    [InlineData("https://user@news.example", "https://news.example")]
    [InlineData("http://u:p@ss@news.example:8080/a", "http://news.example:8080/a")]     // an @ inside the password
    [InlineData("https://:@news.example/", "https://news.example/")]
    [InlineData("https://u:p@news.example\\a@b", "https://news.example\\a@b")]          // a backslash ends the authority
    [InlineData("https://news.example/mail?to=a@b.example", "https://news.example/mail?to=a@b.example")]  // not in the authority
    [InlineData("https://news.example/p/@handle", "https://news.example/p/@handle")]
    [InlineData("  https://NEWS.example/Path?utm_source=x  ", "  https://NEWS.example/Path?utm_source=x  ")]  // the rest untouched
    [InlineData("not a url", "not a url")]
    public void credentials_are_removed_and_nothing_else(string url, string expected) =>
        Assert.Equal(expected, CanonicalUrl.WithoutCredentials(url));

    [Theory]
    [InlineData("https://user:pass@www.news.example/2026/story?utm_source=x", "https://news.example/2026/story")]
    [InlineData("http://u:p@news.example:8443/a/", "https://news.example:8443/a")]
    public void the_canonical_form_never_holds_credentials(string url, string canonical)
    {
        Assert.Equal(canonical, CanonicalUrl.Canonicalise(url));
        Assert.Equal(CanonicalUrl.ArticleId(CanonicalUrl.Canonicalise(CanonicalUrl.WithoutCredentials(url))!),
            CanonicalUrl.ArticleId(CanonicalUrl.Canonicalise(url)!));
    }

    [Theory]
    [InlineData("https://www.news.example/2026/11/20/chile-peru?utm_source=newsletter&b=2&a=1#top")]
    [InlineData("http://news.example:8080/a/b/")]
    [InlineData("https://news.example/mail?to=a@b.example")]
    [InlineData("https://news.example/p/@handle")]
    public void a_url_without_credentials_is_left_as_it_is(string url) => Assert.Same(url, CanonicalUrl.WithoutCredentials(url));

    [Fact]
    public void ids_are_what_they_were_before_credentials_were_stripped()
    {
        // Computed with the code before the change: an id is the name of a stream, and must never move.
        var expected = new Guid("595f04bb-f95a-5ee4-98f9-10d99433b7a7");
        Assert.Equal(expected, CanonicalUrl.ArticleId(CanonicalUrl.Canonicalise("https://www.news.example/2026/11/20/chile-peru?utm_source=newsletter&b=2&a=1#top")!));
        Assert.Equal(expected, CanonicalUrl.ArticleId(CanonicalUrl.Canonicalise("https://user:pass@www.news.example/2026/11/20/chile-peru?b=2&a=1")!));
    }
}
