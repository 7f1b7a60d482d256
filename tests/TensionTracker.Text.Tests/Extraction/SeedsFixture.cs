using TensionTracker.Text.Extraction;

namespace TensionTracker.Text.Tests.Extraction;

/// <summary>One gazetteer for all extraction tests: it is read from the repository's own <c>seeds/</c>, not shared data.</summary>
public sealed class SeedsFixture
{
    public Gazetteer Gazetteer { get; }
    public StatementExtractor Extractor { get; }
    public string SeedsRoot { get; }

    public SeedsFixture()
    {
        var dir = Gazetteer.FindSeeds() ?? throw new InvalidOperationException("seeds/gazetteer not found above the test folder");
        SeedsRoot = Path.GetDirectoryName(dir)!;
        Gazetteer = Gazetteer.Load(dir);
        Extractor = new StatementExtractor(Gazetteer);
    }

    public static readonly DateTimeOffset Sept2025 = new(2025, 9, 20, 12, 0, 0, TimeSpan.Zero);
}

[CollectionDefinition(Name)]
public sealed class SeedsCollection : ICollectionFixture<SeedsFixture>
{
    public const string Name = "seeds";
}
