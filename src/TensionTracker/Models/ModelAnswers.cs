using System.Text.Json;

namespace TensionTracker.Models;

// The shapes of the model endpoints' answers, for the OpenAPI document: the endpoints build these objects inline,
// and a test (TheApiDocument) compares every answer's fields with these.

/// <summary>Lanes: for each model scoring new articles, the article revisions waiting for it and the oldest one's age.</summary>
public sealed record ModelListAnswer(string Default, IReadOnlyList<ModelAnswer> Items, IReadOnlyList<DeepLane.LaneState> Lanes);

/// <summary>
/// Metrics: the held-out metrics of the model's card when it was registered. Card: the card file as it is now (every
/// evaluation set with its metrics, the calibration table, speed, memory, training data, settings and the exact
/// command; without the training rows' hashes), null when the model has none.
/// </summary>
public sealed record ModelAnswer(string Name, bool IsDefault, DateTimeOffset RegisteredAt, DateTimeOffset? PromotedAt, string FileHash, JsonElement? Metrics,
    JsonElement? Card);

public sealed record PromotionAnswer(string Default, string Previous, bool Changed);

public sealed record ComparisonAnswer(
    string Base, string Candidate, DateTimeOffset At, DateTimeOffset AsOf, double? RankCorrelation, int Pairs, int PairsScoredByBoth,
    double? MeanAbsoluteDifference, IReadOnlyList<ComparedPair> Items, ChangeDecomposition? Decomposition);

/// <summary>With pair, from and to: the pair's change from base at from to candidate at to, split into news and model.</summary>
public sealed record ChangeDecomposition(
    string Pair, DateTimeOffset From, DateTimeOffset To, IndexesAtBothEnds Index, double? Change, NewsPart News, ModelPart Model);

public sealed record IndexesAtBothEnds(IndexPeriod Base, IndexPeriod Candidate);

public sealed record IndexPeriod(double? From, double? To);

/// <summary>The change the news made: each model from `from` to `to`, and their mean.</summary>
public sealed record NewsPart(double? Base, double? Candidate, double? Mean);

/// <summary>The change the model made: candidate minus base at `from` and at `to`, and their mean.</summary>
public sealed record ModelPart(double? From, double? To, double? Mean);
