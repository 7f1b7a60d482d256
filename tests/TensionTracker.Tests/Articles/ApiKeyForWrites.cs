using System.Net;
using System.Net.Http.Json;
using TensionTracker.Tests.Support;

namespace TensionTracker.Tests.Articles;

public sealed class KeyedHost() : IAsyncLifetime
{
    public HostFixture Host { get; } = new(new() { ["Api__Key"] = "test-secret" });
    public Task InitializeAsync() => Host.InitializeAsync();
    public Task DisposeAsync() => Host.DisposeAsync();
}

public class when_an_api_key_is_configured(KeyedHost keyed) : IClassFixture<KeyedHost>
{
    [Fact]
    public async Task writes_need_the_key_and_reads_do_not()
    {
        var http = keyed.Host.Http;
        var article = Support.Articles.Make("keyed", "Chile and Peru", "Chile's president said Peru was a partner.");

        var without = await http.PostAsJsonAsync("/api/articles", article);
        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);

        var wrong = new HttpRequestMessage(HttpMethod.Post, "/api/articles") { Content = JsonContent.Create(article) };
        wrong.Headers.Add("X-Api-Key", "nope");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrong)).StatusCode);

        var with = new HttpRequestMessage(HttpMethod.Post, "/api/articles") { Content = JsonContent.Create(article) };
        with.Headers.Add("X-Api-Key", "test-secret");
        Assert.Equal(HttpStatusCode.Accepted, (await http.SendAsync(with)).StatusCode);

        var delete = await http.DeleteAsync($"/api/articles/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.Unauthorized, delete.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/dyads")).StatusCode);
    }
}
