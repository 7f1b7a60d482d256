namespace TensionTracker.Text.Tests.Scoring;

/// <summary>Where the repository, its seeds and the shared data (../shared/data from the root) are.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();
    public static string Lexicons => Path.Combine(Root, "seeds", "lexicons");
    public static string Models => Path.Combine(Root, "seeds", "models");
    public static string StanceSet => Path.Combine(Root, "seeds", "stance", "diplomatic_statements.tsv");
    public static string SharedData => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));
    public static string NytDev => Path.Combine(SharedData, "tone", "nyt_editorial_dev.tsv");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TensionTracker.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("TensionTracker.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A fact that needs ../shared/data: skipped, with the reason, where that folder is missing.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute()
    {
        if (!File.Exists(RepoPaths.NytDev))
            Skip = $"needs the shared rated sentences at {RepoPaths.NytDev} (../shared/data from the repository root), which is missing";
    }
}
