namespace TensionTracker.Text.Scoring;

/// <summary>Where a long command stands, for a progress bar: step <c>Number</c> of <c>Count</c> is starting.</summary>
public readonly record struct CommandStep(int Number, int Count, string Name);
