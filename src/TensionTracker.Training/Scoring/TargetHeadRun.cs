using TensionTracker.Text.Extraction;

namespace TensionTracker.Text.Scoring;

/// <summary>
/// The target head's data in one training run: its rows split by document like the rest (NewsMTSC by story, diplomatic
/// statements by source; the same held-out tenths), and the figures on the held-out ones.
/// </summary>
internal sealed class TargetHeadRun
{
    /// <summary>Categories of the diplomatic set whose held-out statements must reach the ends of the scale.</summary>
    public static readonly string[] Hostile = ["threat", "ultimatum", "insult"];
    public static readonly string[] Cooperative = ["agreement", "praise"];

    public required List<TargetRow> Train { get; init; }
    public required List<TargetRow> HeldOut { get; init; }
    public required List<string> TrainHashes { get; init; }
    public required List<DataFileCard> Files { get; init; }

    public static TargetHeadRun Prepare(TrainOptions o, List<(string Path, List<TargetedSentence> Rows)> news, IEnumerable<LabelledSentence> diplomatic, TextWriter log)
    {
        var gazetteer = Gazetteer.Load(o.GazetteerDir);
        var sentences = news.SelectMany(n => n.Rows).ToList();
        var statements = diplomatic.ToList();
        var rank = LabelledSentences.RankGroups(sentences.Select(s => s.Group).Concat(statements.Select(s => s.Group)));
        bool HeldOut(string group) => LabelledSentences.IsHeldOut(group, rank, o.HeldOutTenths, o.HeldOutOffset);
        var rows = TargetHeadTraining.FromNews(sentences).Concat(TargetHeadTraining.FromDiplomatic(statements, gazetteer, o.DiplomaticTargetWeight)).ToList();
        var train = rows.Where(r => !HeldOut(r.Group)).ToList();
        var trainTexts = train.Select(r => LabelledSentences.TextHash(r.Text)).ToHashSet();
        var heldOut = rows.Where(r => HeldOut(r.Group) && !trainTexts.Contains(LabelledSentences.TextHash(r.Text))).ToList();
        log.WriteLine($"   target head rows: train {train.Count} ({train.Count(r => r.Targeted)} read toward a target), held out {heldOut.Count}");
        return new TargetHeadRun
        {
            Train = train,
            HeldOut = heldOut,
            TrainHashes = sentences.Where(s => !HeldOut(s.Group)).Select(s => s.Hash).ToList(),
            Files = news.Select(n => new DataFileCard(n.Path, LabelledSentences.FileSha256(n.Path), "targeted stance (NewsMTSC)", n.Rows.Count,
                n.Rows.Count(s => !HeldOut(s.Group)), n.Rows.Count(s => HeldOut(s.Group)), 1.0)).ToList(),
        };
    }

    /// <summary>Figures on the held-out rows into <paramref name="metrics"/>; returns the calibration table of every held-out reading.</summary>
    public List<CalibrationBin> Evaluate(ToneModel model, Dictionary<string, Dictionary<string, double>> metrics, TextWriter log)
    {
        var scores = model.Score(HeldOut.Select(TargetHeadTraining.Input).ToList());
        var probabilities = HeldOut.Select((r, i) => TargetHeadTraining.ProbabilitiesOf(scores[i], r)).ToList();
        var gold = HeldOut.Select(r => r.Class).ToList();
        var (ece, table) = CalibrationError.Compute(probabilities, gold);
        metrics["calibration_held_out"] = new() { ["n"] = gold.Count, ["ece"] = Math.Round(ece, 4) };

        var news = Enumerable.Range(0, HeldOut.Count).Where(i => HeldOut[i].Source is null && HeldOut[i].Targeted).ToList();
        if (news.Count > 0)
        {
            var m = ClassMetrics.Compute(news.Select(i => gold[i]).ToList(), news.Select(i => CalibrationError.Top(probabilities[i]).Class).ToList());
            var figures = m.Lines().ToDictionary(x => x.Name, x => Math.Round(x.Value, 4));
            figures["ece"] = Math.Round(CalibrationError.Compute(news.Select(i => probabilities[i]).ToList(), news.Select(i => gold[i]).ToList()).Ece, 4);
            metrics["newsmtsc_held_out_by_story"] = figures;
        }
        var toward = Enumerable.Range(0, HeldOut.Count).Where(i => HeldOut[i].Source is not null && HeldOut[i].Targeted).ToList();
        if (toward.Count > 0)
        {
            var m = ScoreMetrics.Compute(toward.Select(i => HeldOut[i].Source!.Label).ToList(), toward.Select(i => TargetHeadTraining.StanceOf(scores[i], HeldOut[i])).ToList());
            metrics["stance_held_out_toward_target"] = m.Lines().ToDictionary(x => x.Name, x => Math.Round(x.Value, 4));
        }
        var whole = Enumerable.Range(0, HeldOut.Count).Where(i => HeldOut[i].Source is not null && !HeldOut[i].Targeted).ToList();
        double Mean(string[] categories, bool targeted)
        {
            var stances = Enumerable.Range(0, HeldOut.Count)
                .Where(i => HeldOut[i].Source is { } s && categories.Contains(s.Category) && HeldOut[i].Targeted == targeted)
                .Select(i => (double)TargetHeadTraining.StanceOf(scores[i], HeldOut[i])).ToList();
            return stances.Count > 0 ? Math.Round(stances.Average(), 4) : double.NaN;
        }
        if (whole.Count > 0)
            metrics["stance_extremes_held_out"] = new()
            {
                ["hostile_n"] = whole.Count(i => Hostile.Contains(HeldOut[i].Source!.Category)),
                ["hostile_mean_stance"] = Mean(Hostile, false),
                ["hostile_mean_stance_toward_target"] = Mean(Hostile, true),
                ["cooperative_n"] = whole.Count(i => Cooperative.Contains(HeldOut[i].Source!.Category)),
                ["cooperative_mean_stance"] = Mean(Cooperative, false),
                ["cooperative_mean_stance_toward_target"] = Mean(Cooperative, true),
            };
        foreach (var name in new[] { "calibration_held_out", "newsmtsc_held_out_by_story", "stance_held_out_toward_target", "stance_extremes_held_out" })
            if (metrics.TryGetValue(name, out var figures))
            {
                log.WriteLine($"6. metrics {name}:");
                foreach (var (k, v) in figures) log.WriteLine($"   {k} {v.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture)}");
            }
        return table;
    }
}
