using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Transforms.Text;

namespace TensionTracker.Text.Scoring;

/// <summary>Options of <c>tension model train --name NAME --data FILE...</c>.</summary>
public sealed record TrainOptions
{
    /// <summary>Versioned model name; the zip is <c>{ModelDir}/{Name}.zip</c>, the card <c>{Name}.card.json</c>.</summary>
    public required string Name { get; init; }
    /// <summary>Data files: rated sentences (tone) and diplomatic statements (stance), told apart by header.</summary>
    public required IReadOnlyList<string> Data { get; init; }
    public string ModelDir { get; init; } = "seeds/models";
    public string LexiconDir { get; init; } = "seeds/lexicons";
    public int Seed { get; init; } = 20260301;
    /// <summary><c>sdca</c> (default) or <c>fasttree</c>, for each head.</summary>
    public string ToneTrainer { get; init; } = "sdca";
    public string StanceTrainer { get; init; } = "sdca";
    /// <summary>Example weight of news-domain tone rows (NYT editorial) against 1 for tweets and reviews.</summary>
    public float NewsWeight { get; init; } = 30f;
    /// <summary>Add a FastTree tone head on the dense hand features; tone is then the mean of the two heads.</summary>
    public bool ToneTrees { get; init; } = true;
    /// <summary>Character n-gram length of the text features (0 = word n-grams only, the default: char 3-grams measured +0.002 r at about half the scoring speed).</summary>
    public int CharNgrams { get; init; } = 0;
    /// <summary><c>mlnet</c> (ML.NET FeaturizeText, as tone-stance-v1) or <c>hashed</c> (<see cref="TextNgrams"/> computed in C#, scored by the compiled path).</summary>
    public string Featurizer { get; init; } = "mlnet";
    /// <summary>Hash bits of the word and char n-gram slots (hashed featurizer only).</summary>
    public int WordBits { get; init; } = 18;
    public int CharBits { get; init; } = 18;
    /// <summary>FastTree tone head settings.</summary>
    public int Trees { get; init; } = 200;
    public int Leaves { get; init; } = 16;
    /// <summary>Weight of the SDCA tone head in the tone mean (the trees get 1 minus it).</summary>
    public float LinearToneShare { get; init; } = 0.5f;
    /// <summary>Smoothing of the learned word ratings (see <see cref="WordRatings"/>).</summary>
    public float WordRatingsAlpha { get; init; } = 5f;
    /// <summary>
    /// Word vectors (<see cref="WordVectors"/>) give the learned word ratings a prior (<see cref="WordRatingPrior"/>),
    /// with this ridge L2 (0 = off, v2's ratings shrink towards 0).
    /// </summary>
    public double WordVectorPriorL2 { get; init; } = 0;
    /// <summary>
    /// Rating reliability: each tone row's weight is multiplied by 1 / (1 + SdWeight (sd / 4)^2), sd being the raters'
    /// standard deviation, so sentences the raters disagreed on teach less (0 = off).
    /// </summary>
    public float SdWeight { get; init; } = 0f;
    /// <summary>Where word vectors are cached between trainings, and the tool project that encodes the missing ones.</summary>
    public string WordVectorCache { get; init; } = ".data/word-vectors.bin";
    public string WordVectorTool { get; init; } = "ops/word-vectors";
    /// <summary>Polarity-shifter tone features beside the base hand features (<see cref="PolarityShifters"/>; stance rows carry zeros there).</summary>
    public bool ExtraFeatures { get; init; } = false;
    /// <summary>
    /// Train the neutral heads (<see cref="NeutralRule"/>): a linear head on all features and a tree head on the hand
    /// features, each learning 1 for a tone row rated within the neutral band and 0 outside. Needs <see cref="ToneTrees"/>.
    /// </summary>
    public bool NeutralHead { get; init; } = false;
    /// <summary>The rule's settings: the neutral probability from which a tone near 0 counts as neutral, and how near.</summary>
    public float NeutralThreshold { get; init; } = 0.45f;
    public float NeutralPull { get; init; } = 0.0625f;
    /// <summary>Weight of each CAMEO weak-label sentence in the stance head (0 turns them off).</summary>
    public float CameoWeakWeight { get; init; } = 0f;
    /// <summary>Weight of tone rows reused as weak stance labels (0 turns them off).</summary>
    public float ToneAsStanceWeight { get; init; } = 0f;
    /// <summary>Tenths of NYT articles / stance sources held out for validation.</summary>
    public int HeldOutTenths { get; init; } = 3;
    /// <summary>Rotates which tenths are held out (0 = the default validation split); for cross-checks on other slices.</summary>
    public int HeldOutOffset { get; init; } = 0;
    /// <summary>SDCA L2 regularisation of each head (L1 is 0).</summary>
    public float ToneL2 { get; init; } = 0.03f;
    public float StanceL2 { get; init; } = 0.01f;
    public int MaxIterations { get; init; } = 0;
    /// <summary>
    /// Cross-validation fold on the training split (-1 = off): the validation tenths are dropped altogether,
    /// the training tenths are dealt into <see cref="CvFolds"/> folds by group and this one is held out; no model is saved.
    /// </summary>
    public int CvFold { get; init; } = -1;
    public int CvFolds { get; init; } = 3;
    /// <summary>
    /// Train the target-aware stance head (<see cref="TargetStanceHead"/>) on the JSON-lines files (NewsMTSC) and the
    /// diplomatic statements, whose targets are found with the gazetteer in <see cref="GazetteerDir"/>. Needs the hashed featurizer.
    /// </summary>
    public bool TargetHead { get; init; } = false;
    public int TargetBits { get; init; } = 18;
    public float TargetL2 { get; init; } = 0.001f;
    /// <summary>Weight of a diplomatic statement's rows in the target head against 1 for a NewsMTSC target.</summary>
    public float DiplomaticTargetWeight { get; init; } = 3f;
    /// <summary>The regressed stance's share in a stance read by the target head (the classes' expectation gets the rest).</summary>
    public float TargetRegressionShare { get; init; } = 0f;
    /// <summary>Map the target head's stance per class onto the labels' scale (<see cref="StanceMap"/>, fitted out of fold).</summary>
    public string StanceMap { get; init; } = "false";
    /// <summary>Whether <see cref="StanceMap"/> is on, and whether it matches quantiles (<c>quantile</c>) or the mean label (<c>true</c>).</summary>
    public bool StanceMapOn => StanceMap is "true" or "quantile";
    /// <summary>Give the target head context features from word vectors (<see cref="TargetContext"/>), with this L2 (0 = off).</summary>
    public float TargetContextL2 { get; init; } = 0f;
    public string GazetteerDir { get; init; } = "seeds/gazetteer";
    /// <summary>The command line as the caller ran it; written into the card (reconstructed when empty).</summary>
    public string? Command { get; init; }

    public string ReconstructCommand()
    {
        var parts = new List<string> { "tension", "model", "train", "--name", Name };
        var d = new TrainOptions { Name = Name, Data = Data };
        if (ModelDir != d.ModelDir) parts.AddRange(["--model-dir", ModelDir]);
        if (LexiconDir != d.LexiconDir) parts.AddRange(["--lexicon-dir", LexiconDir]);
        if (Seed != d.Seed) parts.AddRange(["--seed", Seed.ToString(CultureInfo.InvariantCulture)]);
        if (ToneTrainer != d.ToneTrainer) parts.AddRange(["--tone-trainer", ToneTrainer]);
        if (StanceTrainer != d.StanceTrainer) parts.AddRange(["--stance-trainer", StanceTrainer]);
        if (NewsWeight != d.NewsWeight) parts.AddRange(["--news-weight", F(NewsWeight)]);
        if (CameoWeakWeight != d.CameoWeakWeight) parts.AddRange(["--cameo-weak-weight", F(CameoWeakWeight)]);
        if (ToneAsStanceWeight != d.ToneAsStanceWeight) parts.AddRange(["--tone-as-stance-weight", F(ToneAsStanceWeight)]);
        if (HeldOutOffset != d.HeldOutOffset) parts.AddRange(["--held-out-offset", HeldOutOffset.ToString(CultureInfo.InvariantCulture)]);
        if (HeldOutTenths != d.HeldOutTenths) parts.AddRange(["--held-out-tenths", HeldOutTenths.ToString(CultureInfo.InvariantCulture)]);
        if (CharNgrams != d.CharNgrams) parts.AddRange(["--char-ngrams", CharNgrams.ToString(CultureInfo.InvariantCulture)]);
        if (Featurizer != d.Featurizer) parts.AddRange(["--featurizer", Featurizer]);
        if (WordBits != d.WordBits) parts.AddRange(["--word-bits", WordBits.ToString(CultureInfo.InvariantCulture)]);
        if (CharBits != d.CharBits) parts.AddRange(["--char-bits", CharBits.ToString(CultureInfo.InvariantCulture)]);
        if (Trees != d.Trees) parts.AddRange(["--trees", Trees.ToString(CultureInfo.InvariantCulture)]);
        if (Leaves != d.Leaves) parts.AddRange(["--leaves", Leaves.ToString(CultureInfo.InvariantCulture)]);
        if (LinearToneShare != d.LinearToneShare) parts.AddRange(["--linear-tone-share", F(LinearToneShare)]);
        if (ToneTrees != d.ToneTrees) parts.AddRange(["--tone-trees", ToneTrees ? "true" : "false"]);
        if (NeutralHead != d.NeutralHead) parts.AddRange(["--neutral-head", NeutralHead ? "true" : "false"]);
        if (NeutralThreshold != d.NeutralThreshold) parts.AddRange(["--neutral-threshold", F(NeutralThreshold)]);
        if (NeutralPull != d.NeutralPull) parts.AddRange(["--neutral-pull", F(NeutralPull)]);
        if (ExtraFeatures != d.ExtraFeatures) parts.AddRange(["--extra-features", ExtraFeatures ? "true" : "false"]);
        if (WordRatingsAlpha != d.WordRatingsAlpha) parts.AddRange(["--word-ratings-alpha", F(WordRatingsAlpha)]);
        if (ToneL2 != d.ToneL2) parts.AddRange(["--tone-l2", F(ToneL2)]);
        if (StanceL2 != d.StanceL2) parts.AddRange(["--stance-l2", F(StanceL2)]);
        if (WordVectorPriorL2 != d.WordVectorPriorL2) parts.AddRange(["--word-vector-prior-l2", WordVectorPriorL2.ToString(CultureInfo.InvariantCulture)]);
        if (SdWeight != d.SdWeight) parts.AddRange(["--sd-weight", F(SdWeight)]);
        if (WordVectorCache != d.WordVectorCache) parts.AddRange(["--word-vector-cache", WordVectorCache]);
        if (WordVectorTool != d.WordVectorTool) parts.AddRange(["--word-vector-tool", WordVectorTool]);
        if (TargetHead != d.TargetHead) parts.AddRange(["--target-head", TargetHead ? "true" : "false"]);
        if (TargetBits != d.TargetBits) parts.AddRange(["--target-bits", TargetBits.ToString(CultureInfo.InvariantCulture)]);
        if (TargetL2 != d.TargetL2) parts.AddRange(["--target-l2", F(TargetL2)]);
        if (DiplomaticTargetWeight != d.DiplomaticTargetWeight) parts.AddRange(["--diplomatic-target-weight", F(DiplomaticTargetWeight)]);
        if (TargetRegressionShare != d.TargetRegressionShare) parts.AddRange(["--target-regression-share", F(TargetRegressionShare)]);
        if (TargetContextL2 != d.TargetContextL2) parts.AddRange(["--target-context-l2", F(TargetContextL2)]);
        if (StanceMap != d.StanceMap) parts.AddRange(["--stance-map", StanceMap]);
        if (GazetteerDir != d.GazetteerDir) parts.AddRange(["--gazetteer-dir", GazetteerDir]);
        if (MaxIterations != d.MaxIterations) parts.AddRange(["--max-iterations", MaxIterations.ToString(CultureInfo.InvariantCulture)]);
        parts.Add("--data");
        parts.AddRange(Data);
        return string.Join(' ', parts);
    }

    private static string F(float v) => v.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// Training: seeded MLContext, numbered steps (load, split by document, featurize, train, evaluate,
/// print metrics, save zip + card). Same seed and data give the same model (single-threaded trainers).
/// </summary>
public static class ToneModelTraining
{
    public static int Train(TrainOptions o, TextWriter log, IProgress<CommandStep>? steps = null)
    {
        var clock = Stopwatch.StartNew();
        if (o.StanceMap is not ("true" or "false" or "quantile")) throw new FormatException($"--stance-map takes true (mean label), quantile or false, not '{o.StanceMap}'");
        if (o.NeutralHead && !o.ToneTrees) throw new FormatException("--neutral-head needs the tone trees (--tone-trees true)");
        var command = string.IsNullOrWhiteSpace(o.Command) ? o.ReconstructCommand() : o.Command;
        var ml = new MLContext(seed: o.Seed);

        // 1. Load.
        steps?.Report(new(1, 7, "load"));
        log.WriteLine($"1. load: {o.Data.Count} data file(s), lexicons from {o.LexiconDir}");
        var hand = HandFeatures.Load(o.LexiconDir).WithExtras(o.ExtraFeatures);
        var files = new List<(string Path, List<LabelledSentence> Rows)>();
        var news = new List<(string Path, List<TargetedSentence> Rows)>();
        foreach (var path in o.Data)
        {
            if (!File.Exists(path)) { log.WriteLine($"error: data file {path} not found"); return 2; }
            if (TargetedSentences.IsJsonLines(path))
            {
                var targeted = TargetedSentences.Load(path);
                news.Add((path, targeted));
                log.WriteLine($"   {path}: {targeted.Count} sentences with {targeted.Sum(t => t.Targets.Length)} targets");
                continue;
            }
            var rows = LabelledSentences.Load(path);
            files.Add((path, rows));
            log.WriteLine($"   {path}: {rows.Count} {rows.FirstOrDefault()?.Kind.ToString().ToLowerInvariant() ?? "empty"} rows");
        }

        steps?.Report(new(2, 7, "split"));
        // 2. Split by document: NYT snippets by article, diplomatic statements by source; other files train only.
        var all = files.SelectMany(f => f.Rows).ToList();
        var rank = LabelledSentences.RankGroups(all.Where(IsSplittable).Select(r => r.Group));
        bool Validation(LabelledSentence r) => IsSplittable(r) && LabelledSentences.IsHeldOut(r.Group, rank, o.HeldOutTenths, o.HeldOutOffset);
        bool HeldOut(LabelledSentence r) => o.CvFold < 0 ? Validation(r)
            : IsSplittable(r) && !Validation(r) && (rank[r.Group] + o.HeldOutOffset) % 10 % o.CvFolds == o.CvFold;
        if (o.CvFold >= 0) all = all.Where(r => !Validation(r)).ToList();
        var train = all.Where(r => !HeldOut(r)).ToList();
        var heldOut = all.Where(HeldOut).ToList();
        var trainHashes = train.Select(r => r.Hash).ToHashSet();
        heldOut = heldOut.Where(r => !trainHashes.Contains(r.Hash)).ToList(); // a duplicate text in train is not held out
        log.WriteLine($"2. split by document ({o.HeldOutTenths}/10 of NYT articles and stance sources held out): train {train.Count}, held out {heldOut.Count}");

        var toneTrain = train.Where(r => r.Kind == LabelKind.Tone).ToList();
        var stanceTrain = train.Where(r => r.Kind == LabelKind.Stance).ToList();
        var weak = o.CameoWeakWeight > 0 ? CameoWeakLabels.Generate(o.LexiconDir, o.Seed) : [];
        if (toneTrain.Count == 0) { log.WriteLine("error: no tone training rows (give a rated-sentence file)"); return 2; }
        if (stanceTrain.Count + weak.Count == 0) { log.WriteLine("error: no stance training rows"); return 2; }
        log.WriteLine($"   tone train {toneTrain.Count}, stance train {stanceTrain.Count} labelled + {weak.Count} CAMEO weak labels");

        // 3. Featurize: word 1-2-grams and char 3-grams (L2), plus the hand features, normalised. The learned
        //    word ratings come from the tone training rows; each of those rows is encoded out of fold.
        steps?.Report(new(3, 7, "featurize"));
        log.WriteLine("3. featurize: word 1-2-grams" + (o.CharNgrams > 0 ? $" + char {o.CharNgrams}-grams" : "") + " + " + hand.Count + " hand features (VADER rules, CAMEO/Goldstein, stance cues, learned word ratings)");
        var ngrams = o.Featurizer.ToLowerInvariant() switch
        {
            "mlnet" => null,
            "hashed" => new TextNgrams(o.WordBits, o.CharNgrams, o.CharBits),
            _ => throw new FormatException($"unknown featurizer '{o.Featurizer}' (mlnet, hashed)"),
        };
        float ToneWeight(LabelledSentence r) => (IsNews(r) ? o.NewsWeight : 1f) / (1f + o.SdWeight * (r.Sd / 4f) * (r.Sd / 4f));
        const int folds = 5;
        var vectors = o.WordVectorPriorL2 > 0 ? LoadVectors(o, hand, train.Select(r => r.Text), log) : null;
        WordRatings LearnWords(IEnumerable<LabelledSentence> rows)
        {
            var weighted = rows.Select(r => (r.Text, r.Label, ToneWeight(r))).ToList();
            var prior = vectors is null ? null : WordRatingPrior.Fit(weighted, vectors, o.WordVectorPriorL2);
            return WordRatings.Learn(weighted, o.WordRatingsAlpha, 2f, prior);
        }
        var words = LearnWords(toneTrain);
        var foldHand = Enumerable.Range(0, folds).Select(f => hand.WithWords(LearnWords(toneTrain.Where(r => Fold(r, folds) != f)))).ToArray();
        hand = hand.WithWords(words);
        var toneRows = toneTrain.Select(r => Row(foldHand[Fold(r, folds)], ngrams, r, ToneWeight(r))).ToList();
        // The extra features are tone features: stance rows carry zeros there, so the stance head's weights on them
        // stay 0 (the normaliser keeps zeros at zero) and stance reads as it would without them.
        ModelRow StanceRow(LabelledSentence r, float weight)
        {
            var row = Row(hand, ngrams, r, weight);
            Array.Clear(row.Hand, HandFeatures.BaseCount, row.Hand.Length - HandFeatures.BaseCount);
            return row;
        }
        var stanceRows = stanceTrain.Select(r => StanceRow(r, 1f))
            .Concat(weak.Select(r => StanceRow(r, o.CameoWeakWeight)))
            .Concat(o.ToneAsStanceWeight > 0 ? toneTrain.Select(r => StanceRow(r, o.ToneAsStanceWeight)) : [])
            .ToList();
        var schema = ModelRow.Schema(ngrams, hand.Count);
        var toneView = ml.Data.LoadFromEnumerable(toneRows, schema);
        var stanceView = ml.Data.LoadFromEnumerable(stanceRows, schema);
        var featurizer = Featurizer(ml, o.CharNgrams, ngrams).Fit(ml.Data.LoadFromEnumerable(toneRows.Concat(stanceRows), schema));

        // 4. Train the two heads on the shared features.
        steps?.Report(new(4, 7, "train"));
        log.WriteLine($"4. train: tone head {o.ToneTrainer}, stance head {o.StanceTrainer} (seed {o.Seed})");
        var toneFeatures = ml.Data.Cache(featurizer.Transform(toneView)); // trainers pass over the data many times
        var toneHead = Trainer(ml, o.ToneTrainer, o.ToneL2, o).Fit(toneFeatures);
        var toneScored = toneHead.Transform(toneFeatures);
        var copyTone = ml.Transforms.CopyColumns(ModelRow.ToneColumn, "Score").Fit(toneScored);
        var parts = new List<ITransformer> { featurizer, toneHead, copyTone };
        if (o.ToneTrees)
        {
            var trees = Trainer(ml, "fasttree", 0f, o).Fit(toneFeatures);
            parts.Add(trees);
            parts.Add(ml.Transforms.CopyColumns(ModelRow.ToneTreesColumn, "Score").Fit(trees.Transform(toneFeatures)));
        }
        var stanceFeatures = ml.Data.Cache(featurizer.Transform(stanceView));
        var stanceHead = Trainer(ml, o.StanceTrainer, o.StanceL2, o).Fit(stanceFeatures);
        var copyStance = ml.Transforms.CopyColumns(ModelRow.StanceColumn, "Score").Fit(stanceHead.Transform(stanceFeatures));
        parts.Add(stanceHead);
        parts.Add(copyStance);
        NeutralRule? neutral = null;
        if (o.NeutralHead)
        {
            // The same tone rows (their out-of-fold word ratings and weights), labelled 1 when rated neutral.
            var neutralRows = toneRows.Select(r => new ModelRow
            {
                Text = r.Text, Hand = r.Hand, Ngrams = r.Ngrams, Weight = r.Weight,
                Label = ScoreMetrics.ClassOf(r.Label) == 0 ? 1f : 0f,
            });
            var neutralFeatures = ml.Data.Cache(featurizer.Transform(ml.Data.LoadFromEnumerable(neutralRows, schema)));
            var neutralLinear = Trainer(ml, "sdca", o.ToneL2, o).Fit(neutralFeatures);
            parts.Add(neutralLinear);
            parts.Add(ml.Transforms.CopyColumns(ModelRow.NeutralColumn, "Score").Fit(neutralLinear.Transform(neutralFeatures)));
            var neutralTrees = Trainer(ml, "fasttree", 0f, o).Fit(neutralFeatures);
            parts.Add(neutralTrees);
            parts.Add(ml.Transforms.CopyColumns(ModelRow.NeutralTreesColumn, "Score").Fit(neutralTrees.Transform(neutralFeatures)));
            neutral = new NeutralRule(o.NeutralThreshold, o.NeutralPull);
        }
        Dictionary<string, string>? targetSettings = null;
        TargetHeadRun? target = null;
        TargetContext? targetContext = null;
        if (o.TargetHead)
        {
            if (ngrams is null) throw new FormatException("--target-head needs --featurizer hashed");
            target = TargetHeadRun.Prepare(o, news, files.Where(f => f.Rows.FirstOrDefault()?.Kind == LabelKind.Stance).SelectMany(f => f.Rows), log);
            var features = new TargetFeatures(o.TargetBits);
            var contextTraining = o.TargetContextL2 > 0
                ? new TargetContextTraining(ml, LoadVectors(o, hand, train.Select(r => r.Text).Concat(target.Train.Select(r => r.Text)), log), o.TargetContextL2)
                : null;
            var (head, settings, _, context) = TargetHeadTraining.Train(ml, parts.ToArray(), featurizer, hand, ngrams, neutral, o.LinearToneShare, features,
                target.Train, o.TargetL2, o.TargetRegressionShare, o.StanceMapOn ? o.StanceMap : null, contextTraining, log);
            parts.Add(head);
            targetSettings = settings;
            targetContext = context;
        }
        var chain = new TransformerChain<ITransformer>(parts.ToArray());
        log.WriteLine($"   trained in {clock.Elapsed.TotalSeconds:0.0} s");

        // 5. Evaluate on the held-out rows.
        steps?.Report(new(5, 7, "evaluate"));
        log.WriteLine("5. evaluate on held-out rows");
        var model = new ToneModel(o.Name, ml, chain, hand, ngrams, o.LinearToneShare, neutral, targetSettings, targetContext);
        var metrics = new Dictionary<string, Dictionary<string, double>>();
        foreach (var (label, rows, output) in new[]
                 {
                     ("tone_news_validation", heldOut.Where(r => r.Kind == LabelKind.Tone).ToList(), LabelKind.Tone),
                     ("stance_held_out", heldOut.Where(r => r.Kind == LabelKind.Stance).ToList(), LabelKind.Stance),
                 })
        {
            if (rows.Count == 0) { log.WriteLine($"   {label}: no held-out rows"); continue; }
            var scores = model.Score(rows.Select(r => r.Text).ToList());
            var m = ScoreMetrics.Compute(rows.Select(r => r.Label).ToList(),
                scores.Select(s => output == LabelKind.Tone ? s.Tone : s.Stance).ToList());
            metrics[label] = m.Lines().ToDictionary(x => x.Name, x => Math.Round(x.Value, 4));
            // 6. Print the metrics.
            log.WriteLine($"6. metrics {label}:");
            m.Print(log, "   ");
        }

        var calibrationTable = target?.Evaluate(model, metrics, log);
        if (o.CvFold >= 0)
        {
            var toneRowsHeld = heldOut.Where(r => r.Kind == LabelKind.Tone).ToList();
            if (o.ToneTrees && toneRowsHeld.Count > 0)
                foreach (var share in new[] { 0f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 1f })
                {
                    var mixed = new ToneModel(o.Name, ml, chain, hand, ngrams, share, neutral).Score(toneRowsHeld.Select(r => r.Text).ToList());
                    var mm = ScoreMetrics.Compute(toneRowsHeld.Select(r => r.Label).ToList(), mixed.Select(x => x.Tone).ToList());
                    foreach (var (name, value) in mm.Lines()) log.WriteLine($"cv {o.CvFold} tone_share_{share.ToString(CultureInfo.InvariantCulture)} {name} {value.ToString(CultureInfo.InvariantCulture)}");
                }
            foreach (var (label, m) in metrics)
                foreach (var (name, value) in m) log.WriteLine($"cv {o.CvFold} {label} {name} {value.ToString(CultureInfo.InvariantCulture)}");
            return 0;
        }
        // 7. Save zip and card.
        steps?.Report(new(7, 7, "save"));
        Directory.CreateDirectory(o.ModelDir);
        var zip = Path.Combine(o.ModelDir, o.Name + ".zip");
        ml.Model.Save(chain, ml.Data.LoadFromEnumerable(Array.Empty<ModelRow>(), ModelRow.Schema(ngrams, hand.Count, model.Target?.Features.Width ?? 0)).Schema, zip);
        targetContext?.SaveInto(zip);
        words.Save(WordRatings.PathFor(zip));
        var card = new ModelCard
        {
            Name = o.Name,
            CreatedUtc = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            Seed = o.Seed,
            Command = command,
            DataFiles = files.Select(f => new DataFileCard(
                f.Path, LabelledSentences.FileSha256(f.Path),
                f.Rows.FirstOrDefault()?.Kind.ToString().ToLowerInvariant() ?? "empty", f.Rows.Count,
                f.Rows.Count(r => !HeldOut(r)), f.Rows.Count(HeldOut),
                f.Rows.Count > 0 && IsNews(f.Rows[0]) ? o.NewsWeight : 1f)).Concat(target?.Files ?? []).ToList(),
            Lexicons = HandFeatures.LexiconFiles.Concat(vectors is null ? [] : [WordVectors.VocabularyFile])
                .ToDictionary(f => f, f => LabelledSentences.FileSha256(Path.Combine(o.LexiconDir, f))),
            Split = $"by document, deterministic and independent of the seed: groups (NYT article = id before '_', stance source column) ordered by SHA-256 of the name, positions with ((index + {o.HeldOutOffset}) mod 10) < {o.HeldOutTenths} held out; other files train only. Tone labels = mean_rating / 4.",
            Features = [
                ngrams is not null ? ngrams.Describe() : "FeaturizeText: lower case, word 1-2-grams" + (o.CharNgrams > 0 ? $" + char {o.CharNgrams}-grams" : " (no char n-grams)") + ", L2 norm",
                $"{hand.Count} hand features, mean-variance normalised: " + string.Join(", ", hand.FeatureNames),
            ],
            Settings = new Dictionary<string, string>
            {
                ["tone_trainer"] = o.ToneTrainer + (o.ToneTrees ? " + fasttree on hand features (mean of the two)" : ""),
                ["stance_trainer"] = o.StanceTrainer,
                ["word_ratings_alpha"] = o.WordRatingsAlpha.ToString(CultureInfo.InvariantCulture),
                ["word_ratings_words"] = words.Count.ToString(CultureInfo.InvariantCulture),
                ["news_weight"] = o.NewsWeight.ToString(CultureInfo.InvariantCulture),
                ["cameo_weak_weight"] = o.CameoWeakWeight.ToString(CultureInfo.InvariantCulture),
                ["cameo_weak_rows"] = weak.Count.ToString(CultureInfo.InvariantCulture),
                ["tone_as_stance_weight"] = o.ToneAsStanceWeight.ToString(CultureInfo.InvariantCulture),
                ["tone_l2"] = o.ToneL2.ToString(CultureInfo.InvariantCulture),
                ["stance_l2"] = o.StanceL2.ToString(CultureInfo.InvariantCulture),
                ["max_iterations"] = o.MaxIterations.ToString(CultureInfo.InvariantCulture),
                ["featurizer"] = o.Featurizer,
                ["trees"] = o.Trees.ToString(CultureInfo.InvariantCulture),
                ["leaves"] = o.Leaves.ToString(CultureInfo.InvariantCulture),
                [ToneModel.LinearToneShareSetting] = o.LinearToneShare.ToString(CultureInfo.InvariantCulture),
                [HandFeatures.ExtrasSetting] = o.ExtraFeatures ? "true" : "false",
                ["neutral_head"] = o.NeutralHead ? "linear on all features + fasttree on hand features, mean = probability of a neutral rating" : "none",
                ["sd_weight"] = o.SdWeight.ToString(CultureInfo.InvariantCulture),
                ["word_vector_prior_l2"] = o.WordVectorPriorL2.ToString(CultureInfo.InvariantCulture),
                ["word_vectors"] = vectors is null ? "none" : $"{vectors.Count} words, {vectors.Dimension} dimensions, {WordVectors.Encoder}",
            },
            Metrics = metrics,
            ClassRule = $"conflict when stance < -{ToneModel.ClassThreshold}, cooperation when stance > {ToneModel.ClassThreshold}, else neutral; eval F1 classes use +-{ScoreMetrics.NeutralBand}",
            TrainingRowHashes = train.Select(r => r.Hash).Concat(target?.TrainHashes ?? []).Distinct().Order(StringComparer.Ordinal).ToList(),
            CalibrationTable = calibrationTable,
            Speed = ModelFigures.Speed(model, heldOut.Where(r => r.Kind == LabelKind.Tone).Select(r => r.Text).ToList()),
        };
        if (targetSettings is not null) foreach (var kv in targetSettings) card.Settings[kv.Key] = kv.Value;
        if (ngrams is not null) foreach (var kv in ngrams.Settings()) card.Settings[kv.Key] = kv.Value;
        if (neutral is not null)
        {
            card.Settings[NeutralRule.ThresholdSetting] = neutral.Threshold.ToString(CultureInfo.InvariantCulture);
            card.Settings[NeutralRule.PullSetting] = neutral.Pull.ToString(CultureInfo.InvariantCulture);
        }
        card = card with { Memory = ModelFigures.Memory(zip, o.LexiconDir) };
        card.Save(zip);
        log.WriteLine($"7. saved {zip} ({new FileInfo(zip).Length / 1024} KiB) and {ModelCard.PathFor(zip)} in {clock.Elapsed.TotalSeconds:0.0} s");
        log.WriteLine($"   command: {command}");
        return 0;
    }

    /// <summary>
    /// Vectors for an English word list (SCOWL up to size 60), the encoder's own vocabulary, VADER's words and every word
    /// of the training rows (never the held-out ones: a word seen only there must do without, as it would in use).
    /// </summary>
    private static WordVectors LoadVectors(TrainOptions o, HandFeatures hand, IEnumerable<string> train, TextWriter log)
    {
        var vocabulary = File.ReadLines(Path.Combine(o.LexiconDir, WordVectors.VocabularyFile))
            .Concat(hand.Vader.Words.Where(w => w.Length > 1 && w.All(c => char.IsLetter(c) || c is '\'' or '-')))
            .Concat(train.SelectMany(t => TextTokens.Of(t).Lower).Where(w => w.Length <= 30 && w.Any(char.IsLetter)));
        var vectors = WordVectors.For(vocabulary, o.WordVectorCache, o.WordVectorTool, log);
        log.WriteLine($"   word vectors: {vectors.Count} words ({vectors.Dimension} dimensions, {WordVectors.Encoder})");
        return vectors;
    }

    private static bool IsSplittable(LabelledSentence r) =>
        r.Kind == LabelKind.Stance || r.File.StartsWith("nyt", StringComparison.OrdinalIgnoreCase);

    private static int Fold(LabelledSentence r, int folds) => Convert.ToInt32(LabelledSentences.TextHash(r.Group)[..4], 16) % folds;

    private static bool IsNews(LabelledSentence r) => r.File.StartsWith("nyt", StringComparison.OrdinalIgnoreCase);

    private static ModelRow Row(HandFeatures hand, TextNgrams? ngrams, LabelledSentence r, float weight) =>
        new() { Text = r.Text, Hand = hand.Compute(r.Text), Ngrams = ngrams is null ? default : ModelRow.NgramVector(ngrams, r.Text), Label = r.Label, Weight = weight };

    internal static IEstimator<ITransformer> Featurizer(MLContext ml, int charNgrams, TextNgrams? ngrams) => ngrams is not null
        ? ml.Transforms.NormalizeMeanVariance("HandNorm", nameof(ModelRow.Hand))
            .Append(ml.Transforms.Concatenate("Features", nameof(ModelRow.Ngrams), "HandNorm"))
        : ml.Transforms.Text.FeaturizeText("TextFeatures", new TextFeaturizingEstimator.Options
            {
                CaseMode = TextNormalizingEstimator.CaseMode.Lower,
                KeepDiacritics = false,
                KeepPunctuations = true,
                KeepNumbers = true,
                WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
                CharFeatureExtractor = charNgrams > 0 ? new WordBagEstimator.Options { NgramLength = charNgrams, UseAllLengths = false } : null,
                Norm = TextFeaturizingEstimator.NormFunction.L2,
            }, nameof(ModelRow.Text))
            .Append(ml.Transforms.NormalizeMeanVariance("HandNorm", nameof(ModelRow.Hand)))
            .Append(ml.Transforms.Concatenate("Features", "TextFeatures", "HandNorm"));

    private static IEstimator<ITransformer> Trainer(MLContext ml, string name, float l2, TrainOptions o) => name.ToLowerInvariant() switch
    {
        "sdca" => ml.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options
        {
            LabelColumnName = nameof(ModelRow.Label),
            FeatureColumnName = "Features",
            ExampleWeightColumnName = nameof(ModelRow.Weight),
            NumberOfThreads = 1,
            L2Regularization = l2,
            L1Regularization = 0f,
            MaximumNumberOfIterations = o.MaxIterations > 0 ? o.MaxIterations : null,
        }),
        "fasttree" => ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
        {
            LabelColumnName = nameof(ModelRow.Label),
            FeatureColumnName = "HandNorm", // trees on the dense hand features; n-grams stay with SDCA
            ExampleWeightColumnName = nameof(ModelRow.Weight),
            NumberOfThreads = 1,
            NumberOfTrees = o.Trees,
            NumberOfLeaves = o.Leaves,
            MinimumExampleCountPerLeaf = 20,
            LearningRate = 0.05,
            FeatureFraction = 1.0,
        }),
        _ => throw new ArgumentException($"unknown trainer '{name}' (sdca, fasttree)"),
    };
}
