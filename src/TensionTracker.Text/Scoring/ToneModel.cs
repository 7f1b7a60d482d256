using Microsoft.ML;
using Microsoft.ML.Data;

namespace TensionTracker.Text.Scoring;

/// <summary>
/// A trained tone and stance model: one ML.NET zip (shared text featurizer, then a tone head and a
/// stance head) plus the hand features computed in C# from the lexicon folder. Load once; <see cref="Score(IReadOnlyList{string})"/>
/// is thread-safe (each call runs its own batched <see cref="ITransformer.Transform"/>; no PredictionEngine is shared).
/// Class from stance: <see cref="StanceClasses.Conflict"/> below -<see cref="ClassThreshold"/>,
/// <see cref="StanceClasses.Cooperation"/> above +<see cref="ClassThreshold"/>, neutral between.
/// </summary>
public sealed class ToneModel
{
    /// <summary>Stance magnitude beyond which a statement is conflict or cooperation (0.1 = a Goldstein weight of 1).</summary>
    public const float ClassThreshold = 0.1f;

    private const int BatchSize = 4096;

    private readonly MLContext _ml;
    private readonly ITransformer _featurizer;
    private readonly ITransformer _heads;
    private readonly SchemaDefinition _schema;

    public string Name { get; }
    public HandFeatures Features { get; }

    internal ToneModel(string name, MLContext ml, ITransformer model, HandFeatures features)
    {
        Name = name;
        _ml = ml;
        // The heads all read the shared feature vector; scoring materialises it once per batch
        // (ML.NET would otherwise recompute the text features for every head that reads them).
        if (model is TransformerChain<ITransformer> chain && chain.Count() > 1)
        {
            var parts = chain.ToArray();
            _featurizer = parts[0];
            _heads = new TransformerChain<ITransformer>(parts[1..]);
        }
        else
        {
            _featurizer = new TransformerChain<ITransformer>();
            _heads = model;
        }
        Features = features;
        _schema = ModelRow.Schema();
    }

    /// <summary>Loads <c>NAME.zip</c>; the model's name is the file name without <c>.zip</c>.</summary>
    public static ToneModel Load(string modelZipPath, string lexiconDir)
    {
        if (!File.Exists(modelZipPath)) throw new FileNotFoundException($"model {modelZipPath} not found", modelZipPath);
        var ml = new MLContext(seed: 0);
        var model = ml.Model.Load(modelZipPath, out _);
        var name = Path.GetFileName(modelZipPath);
        if (name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)) name = name[..^4];
        var features = HandFeatures.Load(lexiconDir);
        var words = WordRatings.PathFor(modelZipPath);
        if (File.Exists(words)) features = features.WithWords(WordRatings.Load(words));
        return new ToneModel(name, ml, model, features);
    }

    public static string ClassOf(float stance) =>
        stance < -ClassThreshold ? StanceClasses.Conflict
        : stance > ClassThreshold ? StanceClasses.Cooperation
        : StanceClasses.Neutral;

    public StatementScore Score(string text) => Score([text])[0];

    public StatementScore[] Score(IReadOnlyList<string> texts)
    {
        var result = new StatementScore[texts.Count];
        for (var start = 0; start < texts.Count; start += BatchSize)
        {
            var count = Math.Min(BatchSize, texts.Count - start);
            var rows = new ModelRow[count];
            for (var i = 0; i < count; i++)
            {
                var text = texts[start + i] ?? "";
                rows[i] = new ModelRow { Text = text, Hand = Features.Compute(text) };
            }
            var scored = _heads.Transform(Featurize(rows));
            // Tone is the mean of the tone heads the zip has (a linear head on n-grams and hand features,
            // and a tree ensemble on the hand features); stance comes from its own head.
            var toneCols = ModelRow.ToneColumns.Where(c => scored.Schema.GetColumnOrNull(c) is not null)
                .Select(c => scored.Schema[c]).ToArray();
            var stanceCol = scored.Schema[ModelRow.StanceColumn];
            using var cursor = scored.GetRowCursor([.. toneCols, stanceCol]);
            var toneGetters = toneCols.Select(c => cursor.GetGetter<float>(c)).ToArray();
            var stanceGetter = cursor.GetGetter<float>(stanceCol);
            float tone = 0, stance = 0;
            var k = start;
            while (cursor.MoveNext())
            {
                float toneSum = 0;
                foreach (var g in toneGetters)
                {
                    g(ref tone);
                    toneSum += tone;
                }
                stanceGetter(ref stance);
                var t = Clamp(toneSum / Math.Max(1, toneGetters.Length));
                var s = Clamp(stance);
                result[k++] = new StatementScore(t, s, ClassOf(s));
            }
        }
        return result;
    }

    /// <summary>Runs the shared featurizer once per row and hands the heads a materialised view.</summary>
    private IDataView Featurize(ModelRow[] rows)
    {
        var features = _featurizer.Transform(_ml.Data.LoadFromEnumerable(rows, _schema));
        var featCol = features.Schema[FeatureRow.FeaturesColumn];
        var handCol = features.Schema[FeatureRow.HandColumn];
        var out_ = new FeatureRow[rows.Length];
        using (var cursor = features.GetRowCursor([featCol, handCol]))
        {
            var featGetter = cursor.GetGetter<VBuffer<float>>(featCol);
            var handGetter = cursor.GetGetter<VBuffer<float>>(handCol);
            VBuffer<float> feat = default, hand = default;
            var i = 0;
            while (cursor.MoveNext())
            {
                featGetter(ref feat);
                handGetter(ref hand);
                var row = new FeatureRow();
                feat.CopyTo(ref row.Features);
                hand.CopyTo(ref row.HandNorm);
                out_[i++] = row;
            }
        }
        var schema = SchemaDefinition.Create(typeof(FeatureRow));
        schema[FeatureRow.FeaturesColumn].ColumnType = featCol.Type;
        schema[FeatureRow.HandColumn].ColumnType = handCol.Type;
        return _ml.Data.LoadFromEnumerable(out_, schema);
    }

    private static float Clamp(float v) => float.IsNaN(v) ? 0f : Math.Clamp(v, -1f, 1f);
}

/// <summary>A featurised row: what the heads read.</summary>
internal sealed class FeatureRow
{
    public const string FeaturesColumn = "Features";
    public const string HandColumn = "HandNorm";

    public VBuffer<float> Features;
    public VBuffer<float> HandNorm;
}

/// <summary>The model's input row: the text, its hand features, and (in training) label and weight.</summary>
internal sealed class ModelRow
{
    public const string ToneColumn = "Tone";
    public const string ToneTreesColumn = "ToneTrees";
    public static readonly string[] ToneColumns = [ToneColumn, ToneTreesColumn];
    public const string StanceColumn = "Stance";

    public string Text { get; set; } = "";
    public float[] Hand { get; set; } = [];
    public float Label { get; set; }
    public float Weight { get; set; } = 1f;

    public static SchemaDefinition Schema()
    {
        var schema = SchemaDefinition.Create(typeof(ModelRow));
        schema[nameof(Hand)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, HandFeatures.Count);
        return schema;
    }
}
