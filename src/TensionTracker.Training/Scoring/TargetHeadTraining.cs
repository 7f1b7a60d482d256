using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using TensionTracker.Text.Extraction;

namespace TensionTracker.Text.Scoring;

/// <summary>
/// One row of the target-aware stance head: a statement read toward one target (character spans; none = as a whole),
/// the other targets masked, and its class (-1 conflict / negative, 0 neutral, 1 cooperation / positive).
/// </summary>
public sealed record TargetRow(string File, string Group, string Text, (int, int)[] Target, (int, int)[] Others, int Class, float Weight, LabelledSentence? Source = null)
{
    public bool Targeted => Target.Length > 0;
}

/// <summary>
/// Training of the target-aware stance head (<see cref="TargetStanceHead"/>): NewsMTSC's targets (each sentence read
/// toward each target, the others masked; as a whole too when every target has the same class) and the diplomatic
/// statements (read toward each country they name other than the first, the speaker, and as a whole; class from the
/// stance beyond +-<see cref="ToneModel.ClassThreshold"/>). The calibration is fitted on out-of-fold scores: the
/// training documents dealt into folds, each fold scored by a head trained without it.
/// </summary>
internal static class TargetHeadTraining
{
    public const int CalibrationFolds = 3;
    const string StanceKey = "StanceKey";

    public static List<TargetRow> FromNews(IEnumerable<TargetedSentence> sentences)
    {
        var rows = new List<TargetRow>();
        foreach (var s in sentences)
        {
            var spans = s.Targets.Select(t => (t.From, t.To)).ToArray();
            for (var i = 0; i < spans.Length; i++)
                rows.Add(new TargetRow(s.File, s.Group, s.Text, [spans[i]], spans.Where((_, j) => j != i).ToArray(), s.Targets[i].Class, 1f));
            if (s.Targets.Select(t => t.Class).Distinct().Count() == 1)
                rows.Add(new TargetRow(s.File, s.Group, s.Text, [], [], s.Targets[0].Class, 1f));
        }
        return rows;
    }

    public static List<TargetRow> FromDiplomatic(IEnumerable<LabelledSentence> statements, Gazetteer gazetteer, float weight)
    {
        var rows = new List<TargetRow>();
        foreach (var s in statements)
        {
            var cls = s.Label < -ToneModel.ClassThreshold ? -1 : s.Label > ToneModel.ClassThreshold ? 1 : 0;
            rows.Add(new TargetRow(s.File, s.Group, s.Text, [], [], cls, weight, s));
            var named = TargetMentions.Countries(gazetteer, s.Text);
            var countries = named.Select(n => n.Country).Distinct().Skip(1).ToList(); // the first is the speaker
            foreach (var c in countries)
                rows.Add(new TargetRow(s.File, s.Group, s.Text,
                    named.Where(n => n.Country == c).Select(n => (n.Start, n.Start + n.Length)).ToArray(),
                    named.Where(n => n.Country != c && countries.Contains(n.Country)).Select(n => (n.Start, n.Start + n.Length)).ToArray(),
                    cls, weight, s));
        }
        return rows;
    }

    /// <summary>The model rows of the head (hand features of the statement, its n-grams for the shared featurizer, the target features).</summary>
    public static List<ModelRow> ModelRows(IEnumerable<TargetRow> rows, HandFeatures hand, TextNgrams ngrams, TargetFeatures target, IReadOnlyList<float[]?>? context = null) =>
        rows.Select((r, i) => new ModelRow
        {
            Text = r.Text,
            Hand = hand.Compute(r.Text),
            Ngrams = ModelRow.NgramVector(ngrams, r.Text),
            TargetNgrams = ModelRow.TargetVector(target, r.Text, r.Target, r.Others, context?[i]),
            StanceLabel = r.Class,
            Weight = r.Weight,
        }).ToList();

    /// <summary>The head's transformers, to append to the model's chain (after the shared featurizer, which gives HandNorm).</summary>
    public static ITransformer Fit(MLContext ml, ITransformer featurizer, IDataView rows, float l2)
    {
        var featured = featurizer.Transform(rows);
        // Keys by value: -1, 0, 1 become the first, second and third class (conflict, neutral, cooperation).
        var estimator = ml.Transforms.Conversion.MapValueToKey(StanceKey, nameof(ModelRow.StanceLabel), keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(ml.Transforms.Concatenate(ModelRow.TargetFeaturesColumn, nameof(ModelRow.TargetNgrams), FeatureRow.HandColumn))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = StanceKey,
                FeatureColumnName = ModelRow.TargetFeaturesColumn,
                ExampleWeightColumnName = nameof(ModelRow.Weight),
                NumberOfThreads = 1,
                L2Regularization = l2,
                L1Regularization = 0f,
            }));
        var head = estimator.Fit(ml.Data.Cache(featured));
        var copy = ml.Transforms.CopyColumns(ModelRow.TargetScoreColumn, "Score").Fit(head.Transform(featured));
        return new TransformerChain<ITransformer>(head, copy);
    }

    /// <summary>
    /// Trains the head on <paramref name="train"/>; the calibration is fitted on out-of-fold scores of the same rows
    /// (<see cref="CalibrationFolds"/> folds by document). Returns the head's transformers and the card settings.
    /// </summary>
    public static (ITransformer Head, Dictionary<string, string> Settings, StanceCalibration Calibration, TargetContext? Context) Train(
        MLContext ml, ITransformer[] chainBefore, ITransformer featurizer, HandFeatures hand, TextNgrams ngrams, NeutralRule? neutral, float linearToneShare,
        TargetFeatures features, IReadOnlyList<TargetRow> train, float l2, float regressionShare, string? stanceMap, TargetContextTraining? contextTraining, TextWriter log)
    {
        // Context logits out of fold: fold k's rows read through a context head trained without fold k.
        var foldContext = new TargetContext?[CalibrationFolds];
        float[][]? context = null;
        TargetContextTraining? chosen = null;
        if (contextTraining is not null)
        {
            var inputs = contextTraining.Inputs(train);
            var targeted = Enumerable.Range(0, train.Count).Where(i => train[i].Source is null && train[i].Targeted).ToList();
            var bestLoss = double.MaxValue;
            // The context head's L2: the given one, a tenth of it or ten times it, whichever has the lowest out-of-fold log loss.
            foreach (var factor in new[] { 0.1f, 1f, 10f })
            {
                var trial = contextTraining with { L2 = contextTraining.L2 * factor };
                var folds = new TargetContext[CalibrationFolds];
                var oof = new float[train.Count][];
                for (var fold = 0; fold < CalibrationFolds; fold++)
                {
                    var rest = Enumerable.Range(0, train.Count).Where(i => FoldOf(train[i]) != fold).ToList();
                    var held = Enumerable.Range(0, train.Count).Where(i => FoldOf(train[i]) == fold).ToList();
                    folds[fold] = trial.Fit(rest.Select(i => train[i]).ToList(), rest.Select(i => inputs[i]).ToArray());
                    var heldLogits = TargetContextTraining.Logits(folds[fold], held.Select(i => train[i]));
                    for (var k = 0; k < held.Count; k++) oof[held[k]] = heldLogits[k];
                }
                var loss = TargetContextTraining.LogLoss(oof, train);
                var alone = ClassMetrics.Compute(targeted.Select(i => train[i].Class).ToList(), targeted.Select(i => oof[i].AsSpan().IndexOf(oof[i].Max()) - 1).ToList());
                log.WriteLine($"   target context head alone, L2 {trial.L2}, out of fold: log loss {loss:0.0000}; newsmtsc f1_macro {alone.F1Macro:0.0000} accuracy {alone.Accuracy:0.0000} (n {targeted.Count})");
                if (loss >= bestLoss) continue;
                (bestLoss, context, chosen) = (loss, oof, trial);
                folds.CopyTo(foldContext, 0);
            }
            contextTraining = chosen;
            features = features with { Context = foldContext[0] };
        }
        var schema = ModelRow.Schema(ngrams, hand.Count, features.Width);
        ITransformer FitOn(IReadOnlyList<int> rows) =>
            Fit(ml, featurizer, ml.Data.LoadFromEnumerable(ModelRows(rows.Select(i => train[i]), hand, ngrams, features, context is null ? null : rows.Select(i => context[i]).ToList()), schema), l2);
        var identity = Settings(features, regressionShare, StanceCalibration.Identity);
        var logits = new float[train.Count][];
        var mixed = new float[train.Count]; // the stance as the fold's model mixes it (scale 1, uncalibrated)
        for (var fold = 0; fold < CalibrationFolds; fold++)
        {
            var held = Enumerable.Range(0, train.Count).Where(i => FoldOf(train[i]) == fold).ToList();
            var head = FitOn(Enumerable.Range(0, train.Count).Where(i => FoldOf(train[i]) != fold).ToList());
            var model = new ToneModel("fold", ml, new TransformerChain<ITransformer>([.. chainBefore, head]), hand, ngrams, linearToneShare, neutral, identity, foldContext[fold]);
            var scores = model.Score(held.Select(i => Input(train[i])).ToList());
            for (var k = 0; k < held.Count; k++)
            {
                var p = ProbabilitiesOf(scores[k], train[held[k]]);
                mixed[held[k]] = StanceOf(scores[k], train[held[k]]);
                logits[held[k]] = [MathF.Log(Math.Max(p.Conflict, 1e-6f)), MathF.Log(Math.Max(p.Neutral, 1e-6f)), MathF.Log(Math.Max(p.Cooperation, 1e-6f))];
            }
            log.WriteLine($"   target head: out-of-fold scores of fold {fold} ({held.Count} rows)");
        }
        var gold = train.Select(r => r.Class).ToList();
        var before = CalibrationError.Compute(logits.Select(l => StanceCalibration.Identity.Apply(l[0], l[1], l[2])).ToList(), gold).Ece;
        var calibration = StanceCalibration.Fit(logits, gold);
        var after = CalibrationError.Compute(logits.Select(l => calibration.Apply(l[0], l[1], l[2])).ToList(), gold).Ece;
        log.WriteLine($"   target head calibration (out of fold, {train.Count} rows): ece {before:0.0000} -> {after:0.0000}, temperature and biases {calibration.Format()}");
        // Out-of-fold figures: what settings are chosen by (never the validation split or NewsMTSC's dev set).
        var calibrated = logits.Select(l => calibration.Apply(l[0], l[1], l[2])).ToList();
        var news = Enumerable.Range(0, train.Count).Where(i => train[i].Source is null && train[i].Targeted).ToList();
        var newsFigures = ClassMetrics.Compute(news.Select(i => gold[i]).ToList(), news.Select(i => CalibrationError.Top(calibrated[i]).Class).ToList());
        var diplomatic = Enumerable.Range(0, train.Count).Where(i => train[i].Source is not null && !train[i].Targeted).ToList();
        var stance = ScoreMetrics.Compute(diplomatic.Select(i => train[i].Source!.Label).ToList(),
            diplomatic.Select(i => calibrated[i].Cooperation - calibrated[i].Conflict).ToList());
        log.WriteLine($"   target head out of fold: newsmtsc f1_macro {newsFigures.F1Macro:0.0000} accuracy {newsFigures.Accuracy:0.0000} (n {news.Count}); " +
            $"diplomatic as a whole, P(cooperation) - P(conflict): pearson_r {stance.PearsonR:0.0000} (n {diplomatic.Count})");
        // The mix is shrunk towards 0 (a regression and a probability are both unsure); one factor puts it back on the
        // labels' scale: least squares through 0 over the diplomatic statements read as a whole (the regressed part is
        // in-sample there, so the factor errs low). It changes neither r nor any class.
        double sxy = 0, sxx = 0;
        foreach (var i in diplomatic) { sxy += train[i].Source!.Label * mixed[i]; sxx += mixed[i] * mixed[i]; }
        var scale = sxx > 0 ? (float)Math.Max(1.0, sxy / sxx) : 1f;
        log.WriteLine($"   target head stance scale {scale:0.000} (least squares through 0, diplomatic statements out of fold)");
        var settings = Settings(features, regressionShare, calibration);
        if (chosen is not null) settings["target_context_l2"] = chosen.L2.ToString(CultureInfo.InvariantCulture);
        settings[TargetStanceHead.ScaleSetting] = scale.ToString("0.###", CultureInfo.InvariantCulture);
        if (stanceMap is not null)
        {
            var map = FitMap(ml, chainBefore, hand, ngrams, neutral, linearToneShare, train, calibrated, regressionShare * scale, (1 - regressionShare) * scale,
                stanceMap == "quantile", log);
            settings[StanceMap.Setting] = map.Format();
        }
        var full = contextTraining?.Fit(train, contextTraining.Inputs(train));
        return (FitOn(Enumerable.Range(0, train.Count).ToList()), settings, calibration, full);
    }

    /// <summary>
    /// The monotone map per class (<see cref="StanceMap"/>), fitted on the diplomatic readings (as a whole and toward a
    /// target; the only rows with a stance on -1..1): the calibrated out-of-fold probabilities mixed with the regressed
    /// stance (in-sample there, as for the scale). Prints the out-of-fold figures before and after.
    /// </summary>
    static StanceMap FitMap(MLContext ml, ITransformer[] chainBefore, HandFeatures hand, TextNgrams ngrams, NeutralRule? neutral, float linearToneShare,
        IReadOnlyList<TargetRow> train, IReadOnlyList<StanceProbabilities> calibrated, float regressedShare, float classShare, bool quantiles, TextWriter log)
    {
        var rows = Enumerable.Range(0, train.Count).Where(i => train[i].Source is not null).ToList();
        var regression = new ToneModel("regression", ml, new TransformerChain<ITransformer>(chainBefore), hand, ngrams, linearToneShare, neutral);
        var regressed = regression.Score(rows.Select(i => train[i].Text).ToList());
        var readings = rows.Select((i, k) => (Class: CalibrationError.Top(calibrated[i]).Class,
            Stance: Math.Clamp(regressedShare * regressed[k].Stance + classShare * (calibrated[i].Cooperation - calibrated[i].Conflict), -1f, 1f),
            Label: train[i].Source!.Label, train[i].Weight)).ToList();
        var map = StanceMap.Fit(readings, quantiles: quantiles);
        var mapped = readings.Select(r => map.Apply(r.Class, r.Stance)).ToList();
        var labels = readings.Select(r => r.Label).ToList();
        double Mean(string[] categories, IReadOnlyList<float> stance) =>
            rows.Select((i, k) => (i, k)).Where(x => categories.Contains(train[x.i].Source!.Category)).Select(x => (double)stance[x.k]).DefaultIfEmpty(double.NaN).Average();
        var before = readings.Select(r => r.Stance).ToList();
        log.WriteLine($"   target stance map{(quantiles ? " (quantiles)" : "")} (out of fold, {rows.Count} diplomatic readings): pearson_r {ScoreMetrics.Compute(labels, before).PearsonR:0.0000} -> {ScoreMetrics.Compute(labels, mapped).PearsonR:0.0000}; " +
            $"hostile mean {Mean(TargetHeadRun.Hostile, before):0.000} -> {Mean(TargetHeadRun.Hostile, mapped):0.000}, cooperative mean {Mean(TargetHeadRun.Cooperative, before):0.000} -> {Mean(TargetHeadRun.Cooperative, mapped):0.000}");
        log.WriteLine($"   target stance map: {map.Format()}");
        return map;
    }

    /// <summary>The row as the model is asked: its target as one mention ("T"), the other targets as mentions of their own.</summary>
    public static ScoringInput Input(TargetRow r) =>
        new(r.Text, [.. r.Target.Select(s => new TargetMention("T", s.Item1, s.Item2 - s.Item1)),
            .. r.Others.Select((s, i) => new TargetMention("O" + i.ToString(CultureInfo.InvariantCulture), s.Item1, s.Item2 - s.Item1))]);

    /// <summary>The probabilities of the row's reading: toward its target, or of the statement as a whole.</summary>
    public static StanceProbabilities ProbabilitiesOf(StatementScore score, TargetRow r) =>
        r.Targeted ? score.ProbabilitiesToward("T") : score.Probabilities ?? StanceProbabilities.FromStance(score.Stance);

    public static float StanceOf(StatementScore score, TargetRow r) => r.Targeted ? score.StanceToward("T") : score.Stance;

    static int FoldOf(TargetRow r) => Convert.ToInt32(LabelledSentences.TextHash(r.Group)[..4], 16) % CalibrationFolds;

    public static Dictionary<string, string> Settings(TargetFeatures features, float regressionShare, StanceCalibration calibration)
    {
        var settings = new Dictionary<string, string>
        {
            [TargetFeatures.BitsSetting] = features.Bits.ToString(CultureInfo.InvariantCulture),
            [TargetStanceHead.RegressionShareSetting] = regressionShare.ToString(CultureInfo.InvariantCulture),
            [StanceCalibration.Setting] = calibration.Format(),
        };
        if (features.Context is not null)
            settings[TargetContext.Setting] = $"{TargetContext.Groups} groups (all words, by nearness, the target's clause, near on its left, near on its right) x {TargetContext.Outputs} classes, word vectors {WordVectors.Encoder}, in the zip's {TargetContext.ZipEntry}";
        return settings;
    }
}
