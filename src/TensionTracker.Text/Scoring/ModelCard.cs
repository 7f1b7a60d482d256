using System.Text.Json;
using System.Text.Json.Serialization;

namespace TensionTracker.Text.Scoring;

/// <summary>
/// The metrics card written beside a model zip (<c>NAME.card.json</c>): what it was trained on, how it
/// was split, its features and settings, its figures, and the exact command that rebuilds it.
/// <see cref="TrainingRowHashes"/> lists the content hash of every row it learned from, so an
/// evaluation can leave those rows out whatever file they come in.
/// </summary>
public sealed record ModelCard
{
    public required string Name { get; init; }
    public required string CreatedUtc { get; init; }
    public required int Seed { get; init; }
    public required string Command { get; init; }
    public required List<DataFileCard> DataFiles { get; init; }
    public required Dictionary<string, string> Lexicons { get; init; }
    public required string Split { get; init; }
    public required List<string> Features { get; init; }
    public required Dictionary<string, string> Settings { get; init; }
    public required Dictionary<string, Dictionary<string, double>> Metrics { get; init; }
    public required string ClassRule { get; init; }
    public required List<string> TrainingRowHashes { get; init; }
    /// <summary>Reliability of the stance classes on held-out documents (models with class probabilities; null before v5).</summary>
    public List<CalibrationBin>? CalibrationTable { get; init; }
    /// <summary>Scoring speed and the memory the loaded model takes, measured when the card was written.</summary>
    public Dictionary<string, double>? Speed { get; init; }
    public Dictionary<string, double>? Memory { get; init; }

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string PathFor(string modelZipPath) =>
        Path.Combine(Path.GetDirectoryName(modelZipPath) ?? ".", Path.GetFileNameWithoutExtension(modelZipPath) + ".card.json");

    public static ModelCard? TryLoad(string modelZipPath)
    {
        var path = PathFor(modelZipPath);
        return File.Exists(path) ? JsonSerializer.Deserialize<ModelCard>(File.ReadAllText(path), Json) : null;
    }

    public void Save(string modelZipPath)
    {
        // Hashes one per line keeps the card readable in a diff.
        var text = JsonSerializer.Serialize(this, Json);
        File.WriteAllText(PathFor(modelZipPath), text + "\n");
    }
}

public sealed record DataFileCard(string Path, string Sha256, string Kind, int Rows, int TrainRows, int HeldOutRows, double Weight);
