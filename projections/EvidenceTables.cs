using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace TensionTracker;

/// <summary>
/// The tables EvidenceProjection writes, declared to Marten (it creates and migrates them with its own schema, and
/// empties them when the projection is rebuilt):
///   dyad_statements     one row per statement and country pair it bears on, for one extraction of one revision: who
///                       spoke, to whom, where in the text, with what weight; closed (kept) after a revision, re-extraction,
///                       retraction or link as a copy, for reads "as known then".
///   dyad_readings       one row per model and extraction: that model's reading of each entry (statement and pair, in the
///                       order of dyad_statements.entry: class probabilities toward the pair's other country, stance, tone),
///                       and what the extraction adds to each pair's totals (sums of TensionIndex.Contribute, grown by
///                       <see cref="DyadTotals.Growth"/>), so closing it takes exactly that away. removed_at: when it
///                       stopped counting.
///   dyad_totals,        running sums per model and pair (and per UTC day of publication), grown so that the decay at any
///   dyad_day_totals     moment is one factor: the current ranking reads these, never the evidence. last_published: the
///                       latest statement ever counted; a row whose statements all left stays, with 0 statements.
///   article_fingerprints, article_bands: the MinHash of each article that can be an original, to find syndicated copies.
/// </summary>
public static class EvidenceTables
{
    public const string Statements = "dyad_statements";
    public const string Readings = "dyad_readings";
    public const string Totals = "dyad_totals";
    public const string DayTotals = "dyad_day_totals";
    public const string Fingerprints = "article_fingerprints";
    public const string Bands = "article_bands";

    public static readonly string[] All = [Statements, Readings, Totals, DayTotals, Fingerprints, Bands];

    public static IEnumerable<Table> Define(string schema)
    {
        var statements = new Table(new PostgresqlObjectName(schema, Statements, SchemaUtils.IdentifierUsage.General));
        statements.AddColumn<Guid>("article_id").AsPrimaryKey();
        statements.AddColumn<int>("revision").AsPrimaryKey();
        statements.AddColumn("extractor_version", "text").AsPrimaryKey();
        statements.AddColumn<int>("statement").AsPrimaryKey();
        statements.AddColumn("pair", "text").AsPrimaryKey();
        statements.AddColumn<int>("entry").NotNull();
        statements.AddColumn("from_country", "text");     // null for narration (no speaking country)
        statements.AddColumn("to_country", "text");
        statements.AddColumn("target_country", "text").NotNull();
        statements.AddColumn("speaker", "text");
        statements.AddColumn("speaker_role", "text").NotNull();
        statements.AddColumn("speaker_country", "text");
        statements.AddColumn<int>("start_offset").NotNull();
        statements.AddColumn<int>("end_offset").NotNull();
        statements.AddColumn("weight", "double precision").NotNull();
        statements.AddColumn("published_at", "timestamp with time zone").NotNull();
        statements.AddColumn("closed_at", "timestamp with time zone");
        statements.Indexes.Add(new IndexDefinition($"{Statements}_by_pair") { Columns = ["pair", "published_at"] });
        yield return statements;

        var readings = new Table(new PostgresqlObjectName(schema, Readings, SchemaUtils.IdentifierUsage.General));
        readings.AddColumn<Guid>("article_id").AsPrimaryKey();   // article first: a revision or retraction closes its rows
        readings.AddColumn("model", "text").AsPrimaryKey();
        readings.AddColumn<int>("revision").AsPrimaryKey();
        readings.AddColumn("extractor_version", "text").AsPrimaryKey();
        readings.AddColumn("published_at", "timestamp with time zone").NotNull();
        readings.AddColumn("recorded_at", "timestamp with time zone").NotNull();
        readings.AddColumn("removed_at", "timestamp with time zone");
        foreach (var perEntry in new[] { "tones", "stances", "conflict", "neutral", "cooperation" })
            readings.AddColumn(perEntry, "real[]").NotNull();
        readings.AddColumn("pairs", "text[]").NotNull();
        readings.AddColumn("signal", "double precision[]").NotNull();
        readings.AddColumn("polar", "double precision[]").NotNull();
        readings.AddColumn("neutral_mass", "double precision[]").NotNull();
        readings.AddColumn("counts", "integer[]").NotNull();
        yield return readings;

        foreach (var (name, daily) in new[] { (Totals, false), (DayTotals, true) })
        {
            var totals = new Table(new PostgresqlObjectName(schema, name, SchemaUtils.IdentifierUsage.General));
            totals.AddColumn("model", "text").AsPrimaryKey();
            totals.AddColumn("pair", "text").AsPrimaryKey();
            if (daily) totals.AddColumn("day", "date").AsPrimaryKey();
            totals.AddColumn("signal", "double precision").NotNull();
            totals.AddColumn("polar", "double precision").NotNull();
            totals.AddColumn("neutral", "double precision").NotNull();
            totals.AddColumn<int>("statements").NotNull();
            totals.AddColumn("last_published", "timestamp with time zone").NotNull();
            // The current ranking reads down the pairs by the grown sum that bounds its order (RankingCutoff); grown sums
            // keep their order over time.
            if (!daily)
            {
                totals.Indexes.Add(new IndexDefinition($"{name}_by_evidence") { Columns = ["model", "polar", "pair"] });
                totals.Indexes.Add(new IndexDefinition($"{name}_by_signal") { Columns = ["model", "signal", "pair"] });
            }
            yield return totals;
        }

        var fingerprints = new Table(new PostgresqlObjectName(schema, Fingerprints, SchemaUtils.IdentifierUsage.General));
        fingerprints.AddColumn<Guid>("article_id").AsPrimaryKey();
        fingerprints.AddColumn("fingerprint", "bigint[]").NotNull();
        fingerprints.AddColumn("bands", "bigint[]").NotNull();
        fingerprints.AddColumn("published_at", "timestamp with time zone").NotNull();
        yield return fingerprints;

        // Band lookups are b-tree probes limited to a time window (SyndicatedCopies.Window), so their cost does not grow with history.
        var bands = new Table(new PostgresqlObjectName(schema, Bands, SchemaUtils.IdentifierUsage.General));
        bands.AddColumn<long>("band").AsPrimaryKey();
        bands.AddColumn("published_at", "timestamp with time zone").AsPrimaryKey();
        bands.AddColumn<Guid>("article_id").AsPrimaryKey();
        yield return bands;
    }
}
