namespace TensionTracker.Dyads;

// The shapes of the dyad endpoints' answers, for the OpenAPI document: the endpoints build these objects inline,
// and a test (TheApiDocument) compares every answer's fields with these.

public sealed record DyadRankingAnswer(string Model, string Order, DateTimeOffset At, DateTimeOffset AsOf, IReadOnlyList<DyadSummary> Items);

public sealed record DyadAnswer(
    string Model, DateTimeOffset At, DateTimeOffset AsOf, string Pair, string[] Countries, double? Tension, double Confidence,
    double? Uncertainty, double? LowerBound, int Statements, double? Trend7d, double? Trend30d, DateTimeOffset? LastStatementAt, IReadOnlyList<DirectedComponent> Directed);

public sealed record DyadSeriesAnswer(string Pair, string Model, DateTimeOffset AsOf, IReadOnlyList<SeriesPoint> Points);

public sealed record DyadStatementsAnswer(string Pair, string Model, IReadOnlyList<StatementEvidence> Items);
