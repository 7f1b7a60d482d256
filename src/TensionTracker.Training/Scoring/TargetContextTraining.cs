using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace TensionTracker.Text.Scoring;

/// <summary>
/// Training of the target head's context features (<see cref="TargetContext"/>): a three-class maximum-entropy head on
/// the mean word vectors of the three context groups of each reading, projected per word. The target head reads its
/// logits out of fold: each fold's rows get them from a context head trained without that fold (the folds of the
/// calibration), so the target head learns how far to trust them on text they did not see.
/// </summary>
internal sealed record TargetContextTraining(MLContext Ml, WordVectors Vectors, float L2)
{
    const string Key = "ContextKey";

    sealed class Row
    {
        public float[] X { get; set; } = [];
        public float StanceLabel { get; set; }
        public float Weight { get; set; }
    }

    /// <summary>The raw inputs of each reading: the three groups' weighted mean word vectors, side by side.</summary>
    public float[][] Inputs(IReadOnlyList<TargetRow> rows) => rows.Select(r =>
    {
        var tokens = TextTokens.Of(r.Text);
        var n = tokens.Lower.Length;
        var words = new int[n];
        var weights = new float[TargetContext.Groups * n];
        var k = TargetFeatures.ContextWeights(r.Text, tokens, r.Target, r.Others, words, weights);
        var d = Vectors.Dimension;
        var x = new float[TargetContext.Groups * d];
        var total = new float[TargetContext.Groups];
        for (var i = 0; i < k; i++)
        {
            if (!Vectors.TryGet(tokens.Lower[words[i]], out var v)) continue;
            for (var g = 0; g < TargetContext.Groups; g++)
            {
                var w = weights[TargetContext.Groups * i + g];
                if (w == 0) continue;
                total[g] += w;
                for (var j = 0; j < d; j++) x[g * d + j] += w * v[j];
            }
        }
        for (var g = 0; g < TargetContext.Groups; g++)
            if (total[g] > 0) for (var j = 0; j < d; j++) x[g * d + j] /= total[g];
        return x;
    }).ToArray();

    /// <summary>Fits the context head on the given rows and returns it projected onto every word that has a vector.</summary>
    public TargetContext Fit(IReadOnlyList<TargetRow> rows, float[][] inputs)
    {
        var dim = TargetContext.Groups * Vectors.Dimension;
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.X)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dim);
        var data = Ml.Data.LoadFromEnumerable(rows.Select((r, i) => new Row { X = inputs[i], StanceLabel = r.Class, Weight = r.Weight }), schema);
        var estimator = Ml.Transforms.Conversion.MapValueToKey(Key, nameof(Row.StanceLabel), keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(Ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = Key,
                FeatureColumnName = nameof(Row.X),
                ExampleWeightColumnName = nameof(Row.Weight),
                NumberOfThreads = 1,
                L2Regularization = L2,
                L1Regularization = 0f,
            }));
        var model = estimator.Fit(Ml.Data.Cache(data));
        VBuffer<float>[] weights = [];
        model.LastTransformer.Model.GetWeights(ref weights, out var classes);
        if (classes != TargetContext.Outputs) throw new InvalidOperationException($"context head has {classes} classes, expected {TargetContext.Outputs}");
        var dense = weights.Select(w => w.DenseValues().ToArray()).ToArray();
        return TargetContext.Project(Vectors.Words.Order(StringComparer.Ordinal).Select(w => (TextTokens.Hash64(w), Vectors.TryGet(w, out var v) ? v : [])), dense, 1f);
    }

    /// <summary>Mean weighted log loss of the rows' classes under softmax of their logits.</summary>
    public static double LogLoss(float[][] logits, IReadOnlyList<TargetRow> rows)
    {
        double sum = 0, total = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var l = logits[i];
            var m = l.Max();
            var z = l.Sum(x => Math.Exp(x - m));
            sum += rows[i].Weight * (Math.Log(z) + m - l[rows[i].Class + 1]);
            total += rows[i].Weight;
        }
        return sum / total;
    }

    /// <summary>The context logits of each row as read through <paramref name="context"/> (as scoring reads them).</summary>
    public static float[][] Logits(TargetContext context, IEnumerable<TargetRow> rows) => rows.Select(r =>
    {
        var logits = new float[TargetContext.Outputs];
        context.Logits(r.Text, TextTokens.Of(r.Text), r.Target, r.Others, logits);
        return logits;
    }).ToArray();
}
