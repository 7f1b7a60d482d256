using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.Options;
using TensionTracker.Pipeline;
using TensionTracker.Text.Scoring;

namespace TensionTracker.Models;

public sealed record RegistrationResult(string Name, string Outcome, string? Problem = null)
{
    public bool Ok => Problem is null;
}

/// <summary>
/// Registers a model placed in the models folder (NAME.zip, with NAME.words.tsv and its card NAME.card.json beside it): the files' hash and
/// the card's metrics become a ModelRegistered event. A name is a version: registering the same file again is a
/// no-op, a different file under a registered name is refused (train it under a new name), and so is a file the host
/// could not load (corrupt or truncated: the reason is given, and nothing changes, so the default stays as it was).
/// </summary>
public static class RegisterModel
{
    public static async Task<RegistrationResult> Register(IDocumentStore store, PipelineOptions options, string name, DateTimeOffset now, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name) || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name.Contains(".."))
            return new(name, "rejected", $"'{name}' is not a valid model name");
        var zip = Path.Combine(options.ModelsPath, name + ".zip");
        if (!File.Exists(zip)) return new(name, "rejected", $"no {name}.zip in the models folder");
        var hash = await FileHash([zip, Path.Combine(options.ModelsPath, name + ".words.tsv")], ct);
        if (Unreadable(name, zip, options.LexiconsPath) is { } problem) return new(name, "rejected", problem);
        JsonElement? metrics;
        try { metrics = ReadMetrics(Path.Combine(options.ModelsPath, name + ".card.json")); }
        catch (JsonException e) { return new(name, "rejected", $"{name}.card.json is not valid JSON ({e.Message})"); }

        for (var attempt = 0; ; attempt++)
        {
            await using var session = store.LightweightSession();
            var stream = await session.Events.FetchForWriting<ModelsView>(ModelsStream.Id, ct);
            if (stream.Aggregate?.Find(name) is { } existing)
                return existing.FileHash == hash
                    ? new(name, "already registered")
                    : new(name, "rejected", $"'{name}' is already registered with another file (sha256 {existing.FileHash[..12]}...); a name is a version: register the new file under a new name");
            stream.AppendOne(new ModelRegistered(name, hash, metrics, now));
            try
            {
                await session.SaveChangesAsync(ct);
                return new(name, "registered");
            }
            catch (Exception e) when (attempt < 5 && e is JasperFx.ConcurrencyException or Marten.Exceptions.ExistingStreamIdCollisionException)
            {
                // Another process registered something at the same moment: read again.
            }
        }
    }

    /// <summary>
    /// Why the model's zip cannot serve, or null: every entry is read through (a truncated or damaged zip fails its
    /// directory or an entry's checksum), then the model is loaded as the host would load it. Refusing here keeps a
    /// broken file from ever becoming a version that replays or promotion could pick.
    /// </summary>
    static string? Unreadable(string name, string zip, string lexicons)
    {
        try
        {
            using var archive = ZipFile.OpenRead(zip);
            foreach (var entry in archive.Entries)
            {
                using var content = entry.Open();
                content.CopyTo(Stream.Null);
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return $"{name}.zip is corrupt or truncated: not a readable zip ({e.Message})";
        }
        try
        {
            // A deep model's zip holds its heads (the encoder comes from its package); any other is the fast model's.
            if (TensionTracker.Deep.DeepModel.IsDeepModel(zip)) TensionTracker.Deep.DeepModel.Load(zip).Dispose();
            else ToneModel.Load(zip, lexicons);
        }
        catch (Exception e)
        {
            return $"{name}.zip cannot be loaded as a model ({e.GetType().Name}: {e.Message})";
        }
        return null;
    }

    /// <summary>SHA-256 over the model's files in order (the zip, then its word ratings when there are any): the artifact as scored.</summary>
    static async Task<string> FileHash(string[] paths, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        foreach (var path in paths.Where(File.Exists))
        {
            await using var file = File.OpenRead(path);
            int read;
            while ((read = await file.ReadAsync(buffer, ct)) > 0) hash.AppendData(buffer, 0, read);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The card's "metrics" object as it is (whatever the trainer measured); none when there is no card.</summary>
    static JsonElement? ReadMetrics(string cardPath)
    {
        if (!File.Exists(cardPath)) return null;
        using var card = JsonDocument.Parse(File.ReadAllText(cardPath));
        return card.RootElement.TryGetProperty("metrics", out var metrics) ? metrics.Clone() : null;
    }
}

/// <summary>At start-up, the configured default model (from seeds) is registered when it is not yet (idempotent).</summary>
public sealed class RegisterDefaultModel(IDocumentStore store, IOptions<PipelineOptions> options, TimeProvider clock,
    ModelCatalog catalog, ILogger<RegisterDefaultModel> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        var result = await RegisterModel.Register(store, options.Value, options.Value.DefaultModel, clock.GetUtcNow(), ct);
        if (!result.Ok) log.LogWarning("default model {Model} not registered: {Problem}", result.Name, result.Problem);
        else if (result.Outcome == "registered") log.LogInformation("registered the default model {Model}", result.Name);
        await catalog.Refresh(ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
