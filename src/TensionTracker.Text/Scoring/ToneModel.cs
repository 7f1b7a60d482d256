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
    private readonly ITransformer _model;
    private readonly SchemaDefinition _schema;

    public string Name { get; }
    public HandFeatures Features { get; }

    internal ToneModel(string name, MLContext ml, ITransformer model, HandFeatures features)
    {
        Name = name;
        _ml = ml;
        _model = model;
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
        return new ToneModel(name, ml, model, HandFeatures.Load(lexiconDir));
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
            var scored = _model.Transform(_ml.Data.LoadFromEnumerable(rows, _schema));
            var toneCol = scored.Schema[ModelRow.ToneColumn];
            var stanceCol = scored.Schema[ModelRow.StanceColumn];
            using var cursor = scored.GetRowCursor([toneCol, stanceCol]);
            var toneGetter = cursor.GetGetter<float>(toneCol);
            var stanceGetter = cursor.GetGetter<float>(stanceCol);
            float tone = 0, stance = 0;
            var k = start;
            while (cursor.MoveNext())
            {
                toneGetter(ref tone);
                stanceGetter(ref stance);
                var t = Clamp(tone);
                var s = Clamp(stance);
                result[k++] = new StatementScore(t, s, ClassOf(s));
            }
        }
        return result;
    }

    private static float Clamp(float v) => float.IsNaN(v) ? 0f : Math.Clamp(v, -1f, 1f);
}

/// <summary>The model's input row: the text, its hand features, and (in training) label and weight.</summary>
internal sealed class ModelRow
{
    public const string ToneColumn = "Tone";
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
