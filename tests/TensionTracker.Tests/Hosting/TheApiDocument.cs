using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TensionTracker.Tests.Support;

namespace TensionTracker.Tests.Hosting;

/// <summary>
/// The OpenAPI document against the app itself: the host runs in this process (on its own database, so its bus never
/// takes the shared test host's messages), where its endpoints can be read.
/// </summary>
public sealed class the_api_document : IAsyncLifetime
{
    WebApplicationFactory<Program> app = null!;
    HttpClient http = null!;
    JsonElement document;

    public async Task InitializeAsync()
    {
        var connection = await Databases.Fresh("_openapi");
        app = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            // The content root Program sets (the binary's folder): the factory would otherwise pick the project's.
            .UseContentRoot(AppContext.BaseDirectory)
            .UseSetting("ConnectionStrings:Marten", connection)
            .UseSetting("TensionTracker:Seeds", Path.Combine(HostFixture.Root, "seeds"))
            .UseSetting("TensionTracker:Models", HostFixture.ModelsDir));
        http = app.CreateClient();
        document = await http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await app.DisposeAsync();
    }

    [Fact]
    public void lists_every_api_route_the_app_serves()
    {
        var served = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {WithoutConstraints(e.RoutePattern.RawText!)}"))
            .Order(StringComparer.Ordinal).ToList();
        var documented = Operations().Select(o => $"{o.Method} {o.Path}").Where(o => o.Contains(" /api/")).Order(StringComparer.Ordinal).ToList();
        Assert.True(served.Count >= 14, string.Join("\n", served));
        Assert.Equal(served, documented);
    }

    [Fact]
    public void describes_every_operation_with_its_parameters_answer_and_errors()
    {
        var problems = new List<string>();
        foreach (var (method, path, operation) in Operations().Where(o => o.Path.StartsWith("/api/", StringComparison.Ordinal)))
        {
            var name = $"{method} {path}";
            if (!operation.TryGetProperty("summary", out _)) problems.Add($"{name}: no summary");
            if (!operation.TryGetProperty("operationId", out _)) problems.Add($"{name}: no name");
            var parameters = operation.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
            foreach (var parameter in parameters.Where(x => !x.TryGetProperty("description", out _)))
                problems.Add($"{name}: parameter {parameter.GetProperty("name")} has no description");
            foreach (Match route in Regex.Matches(path, @"\{(\w+)\}"))
                if (!parameters.Any(x => x.GetProperty("name").GetString() == route.Groups[1].Value)) problems.Add($"{name}: route parameter {route.Value} not listed");
            var responses = operation.GetProperty("responses").EnumerateObject().ToList();
            if (!responses.Any(r => r.Name.StartsWith('2') && r.Value.TryGetProperty("content", out _))) problems.Add($"{name}: no answer with a body");
            var errors = responses.Where(r => r.Name.StartsWith('4')).ToList();
            if ((parameters.Count > 0 || operation.TryGetProperty("requestBody", out _)) && errors.Count == 0) problems.Add($"{name}: no error answer");
            foreach (var error in errors.Where(e => !e.Value.TryGetProperty("content", out var c) || !c.TryGetProperty("application/problem+json", out _)))
                problems.Add($"{name}: {error.Name} is not a problem document");
            if (method is "POST" && path is "/api/articles" or "/api/replays" && !operation.TryGetProperty("requestBody", out _)) problems.Add($"{name}: no body");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task every_answer_has_the_fields_the_document_gives_it()
    {
        var published = await http.PostAsJsonAsync("/api/articles", Support.Articles.Make("openapi", "Chile warns Peru over border troops", """
            SANTIAGO (Test Wire) - Chile's foreign minister said on Tuesday that Peru had moved troops across the border and warned that Chile would respond with force if they stayed.

            "This is an unacceptable provocation by Peru," the minister told reporters in Santiago.
            """));
        var id = (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("articleId").GetString();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await http.GetAsync($"/api/articles/{id}") is not { IsSuccessStatusCode: true } article
               || (await article.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString() != "scored")
        {
            Assert.True(DateTime.UtcNow < deadline, "the article was not scored within 60 s");
            await Task.Delay(200);
        }
        var model = (await http.GetFromJsonAsync<JsonElement>("/api/models")).GetProperty("default").GetString();

        var problems = new List<string>();
        foreach (var (path, route) in new[]
                 {
                     ($"/api/articles/{id}", "/api/articles/{id}"), ("/api/dyads", "/api/dyads"), ("/api/dyads/CHL-PER", "/api/dyads/{pair}"),
                     ("/api/dyads/CHL-PER/series", "/api/dyads/{pair}/series"), ("/api/dyads/CHL-PER/statements", "/api/dyads/{pair}/statements"),
                     ("/api/models", "/api/models"), ($"/api/compare?candidate={model}&pair=CHL-PER", "/api/compare"), ("/api/replays", "/api/replays"),
                 })
        {
            var answer = await http.GetFromJsonAsync<JsonElement>(path);
            var schema = Operations().Single(o => o.Method == "GET" && o.Path == route).Operation
                .GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema");
            Compare(answer, schema, path, problems);
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>Every object in the answer has exactly the properties its schema lists (nested objects and array items too).</summary>
    void Compare(JsonElement value, JsonElement schema, string at, List<string> problems)
    {
        schema = Resolve(schema);
        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
            foreach (var item in value.EnumerateArray()) Compare(item, items, at + "[]", problems);
        if (value.ValueKind != JsonValueKind.Object) return;
        if (schema.TryGetProperty("properties", out var properties))
        {
            var given = value.EnumerateObject().Select(p => p.Name).ToHashSet();
            var listed = properties.EnumerateObject().Select(p => p.Name).ToHashSet();
            foreach (var extra in given.Except(listed)) problems.Add($"{at}: '{extra}' is not in the document");
            foreach (var missing in listed.Except(given)) problems.Add($"{at}: '{missing}' is documented but not answered");
            foreach (var property in value.EnumerateObject().Where(p => listed.Contains(p.Name)))
                Compare(property.Value, properties.GetProperty(property.Name), $"{at}.{property.Name}", problems);
        }
        else if (schema.TryGetProperty("additionalProperties", out var entries) && entries.ValueKind == JsonValueKind.Object)
            foreach (var property in value.EnumerateObject()) Compare(property.Value, entries, $"{at}[{property.Name}]", problems);
    }

    /// <summary>Follows $ref into the components, and a nullable's non-null branch.</summary>
    JsonElement Resolve(JsonElement schema)
    {
        while (true)
        {
            if (schema.TryGetProperty("$ref", out var reference))
                schema = document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/').Last());
            else if ((schema.TryGetProperty("oneOf", out var choices) || schema.TryGetProperty("anyOf", out choices))
                     && choices.EnumerateArray().FirstOrDefault(c => !(c.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null")) is { ValueKind: JsonValueKind.Object } branch)
                schema = branch;
            else return schema;
        }
    }

    IEnumerable<(string Method, string Path, JsonElement Operation)> Operations() =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete")
            .Select(o => (o.Name.ToUpperInvariant(), path.Name, o.Value)));

    static string WithoutConstraints(string route) => Regex.Replace(route, @"\{(\w+)[^}]*\}", "{$1}");
}
