using System.Globalization;

namespace TensionTracker.Text.Scoring;

/// <summary>
/// <c>model eval --data FILE.jsonl</c>: NewsMTSC's sentences with a gold class per target. <c>--output stance</c> reads
/// the model's stance toward each target (the model is told where the target is mentioned); <c>--output tone</c> the
/// sentence's tone for every target of the sentence. Classes: a model that gives class probabilities answers with the
/// most probable class; otherwise the score's sign beyond +-0.05 (<see cref="ScoreMetrics.NeutralBand"/>), as VADER's.
/// VADER runs on the same sentences (sentence level: its compound for every target of the sentence).
/// </summary>
public static class TargetedEvaluation
{
    public static int Evaluate(EvalOptions o, ToneModel model, ModelCard? card, string output, TextWriter log, IProgress<CommandStep>? steps)
    {
        var trained = card?.TrainingRowHashes.ToHashSet(StringComparer.Ordinal) ?? [];
        var rows = new List<TargetedSentence>();
        foreach (var path in o.Data)
        {
            if (!File.Exists(path)) { log.WriteLine($"error: data file {path} not found"); return 2; }
            rows.AddRange(TargetedSentences.Load(path));
        }
        var kept = rows.Where(r => !trained.Contains(r.Hash)).ToList();
        log.WriteLine($"model {model.Name}");
        log.WriteLine($"output {output}");
        log.WriteLine($"sentences {rows.Count}");
        log.WriteLine($"left_out_trained {rows.Count - kept.Count}");
        if (kept.Count == 0) { log.WriteLine("n 0"); return 0; }

        steps?.Report(new(2, 5, "score"));
        var inputs = kept.Select(ToInput).ToList();
        var scores = model.Score(inputs);
        var gold = new List<int>();
        var predicted = new List<int>();
        var probabilities = new List<StanceProbabilities>();
        var withProbabilities = true;
        for (var i = 0; i < kept.Count; i++)
            for (var t = 0; t < kept[i].Targets.Length; t++)
            {
                gold.Add(kept[i].Targets[t].Class);
                var s = scores[i];
                if (output == "tone") { predicted.Add(ScoreMetrics.ClassOf(s.Tone)); continue; }
                var id = TargetId(t);
                var own = s.Targets?.FirstOrDefault(x => x.Target == id);
                var p = own?.Probabilities ?? s.Probabilities;
                if (p is { } known)
                {
                    predicted.Add(CalibrationError.Top(known).Class);
                    probabilities.Add(known);
                }
                else
                {
                    withProbabilities = false;
                    predicted.Add(ScoreMetrics.ClassOf(s.StanceToward(id)));
                }
            }
        ClassMetrics.Compute(gold, predicted).Print(log);
        if (output == "stance" && withProbabilities && probabilities.Count == gold.Count)
        {
            var (ece, _) = CalibrationError.Compute(probabilities, gold);
            log.WriteLine($"ece {ece.ToString("0.0000", CultureInfo.InvariantCulture)}");
        }

        steps?.Report(new(4, 5, "speed"));
        var texts = kept.Select(r => r.Text).ToList();
        // Statements with their targets, as the pipeline hands them over (a target-aware model reads each target too).
        var (perSecond, perCpuSecond) = ToneModelEvaluation.MeasureSpeed(() => model.Score(inputs), inputs.Count, o.SpeedSeconds);
        log.WriteLine($"statements_per_second {perSecond:0}");
        log.WriteLine($"statements_per_cpu_second {perCpuSecond:0}");

        if (!string.IsNullOrEmpty(o.VaderDir))
        {
            steps?.Report(new(5, 5, "VADER"));
            if (ToneModelEvaluation.RunVader(o.VaderDir, texts, log) is { } v)
            {
                var vaderPredicted = new List<int>();
                for (var i = 0; i < kept.Count; i++)
                    foreach (var _ in kept[i].Targets) vaderPredicted.Add(ScoreMetrics.ClassOf(v.Compound[i]));
                ClassMetrics.Compute(gold, vaderPredicted).Print(log, "vader_");
                log.WriteLine($"vader_statements_per_second {v.PerSecond:0}");
                log.WriteLine($"vader_statements_per_cpu_second {v.PerCpuSecond:0}");
            }
        }
        return 0;
    }

    /// <summary>The name a target goes by in the scoring input: its position in the sentence's list.</summary>
    public static string TargetId(int index) => "T" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>Each target as a mention of its own (ids from <see cref="TargetId"/>), the way the pipeline hands over target countries.</summary>
    public static ScoringInput ToInput(TargetedSentence s) =>
        new(s.Text, s.Targets.Select((t, i) => new TargetMention(TargetId(i), t.From, t.To - t.From)).ToArray());
}
