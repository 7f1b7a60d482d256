using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using TensionTracker.Text.Scoring;

namespace TensionTracker.Deep;

/// <summary>`tension model train --kind deep`: what the deep model learns from and how it is judged.</summary>
public sealed record DeepTrainOptions
{
    public required string Name { get; init; }
    public string ModelDir { get; init; } = "seeds/models";
    /// <summary>NewsMTSC training sentences (JSON lines), read where they are.</summary>
    public required string News { get; init; }
    public string? Diplomatic { get; init; } = "seeds/stance/diplomatic_statements.tsv";
    /// <summary>Rated sentences (id mean_rating sd n_raters text) for the tone head.</summary>
    public IReadOnlyList<string> Tone { get; init; } = [];
    /// <summary>Evaluated only, never trained or tuned on: NewsMTSC multi-target dev, and a rated set for tone.</summary>
    public string? EvalNews { get; init; }
    public string? EvalTone { get; init; }
    public int HeldOutTenths { get; init; } = 2;
    public float DiplomaticWeight { get; init; } = 1f;
    public string Cache { get; init; } = ".data/deep-features";
    public int Threads { get; init; } = Environment.ProcessorCount;
    public int MaxPieces { get; init; } = 128;
    /// <summary>The encoder with its matrices in int8 (<see cref="Int8Graph"/>), about 2.5 times cheaper; heads trained on its features.</summary>
    public bool Int8 { get; init; }
    /// <summary>How many of the encoder's six layers to read (fewer: faster, each layer about a sixth of the time).</summary>
    public int Layers { get; init; } = MiniLmEncoder.AllLayers;
    /// <summary>How many of the top layers' outputs are summed per piece (1: the top layer's alone).</summary>
    public int Summed { get; init; } = 1;
    /// <summary>What the heads read per target (<see cref="TargetPooling"/>).</summary>
    public TargetPooling Pooling { get; init; } = TargetPooling.FourMeans;
    public string? Command { get; init; }
}

/// <summary>
/// Trains the deep model's heads on frozen encoder features, in numbered steps: encode (cached), split by source
/// document, fit the class head (its L2 chosen on held-out documents), fit the temperature on held-out documents,
/// fit the tone head, evaluate, save NAME.zip (the heads only) with NAME.card.json beside it.
/// </summary>
public static class DeepModelTraining
{
    static readonly (float L1, float L2)[] Choices = [(1f, 100f), (1f, 300f), (1f, 1000f), (1f, 3000f), (1f, 10000f)];

    public static int Train(DeepTrainOptions o, TextWriter log)
    {
        var ml = new MLContext(seed: 1);
        using var encoder = new MiniLmEncoder(o.Threads, o.MaxPieces, o.Int8, o.Layers, o.Summed);
        log.WriteLine($"1. encoding with {encoder.Description} ({o.Threads} threads; cache {o.Cache})");
        var news = NewsSentence.Load(o.News);
        var newsFeatures = DeepFeatures.ForNews(o.News, news, encoder, o.Pooling, o.Cache, log);
        var diplomatic = o.Diplomatic is null ? [] : LabelledSentences.Load(o.Diplomatic);
        var diplomaticFeatures = o.Diplomatic is null ? [] : DeepFeatures.ForSentences(o.Diplomatic, diplomatic.Select(r => r.Text).ToList(), encoder, o.Pooling, o.Cache, log);
        var tone = o.Tone.Select(f => (File: f, Rows: LabelledSentences.Load(f))).ToList();
        var toneFeatures = tone.Select(t => DeepFeatures.ForSentences(t.File, t.Rows.Select(r => r.Text).ToList(), encoder, o.Pooling, o.Cache, log)).ToList();

        log.WriteLine($"2. split by source document: {o.HeldOutTenths}/10 of the documents held out");
        var stance = new List<(FeatureRow Row, bool HeldOut, float Gold, string Source)>();
        var at = 0;
        foreach (var s in news)
            foreach (var t in s.Targets)
                stance.Add((new FeatureRow { Features = newsFeatures[at++], Class = t.Class }, HeldOut("news:" + s.Document, o.HeldOutTenths), float.NaN, "news"));
        for (var i = 0; i < diplomatic.Count; i++)
            stance.Add((new FeatureRow { Features = diplomaticFeatures[i], Class = KeyOf(diplomatic[i].Label), Weight = o.DiplomaticWeight },
                HeldOut(diplomatic[i].Group, o.HeldOutTenths), diplomatic[i].Label, "diplomatic"));
        var train = stance.Where(r => !r.HeldOut).Select(r => r.Row).ToList();
        var held = stance.Where(r => r.HeldOut).ToList();
        Balance(train);
        log.WriteLine($"   class rows: {train.Count} training, {held.Count} held out");

        log.WriteLine("3. class head: normalise, multinomial logistic regression (L-BFGS); L1/L2 chosen by held-out log loss");
        (ITransformer? Head, (float L1, float L2) Regularisation, double Loss) best = default;
        foreach (var (l1, l2) in Choices)
        {
            var head = FitClassHead(ml, train, l1, l2);
            var loss = DeepMetrics.LogLoss(held.Select(h => h.Row.Class).ToList(), DeepModel.Probabilities(ml, head, held.Select(h => h.Row).ToList(), 1f));
            log.WriteLine($"   l1 {l1}, l2 {l2}: held-out log loss {loss:0.0000}");
            if (best.Head is null || loss < best.Loss) best = (head, (l1, l2), loss);
        }

        log.WriteLine("4. temperature on the held-out documents (least log loss)");
        var bestHead = best.Head!;
        var heldRaw = DeepModel.Probabilities(ml, bestHead, held.Select(h => h.Row).ToList(), 1f);
        var heldGold = held.Select(h => h.Row.Class).ToList();
        var temperature = Enumerable.Range(10, 51).Select(t => t / 20f)
            .MinBy(t => DeepMetrics.LogLoss(heldGold, heldRaw.Select(p => Recalibrate(p, t)).ToList()));
        log.WriteLine($"   temperature {temperature}");

        log.WriteLine("5. tone head: normalise, SDCA regression on the whole statement");
        var toneRows = tone.SelectMany((t, f) => t.Rows.Select((r, i) => (Row: new FeatureRow { Features = toneFeatures[f][i], Value = r.Label }, HeldOut: HeldOut(r.Group, o.HeldOutTenths)))).ToList();
        var toneHead = ml.Transforms.NormalizeMeanVariance(nameof(FeatureRow.Features))
            .Append(ml.Regression.Trainers.Sdca(nameof(FeatureRow.Value), nameof(FeatureRow.Features), l2Regularization: 1f, l1Regularization: 0f, maximumNumberOfIterations: 50))
            .Fit(ml.Data.LoadFromEnumerable(toneRows.Where(r => !r.HeldOut).Select(r => r.Row), FeatureRow.Schema(o.Pooling.Dimension)));

        var path = Path.Combine(o.ModelDir, o.Name + ".zip");
        Directory.CreateDirectory(o.ModelDir);
        var settings = new HeadSettings(encoder.Description, o.Pooling.Description, o.MaxPieces, temperature, o.Layers, o.Summed);
        var schema = ml.Data.LoadFromEnumerable(Array.Empty<FeatureRow>(), FeatureRow.Schema(o.Pooling.Dimension)).Schema;
        DeepModel.Save(path, settings, ml, bestHead, schema, toneHead, schema);

        log.WriteLine("6. evaluation (the saved model, loaded as the host loads it)");
        using var model = DeepModel.Load(path, threads: 1);
        var metrics = new Dictionary<string, Dictionary<string, double>>();
        var heldProbabilities = model.Probabilities(held.Select(h => h.Row).ToList());
        metrics["held_out_documents"] = DeepMetrics.Classes(heldGold, heldProbabilities);
        var heldNews = held.Select((h, i) => (h, i)).Where(x => x.h.Source == "news").ToList();
        metrics["held_out_newsmtsc"] = DeepMetrics.Classes(heldNews.Select(x => x.h.Row.Class).ToList(), heldNews.Select(x => heldProbabilities[x.i]).ToList());
        var heldDiplomatic = held.Select((h, i) => (h, i)).Where(x => x.h.Source == "diplomatic").ToList();
        if (heldDiplomatic.Count > 1)
        {
            var predicted = heldDiplomatic.Select(x => DeepModel.StanceOf(heldProbabilities[x.i])).ToList();
            var gold = heldDiplomatic.Select(x => x.h.Gold).ToList();
            metrics["held_out_diplomatic"] = new()
            {
                ["n"] = gold.Count, ["pearson_r"] = DeepMetrics.Pearson(gold, predicted),
                ["mean_stance_where_gold_at_most_-0.6"] = MeanWhere(gold, predicted, g => g <= -0.6f),
                ["mean_stance_where_gold_at_least_0.6"] = MeanWhere(gold, predicted, g => g >= 0.6f),
            };
        }
        var (_, bins) = DeepMetrics.Calibration(heldGold, heldProbabilities);
        for (var b = 0; b < bins.Count; b++)
            metrics[$"calibration_{bins[b].From:0.0}-{bins[b].To:0.0}"] = new()
            { ["n"] = bins[b].Count, ["confidence"] = bins[b].Confidence, ["accuracy"] = bins[b].Accuracy };

        ToneEvaluations(model, o, tone, toneFeatures, metrics);
        var speed = Speed(model, o, log, metrics);
        metrics["speed"] = speed;
        foreach (var (set, values) in metrics.Where(m => !m.Key.StartsWith("calibration")))
            log.WriteLine($"   {set}: {string.Join(", ", values.Select(v => $"{v.Key} {v.Value.ToString(CultureInfo.InvariantCulture)}"))}");

        var card = new ModelCard
        {
            Name = o.Name, CreatedUtc = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ"), Seed = 1,
            Command = o.Command ?? "", Split = $"by source document (NewsMTSC article id, diplomatic source column, rated sets' groups): {o.HeldOutTenths}/10 of the documents held out",
            DataFiles = DataFiles(o, news, diplomatic, tone, stance),
            Lexicons = new(), Features = [o.Pooling.Description],
            Settings = new()
            {
                ["kind"] = "deep", ["encoder"] = encoder.Description, ["max_pieces"] = o.MaxPieces.ToString(CultureInfo.InvariantCulture),
                ["layers"] = o.Layers.ToString(CultureInfo.InvariantCulture),
                ["summed_layers"] = o.Summed.ToString(CultureInfo.InvariantCulture),
                ["class_head"] = $"NormalizeMeanVariance + LbfgsMaximumEntropy, l1 {best.Regularisation.L1.ToString(CultureInfo.InvariantCulture)}, l2 {best.Regularisation.L2.ToString(CultureInfo.InvariantCulture)} (of {string.Join(", ", Choices.Select(c => $"{c.L1}/{c.L2}"))})",
                ["temperature"] = temperature.ToString(CultureInfo.InvariantCulture),
                ["tone_head"] = "NormalizeMeanVariance + Sdca regression, l1 0, l2 1",
                ["model_file_bytes"] = new FileInfo(path).Length.ToString(CultureInfo.InvariantCulture),
            },
            Metrics = metrics,
            ClassRule = "argmax of the calibrated probabilities; stance = P(cooperation) - P(conflict); diplomatic labels: conflict below -0.1, cooperation above 0.1",
            TrainingRowHashes = [],
        };
        card.Save(path);
        log.WriteLine($"7. saved {path} ({new FileInfo(path).Length / 1024} KB) and its card");
        return 0;
    }

    static void ToneEvaluations(DeepModel model, DeepTrainOptions o, List<(string File, List<LabelledSentence> Rows)> tone,
        List<float[][]> features, Dictionary<string, Dictionary<string, double>> metrics)
    {
        for (var f = 0; f < tone.Count; f++)
        {
            var held = tone[f].Rows.Select((r, i) => (r, i)).Where(x => HeldOut(x.r.Group, o.HeldOutTenths)).ToList();
            if (held.Count < 2) continue;
            var predicted = model.Tones(held.Select(x => new FeatureRow { Features = features[f][x.i] }).ToList());
            metrics[$"held_out_{Path.GetFileNameWithoutExtension(tone[f].File)}"] = new()
            { ["n"] = held.Count, ["tone_pearson_r"] = DeepMetrics.Pearson(held.Select(x => x.r.Label).ToList(), predicted) };
        }
        if (o.EvalTone is { } evalTone)
        {
            var rows = LabelledSentences.Load(evalTone);
            var scores = model.Score(rows.Select(r => ScoringInput.Untargeted(r.Text)).ToList());
            metrics[Path.GetFileNameWithoutExtension(evalTone)] = new() { ["n"] = rows.Count, ["tone_pearson_r"] = DeepMetrics.Pearson(rows.Select(r => r.Label).ToList(), scores.Select(s => s.Tone).ToList()) };
        }
    }

    /// <summary>Scores NewsMTSC multi-target dev (when given) one target at a time, on one core: quality, speed and memory.</summary>
    static Dictionary<string, double> Speed(DeepModel model, DeepTrainOptions o, TextWriter log, Dictionary<string, Dictionary<string, double>> metrics)
    {
        var speed = new Dictionary<string, double>();
        if (o.EvalNews is null) return speed;
        var dev = NewsSentence.Load(o.EvalNews);
        var inputs = dev.Select(s => new ScoringInput(s.Text, s.Targets.Select((t, i) => new TargetMention("T" + i, t.From, t.To - t.From)).ToArray())).ToList();
        model.Score(inputs.Take(8).ToList());
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var scores = model.Score(inputs);
        process.Refresh();
        var used = (process.TotalProcessorTime - cpu).TotalSeconds;
        var gold = dev.SelectMany(s => s.Targets.Select(t => t.Class)).ToList();
        var predicted = scores.SelectMany(s => s.Targets!.Select(t => t.Probabilities!.Value)).ToList();
        metrics[Path.GetFileNameWithoutExtension(o.EvalNews)] = DeepMetrics.Classes(gold, predicted);
        speed["statements"] = inputs.Count;
        speed["targets"] = gold.Count;
        speed["statements_per_second_per_core"] = Math.Round(inputs.Count / used, 1);
        speed["wall_seconds"] = Math.Round(wall.Elapsed.TotalSeconds, 2);
        speed["resident_mb"] = process.WorkingSet64 >> 20;
        return speed;
    }

    static List<DataFileCard> DataFiles(DeepTrainOptions o, List<NewsSentence> news, List<LabelledSentence> diplomatic,
        List<(string File, List<LabelledSentence> Rows)> tone, List<(FeatureRow Row, bool HeldOut, float Gold, string Source)> stance)
    {
        var files = new List<DataFileCard>
        {
            new(o.News, LabelledSentences.FileSha256(o.News), "newsmtsc", stance.Count(s => s.Source == "news"),
                stance.Count(s => s.Source == "news" && !s.HeldOut), stance.Count(s => s.Source == "news" && s.HeldOut), 1),
        };
        if (o.Diplomatic is not null)
            files.Add(new(o.Diplomatic, LabelledSentences.FileSha256(o.Diplomatic), "stance", diplomatic.Count,
                stance.Count(s => s.Source == "diplomatic" && !s.HeldOut), stance.Count(s => s.Source == "diplomatic" && s.HeldOut), o.DiplomaticWeight));
        foreach (var (file, rows) in tone)
        {
            var heldOut = rows.Count(r => HeldOut(r.Group, o.HeldOutTenths));
            files.Add(new(file, LabelledSentences.FileSha256(file), "tone", rows.Count, rows.Count - heldOut, heldOut, 1));
        }
        return files;
    }

    static double MeanWhere(List<float> gold, List<float> predicted, Func<float, bool> where)
    {
        var values = gold.Select((g, i) => (g, p: predicted[i])).Where(x => where(x.g)).Select(x => (double)x.p).ToList();
        return values.Count == 0 ? double.NaN : DeepMetrics.Round(values.Average());
    }

    static ITransformer FitClassHead(MLContext ml, List<FeatureRow> train, float l1, float l2) =>
        ml.Transforms.Conversion.MapValueToKey("LabelKey", nameof(FeatureRow.Label), keyData: FeatureRow.ClassKeys(ml))
            .Append(ml.Transforms.NormalizeMeanVariance(nameof(FeatureRow.Features)))
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy("LabelKey", nameof(FeatureRow.Features),
                nameof(FeatureRow.Weight), l1Regularization: l1, l2Regularization: l2))
            .Fit(ml.Data.LoadFromEnumerable(train, FeatureRow.Schema(train)));

    /// <summary>Each class weighs the same in all (rows keep their own weight within a class), so the rare class is not drowned.</summary>
    static void Balance(List<FeatureRow> rows)
    {
        var totals = rows.GroupBy(r => r.Class).ToDictionary(g => g.Key, g => g.Sum(r => r.Weight));
        var mean = totals.Values.Average();
        foreach (var r in rows) r.Weight *= mean / totals[r.Class];
    }

    static StanceProbabilities Recalibrate(StanceProbabilities p, float t) => DeepModel.Calibrate([p.Conflict, p.Neutral, p.Cooperation], t);

    static uint KeyOf(float stance) => stance < -ToneModel.ClassThreshold ? 1u : stance > ToneModel.ClassThreshold ? 3u : 2u;

    /// <summary>The same documents are held out whatever else is given: a hash of the document's name, in tenths.</summary>
    public static bool HeldOut(string document, int tenths) =>
        Convert.ToInt32(LabelledSentences.TextHash(document)[..4], 16) % 10 < tenths;
}
