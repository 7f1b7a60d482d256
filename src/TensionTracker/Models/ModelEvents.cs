using System.Text.Json;

namespace TensionTracker.Models;

// The events on the models stream (one stream for the whole registry). A contract, like the article events.

/// <summary>A trained model became known: its name is a version, its file hash pins the artifact, its metrics come from the card.</summary>
public sealed record ModelRegistered(string Name, string FileHash, JsonElement? Metrics, DateTimeOffset RegisteredAt);

/// <summary>The model became the default for reads and for scoring new articles; the previous one stays queryable by name.</summary>
public sealed record ModelPromoted(string Name, string? Previous, DateTimeOffset PromotedAt);

public static class ModelsStream
{
    /// <summary>The registry's stream id: fixed, so every process appends to the same stream.</summary>
    public static readonly Guid Id = Guid.Parse("6d6f6465-6c73-4000-8000-74656e73696f");
}
