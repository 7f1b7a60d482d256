using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Transforms;

namespace TensionTracker.Text.Scoring;

/// <summary>
/// A trained tone and stance model: one ML.NET zip (shared text featurizer, then a tone head and a
/// stance head) plus the hand features computed in C# from the lexicon folder. Load once; <see cref="Score(IReadOnlyList{string})"/>
/// is thread-safe (each call runs its own batched <see cref="ITransformer.Transform"/>; no PredictionEngine is shared).
/// Class from stance: <see cref="StanceClasses.Conflict"/> below -<see cref="ClassThreshold"/>,
/// <see cref="StanceClasses.Cooperation"/> above +<see cref="ClassThreshold"/>, neutral between.
/// </summary>
public sealed class ToneModel : IStatementScorer
{
    /// <summary>Stance magnitude beyond which a statement is conflict or cooperation (0.1 = a Goldstein weight of 1).</summary>
    public const float ClassThreshold = 0.1f;

    private const int BatchSize = 4096;
    /// <summary>Card setting: weight of the linear tone head in the tone mean (the trees get the rest).</summary>
    public const string LinearToneShareSetting = "linear_tone_share";

    private readonly MLContext _ml;
    private readonly ITransformer _featurizer;
    private readonly ITransformer _heads;
    private readonly SchemaDefinition _schema;

    public string Name { get; }
    public HandFeatures Features { get; }
    /// <summary>The hashed n-gram settings of a compiled model; null for a FeaturizeText model (tone-stance-v1).</summary>
    public TextNgrams? Ngrams { get; }
    /// <summary>How the neutral heads settle a tone near 0; null for a model trained without them.</summary>
    public NeutralRule? Neutral { get; }
    /// <summary>The target-aware stance head (tone-stance-v5 on); null for a model that reads the text alone.</summary>
    public TargetStanceHead? Target { get; }
    private readonly CompiledHeads? _compiled;
    private readonly float _linearToneShare;

    internal ToneModel(string name, MLContext ml, ITransformer model, HandFeatures features, TextNgrams? ngrams = null, float linearToneShare = 0.5f,
        NeutralRule? neutral = null, IReadOnlyDictionary<string, string>? settings = null, TargetContext? context = null)
    {
        Name = name;
        Target = settings is null ? null : TargetStanceHead.From(model, settings, features.Count, context);
        _ml = ml;
        Ngrams = ngrams;
        _linearToneShare = linearToneShare;
        Neutral = neutral;
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
        _schema = ModelRow.Schema(ngrams, features.Count, Target?.Features.Width ?? 0);
        if (ngrams is not null) _compiled = CompiledHeads.From(model, ngrams.Dimension, features.Count, neutral is not null);
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
        var settings = ModelCard.TryLoad(modelZipPath)?.Settings ?? new Dictionary<string, string>();
        if (settings.TryGetValue(HandFeatures.ExtrasSetting, out var ex) && bool.Parse(ex)) features = features.WithExtras(true);
        var share = settings.TryGetValue(LinearToneShareSetting, out var sh) ? float.Parse(sh, System.Globalization.CultureInfo.InvariantCulture) : 0.5f;
        return new ToneModel(name, ml, model, features, TextNgrams.FromSettings(settings), share, NeutralRule.FromSettings(settings), settings,
            TargetContext.LoadFrom(modelZipPath));
    }

    public static string ClassOf(float stance) =>
        stance < -ClassThreshold ? StanceClasses.Conflict
        : stance > ClassThreshold ? StanceClasses.Cooperation
        : StanceClasses.Neutral;

    public StatementScore Score(string text) => Score([text])[0];

    /// <summary>
    /// Scores statements with their targets. A model with a target-aware head (<see cref="Target"/>) reads the statement
    /// once as a whole and once toward each target named in it (one <see cref="TargetStance"/> per target, with
    /// calibrated class probabilities); a model without one reads the text alone, so one stance holds for every target.
    /// </summary>
    public StatementScore[] Score(IReadOnlyList<ScoringInput> statements) =>
        _compiled is not null && Ngrams is not null && Target is not null
            ? ScoreCompiled(statements.Count, i => statements[i].Text, i => statements[i].Targets, _compiled, Ngrams)
            : Score(statements.Select(s => s.Text).ToArray());

    /// <summary>
    /// Scores a batch. A hashed-n-gram model runs its compiled heads (the weights, normaliser and trees read
    /// from the ML.NET zip; equal to <see cref="ScoreWithMlNet"/> within float rounding, tested): one pass over
    /// the tokens per statement, buffers reused within the call. A FeaturizeText model runs the ML.NET transforms.
    /// </summary>
    public StatementScore[] Score(IReadOnlyList<string> texts) =>
        _compiled is not null && Ngrams is not null ? ScoreCompiled(texts.Count, i => texts[i], _ => [], _compiled, Ngrams) : ScoreWithMlNet(texts);

    private StatementScore[] ScoreCompiled(int count, Func<int, string?> textOf, Func<int, TargetMention[]> targetsOf, CompiledHeads heads, TextNgrams ngrams)
    {
        var result = new StatementScore[count];
        var hand = new float[Features.Count];
        var slots = new int[1024];
        for (var t = 0; t < count; t++)
        {
            var text = textOf(t) ?? "";
            var tokens = TextTokens.Of(text);
            Features.Write(tokens, hand);
            var need = Math.Max(TextNgrams.MaxSlots(text, tokens.Lower.Length), TargetFeatures.MaxSlots(tokens.Lower.Length));
            if (need > slots.Length) slots = new int[need];
            var k = ngrams.Hash(text, tokens.Hashes, slots);
            var (tone, stance) = heads.Score(slots.AsSpan(0, k), TextNgrams.Scale(k), hand, _linearToneShare, Neutral); // hand is normalised now
            var s = Clamp(stance);
            result[t] = Target is null
                ? new StatementScore(Clamp(tone), s, ClassOf(s))
                : ScoreTargets(Target, text, tokens, targetsOf(t), Clamp(tone), s, hand, slots);
        }
        return result;
    }

    /// <summary>The statement read as a whole, then toward each target it names (mentions of one target read together, the others masked).</summary>
    private static StatementScore ScoreTargets(TargetStanceHead head, string text, TextTokens tokens, TargetMention[] mentions, float tone, float regressed,
        ReadOnlySpan<float> handNorm, int[] slots)
    {
        var whole = head.Read(text, tokens, [], [], handNorm, slots);
        TargetStance[]? perTarget = null;
        if (mentions.Length > 0)
        {
            var names = mentions.Select(m => m.Target).Distinct(StringComparer.Ordinal).ToArray();
            perTarget = new TargetStance[names.Length];
            for (var i = 0; i < names.Length; i++)
            {
                var target = mentions.Where(m => m.Target == names[i]).Select(m => (m.Start, m.Start + m.Length)).ToArray();
                var others = mentions.Where(m => m.Target != names[i]).Select(m => (m.Start, m.Start + m.Length)).ToArray();
                var p = head.Read(text, tokens, target, others, handNorm, slots);
                var stance = head.StanceOf(regressed, p);
                perTarget[i] = new TargetStance(names[i], stance, ClassOf(stance), p);
            }
        }
        var overall = head.StanceOf(regressed, whole);
        return new StatementScore(tone, overall, ClassOf(overall), whole, perTarget);
    }

    /// <summary>Scores a batch with ML.NET's own <see cref="ITransformer.Transform"/> (the reference path).</summary>
    public StatementScore[] ScoreWithMlNet(IReadOnlyList<string> texts)
    {
        var result = new StatementScore[texts.Count];
        for (var start = 0; start < texts.Count; start += BatchSize)
        {
            var count = Math.Min(BatchSize, texts.Count - start);
            var rows = new ModelRow[count];
            for (var i = 0; i < count; i++)
            {
                var text = texts[start + i] ?? "";
                rows[i] = new ModelRow
                {
                    Text = text, Hand = Features.Compute(text), Ngrams = Ngrams is null ? default : ModelRow.NgramVector(Ngrams, text),
                    TargetNgrams = Target is null ? default : ModelRow.TargetVector(Target.Features, text, [], []),
                };
            }
            var scored = _heads.Transform(Featurize(rows));
            // Tone is the mean of the tone heads the zip has (a linear head on n-grams and hand features,
            // and a tree ensemble on the hand features); stance comes from its own head.
            var toneCols = ModelRow.ToneColumns.Where(c => scored.Schema.GetColumnOrNull(c) is not null)
                .Select(c => scored.Schema[c]).ToArray();
            var stanceCol = scored.Schema[ModelRow.StanceColumn];
            var neutralCols = Neutral is null ? [] : ModelRow.NeutralColumns.Select(c => scored.Schema[c]).ToArray();
            var targetCols = Target is null ? [] : new[] { scored.Schema[ModelRow.TargetScoreColumn] };
            using var cursor = scored.GetRowCursor([.. toneCols, stanceCol, .. neutralCols, .. targetCols]);
            var targetGetter = Target is null ? null : cursor.GetGetter<VBuffer<float>>(targetCols[0]);
            VBuffer<float> classes = default;
            var toneGetters = toneCols.Select(c => cursor.GetGetter<float>(c)).ToArray();
            var stanceGetter = cursor.GetGetter<float>(stanceCol);
            var neutralGetters = neutralCols.Select(c => cursor.GetGetter<float>(c)).ToArray();
            float tone = 0, stance = 0, neutral = 0;
            var k = start;
            while (cursor.MoveNext())
            {
                float toneSum = 0;
                for (var g = 0; g < toneGetters.Length; g++)
                {
                    toneGetters[g](ref tone);
                    toneSum += toneGetters.Length == 2 ? (g == 0 ? _linearToneShare : 1 - _linearToneShare) * tone : tone / toneGetters.Length;
                }
                stanceGetter(ref stance);
                if (Neutral is not null)
                {
                    float probability = 0;
                    foreach (var getter in neutralGetters)
                    {
                        getter(ref neutral);
                        probability += neutral / neutralGetters.Length;
                    }
                    toneSum = Neutral.Apply(toneSum, probability);
                }
                var t = Clamp(toneSum);
                var s = Clamp(stance);
                if (Target is not null && targetGetter is not null)
                {
                    // ML.NET gives softmax probabilities; their logs are the logits up to a constant, which calibration ignores.
                    targetGetter(ref classes);
                    var v = classes.DenseValues().ToArray();
                    var p = Target.Calibration.Apply(MathF.Log(v[0]), MathF.Log(v[1]), MathF.Log(v[2]));
                    var mixed = Target.StanceOf(s, p);
                    result[k++] = new StatementScore(t, mixed, ClassOf(mixed), p);
                }
                else result[k++] = new StatementScore(t, s, ClassOf(s));
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
                var row = new FeatureRow { TargetNgrams = Target is null ? default : rows[i].TargetNgrams };
                feat.CopyTo(ref row.Features);
                hand.CopyTo(ref row.HandNorm);
                out_[i++] = row;
            }
        }
        var schema = SchemaDefinition.Create(typeof(FeatureRow));
        schema[FeatureRow.FeaturesColumn].ColumnType = featCol.Type;
        schema[FeatureRow.HandColumn].ColumnType = handCol.Type;
        if (Target is null)
        {
            schema.Remove(schema[nameof(FeatureRow.TargetNgrams)]);
            schema.Remove(schema[nameof(FeatureRow.StanceLabel)]);
        }
        else schema[nameof(FeatureRow.TargetNgrams)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Target.Features.Width);
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
    public VBuffer<float> TargetNgrams;
    public float StanceLabel; // read (and ignored) by the target head's key mapping
}

/// <summary>The model's input row: the text, its hand features, and (in training) label and weight.</summary>
internal sealed class ModelRow
{
    public const string ToneColumn = "Tone";
    public const string ToneTreesColumn = "ToneTrees";
    public static readonly string[] ToneColumns = [ToneColumn, ToneTreesColumn];
    /// <summary>The neutral heads' outputs (<see cref="NeutralRule"/>): linear, then trees; their mean is the probability.</summary>
    public const string NeutralColumn = "Neutral";
    public const string NeutralTreesColumn = "NeutralTrees";
    public static readonly string[] NeutralColumns = [NeutralColumn, NeutralTreesColumn];
    public const string StanceColumn = "Stance";
    /// <summary>The target-aware head's class probabilities (conflict, neutral, cooperation), and what it reads.</summary>
    public const string TargetScoreColumn = "TargetScore";
    public const string TargetFeaturesColumn = "TargetFeatures";

    public string Text { get; set; } = "";
    public float[] Hand { get; set; } = [];
    /// <summary>Hashed n-gram vector (<see cref="TextNgrams"/>); empty for a FeaturizeText model.</summary>
    public VBuffer<float> Ngrams { get; set; }
    /// <summary>The statement read toward one target (<see cref="TargetFeatures"/>); only in models with a target-aware head.</summary>
    public VBuffer<float> TargetNgrams { get; set; }
    public float Label { get; set; }
    /// <summary>The target-aware head's label: -1 conflict, 0 neutral, 1 cooperation (mapped to keys in that order).</summary>
    public float StanceLabel { get; set; }
    public float Weight { get; set; } = 1f;

    public static SchemaDefinition Schema(TextNgrams? ngrams, int handCount, int targetDimension = 0)
    {
        var schema = SchemaDefinition.Create(typeof(ModelRow));
        schema[nameof(Hand)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, handCount);
        if (ngrams is null) schema.Remove(schema[nameof(Ngrams)]);
        else schema[nameof(Ngrams)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, ngrams.Dimension);
        if (targetDimension == 0)
        {
            schema.Remove(schema[nameof(TargetNgrams)]);
            schema.Remove(schema[nameof(StanceLabel)]);
        }
        else schema[nameof(TargetNgrams)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, targetDimension);
        return schema;
    }

    /// <summary>The hashed slots, then the context logits (<paramref name="context"/> when given: out-of-fold ones in training).</summary>
    public static VBuffer<float> TargetVector(TargetFeatures features, string text, (int, int)[] target, (int, int)[] others, float[]? context = null)
    {
        var tokens = TextTokens.Of(text);
        var slots = new int[TargetFeatures.MaxSlots(tokens.Lower.Length)];
        var k = features.Hash(text, tokens, target, others, slots);
        var extra = features.Width - features.Dimension;
        var indices = new int[k + extra];
        var values = new float[k + extra];
        var m = TextNgrams.Collapse(slots.AsSpan(0, k), indices, values);
        if (features.Context is { } c)
        {
            if (context is null) c.Logits(text, tokens, target, others, values.AsSpan(m, extra));
            else context.CopyTo(values, m);
            for (var j = 0; j < extra; j++) indices[m + j] = features.Dimension + j;
            m += extra;
        }
        return new VBuffer<float>(features.Width, m, values[..m], indices[..m]);
    }

    public static VBuffer<float> NgramVector(TextNgrams ngrams, string text)
    {
        var tokens = TextTokens.Of(text);
        var slots = new int[TextNgrams.MaxSlots(text, tokens.Lower.Length)];
        var k = ngrams.Hash(text, tokens.Hashes, slots);
        var indices = new int[k];
        var values = new float[k];
        var m = TextNgrams.Collapse(slots.AsSpan(0, k), indices, values);
        return new VBuffer<float>(ngrams.Dimension, m, values[..m], indices[..m]);
    }
}

/// <summary>
/// The heads of a hashed-n-gram model read out of its ML.NET transformers: the hand-feature normaliser
/// (affine: (x - offset) * scale), the SDCA linear heads (tone, stance, and the neutral head when the model has one)
/// over [n-grams, normalised hand features] and the FastTree ensembles (tone, and neutral) over the normalised hand features.
/// </summary>
internal sealed class CompiledHeads
{
    private readonly float[] _scale;
    private readonly float[] _offset;
    private readonly float[] _toneW;
    private readonly float _toneB;
    private readonly float[] _stanceW;
    private readonly float _stanceB;
    // Tone, stance (and neutral) weights of each n-gram slot side by side: one cache line read per slot.
    private readonly float[] _slotW;
    private readonly int _stride;
    private readonly int _textDim;
    private readonly Ensemble? _toneTrees;
    // The neutral heads, read only for a tone near 0 (NeutralRule.Applies).
    private readonly float[]? _neutralW;
    private readonly float _neutralB;
    private readonly Ensemble? _neutralTrees;

    private CompiledHeads(float[] scale, float[] offset, LinearRegressionModelParameters tone, LinearRegressionModelParameters stance,
        LinearRegressionModelParameters? neutral, int textDim, Ensemble? toneTrees, Ensemble? neutralTrees)
    {
        (_scale, _offset, _textDim, _toneTrees, _neutralTrees) = (scale, offset, textDim, toneTrees, neutralTrees);
        (_toneW, _toneB) = (Dense(tone, textDim + scale.Length), tone.Bias);
        (_stanceW, _stanceB) = (Dense(stance, textDim + scale.Length), stance.Bias);
        if (neutral is not null) (_neutralW, _neutralB) = (Dense(neutral, textDim + scale.Length), neutral.Bias);
        _stride = _neutralW is null ? 2 : 3;
        _slotW = new float[_stride * textDim];
        for (var i = 0; i < textDim; i++)
        {
            _slotW[_stride * i] = _toneW[i];
            _slotW[_stride * i + 1] = _stanceW[i];
            if (_neutralW is not null) _slotW[_stride * i + 2] = _neutralW[i];
        }
    }

    private static float[] Dense(LinearRegressionModelParameters m, int dim)
    {
        var w = new float[dim];
        var i = 0;
        foreach (var x in m.Weights) w[i++] = x;
        return w;
    }

    /// <summary>
    /// Reads the heads in chain order: linear tone, [tone trees], linear stance, then with <paramref name="neutral"/>
    /// the linear and tree neutral heads.
    /// </summary>
    public static CompiledHeads From(ITransformer model, int textDim, int handDim, bool neutral = false)
    {
        var all = Flatten(model).ToList();
        var norm = all.OfType<NormalizingTransformer>().Single();
        var p = norm.GetNormalizerModelParameters(0) as NormalizingTransformer.AffineNormalizerModelParameters<System.Collections.Immutable.ImmutableArray<float>>
            ?? throw new InvalidDataException("hand-feature normaliser is not affine");
        var scale = p.Scale.ToArray();
        var offset = p.Offset.IsDefaultOrEmpty ? new float[handDim] : p.Offset.ToArray();
        var linear = all.OfType<RegressionPredictionTransformer<LinearRegressionModelParameters>>().Select(t => t.Model).ToList();
        var trees = all.OfType<RegressionPredictionTransformer<FastTreeRegressionModelParameters>>().Select(t => Ensemble.From(t.Model)).ToList();
        var expected = neutral ? 3 : 2;
        if (linear.Count != expected) throw new InvalidDataException($"expected {expected} linear heads (tone, stance{(neutral ? ", neutral" : "")}), found {linear.Count}");
        if (neutral && trees.Count != 2) throw new InvalidDataException($"expected tone and neutral trees, found {trees.Count} tree heads");
        return new CompiledHeads(scale, offset, linear[0], linear[1], neutral ? linear[2] : null, textDim,
            trees.FirstOrDefault(), neutral ? trees[1] : null);
    }

    private static IEnumerable<ITransformer> Flatten(ITransformer t)
    {
        if (t is IEnumerable<ITransformer> chain)
        {
            foreach (var c in chain)
                foreach (var x in Flatten(c)) yield return x;
        }
        else yield return t;
    }

    /// <summary>
    /// Tone (linear and trees mixed by <paramref name="linearShare"/>, then settled by <paramref name="neutral"/>) and
    /// stance; <paramref name="hand"/> is normalised in place.
    /// </summary>
    public (float Tone, float Stance) Score(ReadOnlySpan<int> slots, float value, Span<float> hand, float linearShare, NeutralRule? neutral = null)
    {
        float tw = 0, sw = 0, nw = 0;
        var slotW = _slotW;
        if (_stride == 2)
            foreach (var slot in slots)
            {
                tw += slotW[2 * slot];
                sw += slotW[2 * slot + 1];
            }
        else
            foreach (var slot in slots)
            {
                tw += slotW[3 * slot];
                sw += slotW[3 * slot + 1];
                nw += slotW[3 * slot + 2];
            }
        float tone = _toneB + tw * value, stance = _stanceB + sw * value;
        for (var j = 0; j < hand.Length; j++)
        {
            var x = (hand[j] - _offset[j]) * _scale[j];
            hand[j] = x;
            tone += _toneW[_textDim + j] * x;
            stance += _stanceW[_textDim + j] * x;
        }
        if (_toneTrees is null) return (tone, stance);
        tone = linearShare * tone + (1 - linearShare) * _toneTrees.Score(hand);
        if (neutral is null || _neutralW is null || _neutralTrees is null || !neutral.Applies(tone)) return (tone, stance);
        var linearNeutral = _neutralB + nw * value;
        for (var j = 0; j < hand.Length; j++) linearNeutral += _neutralW[_textDim + j] * hand[j];
        return (neutral.Apply(tone, (linearNeutral + _neutralTrees.Score(hand)) / 2), stance);
    }

    /// <summary>
    /// A FastTree ensemble flattened for scoring: all trees' nodes in one array (child links are absolute node
    /// positions; a leaf is ~(its position in the leaf values, each already times its tree's weight)).
    /// </summary>
    private sealed class Ensemble
    {
        private readonly Node[] _nodes;
        private readonly float[] _leaves;
        private readonly int[] _roots;
        private readonly double _bias;

        private readonly record struct Node(int Feature, float Threshold, int Left, int Right);

        private Ensemble(Node[] nodes, float[] leaves, int[] roots, double bias) => (_nodes, _leaves, _roots, _bias) = (nodes, leaves, roots, bias);

        public static Ensemble From(FastTreeRegressionModelParameters model)
        {
            var ens = model.TrainedTreeEnsemble;
            var nodes = new List<Node>();
            var leaves = new List<float>();
            var roots = new List<int>();
            for (var t = 0; t < ens.Trees.Count; t++)
            {
                var tree = ens.Trees[t];
                if (tree.CategoricalSplitFlags.Any(f => f)) throw new InvalidDataException("categorical splits are not compiled");
                int nodeBase = nodes.Count, leafBase = leaves.Count;
                int Link(int child) => child >= 0 ? nodeBase + child : ~(leafBase + ~child);
                var (left, right, feature, threshold) = (tree.LeftChild, tree.RightChild, tree.NumericalSplitFeatureIndexes, tree.NumericalSplitThresholds);
                if (feature.Count == 0) roots.Add(~leafBase);
                else
                {
                    roots.Add(nodeBase);
                    for (var n = 0; n < feature.Count; n++) nodes.Add(new Node(feature[n], threshold[n], Link(left[n]), Link(right[n])));
                }
                foreach (var v in tree.LeafValues) leaves.Add((float)(v * ens.TreeWeights[t]));
            }
            return new Ensemble(nodes.ToArray(), leaves.ToArray(), roots.ToArray(), ens.Bias);
        }

        public float Score(ReadOnlySpan<float> hand)
        {
            var sum = _bias;
            var nodes = _nodes;
            var leaves = _leaves;
            foreach (var root in _roots)
            {
                var node = root;
                while (node >= 0)
                {
                    var nd = nodes[node];
                    node = hand[nd.Feature] <= nd.Threshold ? nd.Left : nd.Right;
                }
                sum += leaves[~node];
            }
            return (float)sum;
        }
    }
}
