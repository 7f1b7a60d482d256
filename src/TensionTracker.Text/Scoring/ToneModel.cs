namespace TensionTracker.Text.Scoring;

// TEMPORARY placeholder until the model branch lands (replaced wholesale on merge).
public sealed class ToneModel
{
    public string Name { get; private init; } = "";
    public static ToneModel Load(string modelZipPath, string lexiconDir) => new() { Name = Path.GetFileNameWithoutExtension(modelZipPath) };
    public StatementScore[] Score(IReadOnlyList<string> texts) =>
        texts.Select(t => t.Contains("threat", StringComparison.OrdinalIgnoreCase) ? new StatementScore(-0.5f, -0.8f, StanceClasses.Conflict) : new StatementScore(0, 0, StanceClasses.Neutral)).ToArray();
}
