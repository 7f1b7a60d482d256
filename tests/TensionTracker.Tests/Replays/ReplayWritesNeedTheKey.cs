using System.Net;
using System.Net.Http.Json;
using TensionTracker.Tests.Articles;

namespace TensionTracker.Tests.Replays;

public class when_an_api_key_is_configured_promote_and_replay(KeyedHost keyed) : IClassFixture<KeyedHost>
{
    [Fact]
    public async Task need_the_key_while_models_and_replays_stay_readable_without_it()
    {
        var http = keyed.Host.Http;
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync("/api/models/no-such-model/promote", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsJsonAsync("/api/replays", new { model = "no-such-model" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync($"/api/replays/{Guid.NewGuid()}/cancel", null)).StatusCode);

        // With the key the request gets through to the endpoint (which knows no such model or replay).
        Assert.Equal(HttpStatusCode.NotFound, (await Send(http, HttpMethod.Post, "/api/models/no-such-model/promote")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(http, HttpMethod.Post, "/api/replays", new { model = "no-such-model" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(http, HttpMethod.Post, $"/api/replays/{Guid.NewGuid()}/cancel")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/models")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/replays")).StatusCode);
    }

    static Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", "test-secret");
        return http.SendAsync(request);
    }
}
