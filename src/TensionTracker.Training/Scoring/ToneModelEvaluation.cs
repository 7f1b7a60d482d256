using System.Diagnostics;
using System.Globalization;

namespace TensionTracker.Text.Scoring;

/// <summary>Options of <c>tension model eval [--model NAME] [--output tone|stance] --data FILE...</c>.</summary>
public sealed record EvalOptions
{
    /// <summary>Model name (<c>{ModelDir}/{Model}.zip</c>); null = the default named in <c>{ModelDir}/default.txt</c>.</summary>
    public string? Model { get; init; }
    /// <summary><c>tone</c> (default) or <c>stance</c>: which head is compared with the labels.</summary>
    public string Output { get; init; } = "tone";
    public required IReadOnlyList<string> Data { get; init; }
    public string ModelDir { get; init; } = "seeds/models";
    public string LexiconDir { get; init; } = "seeds/lexicons";
    /// <summary>Folder of the npm VADER baseline (<c>score.js</c> + node_modules); null or missing = no comparison.</summary>
    public string? VaderDir { get; init; } = "ops/vader";
    /// <summary>Minimum time spent re-scoring the sentences to measure statements per second.</summary>
    public double SpeedSeconds { get; init; } = 3.0;
}

/// <summary>
/// Evaluation on data the model was not trained on: rows whose content hash is in the model card's
/// training list are left out (and counted). Prints one <c>name value</c> line each; the VADER npm
/// baseline runs on the same sentences in the same run and its figures are printed with a
/// <c>vader_</c> prefix.
/// </summary>
public static class ToneModelEvaluation
{
    public const string DefaultFile = "default.txt";

    public static string ResolveModelPath(string modelDir, string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            var def = Path.Combine(modelDir, DefaultFile);
            if (!File.Exists(def)) throw new FileNotFoundException($"no --model given and no {def} naming the default model", def);
            name = File.ReadLines(def).Select(l => l.Trim()).First(l => l.Length > 0 && !l.StartsWith('#'));
        }
        return Path.Combine(modelDir, name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? name : name + ".zip");
    }

    public static int Evaluate(EvalOptions o, TextWriter log, IProgress<CommandStep>? steps = null)
    {
        var output = o.Output.ToLowerInvariant();
        if (output is not ("tone" or "stance")) { log.WriteLine($"error: --output must be tone or stance, not '{o.Output}'"); return 2; }
        if (o.Data.Count == 0) { log.WriteLine("error: give at least one --data file"); return 2; }
        string zip;
        try { zip = ResolveModelPath(o.ModelDir, o.Model); }
        catch (Exception e) { log.WriteLine($"error: {e.Message}"); return 2; }
        if (!File.Exists(zip)) { log.WriteLine($"error: model {zip} not found"); return 2; }

        steps?.Report(new(1, 5, "load"));
        var model = ToneModel.Load(zip, o.LexiconDir);
        var card = ModelCard.TryLoad(zip);
        var jsonl = o.Data.Count(TargetedSentences.IsJsonLines);
        if (jsonl > 0 && jsonl < o.Data.Count) { log.WriteLine("error: give either JSON-lines files (NewsMTSC) or TSV files, not both"); return 2; }
        if (jsonl > 0) return TargetedEvaluation.Evaluate(o, model, card, output, log, steps);
        var trained = card?.TrainingRowHashes.ToHashSet(StringComparer.Ordinal) ?? [];
        var rows = new List<LabelledSentence>();
        foreach (var path in o.Data)
        {
            if (!File.Exists(path)) { log.WriteLine($"error: data file {path} not found"); return 2; }
            rows.AddRange(LabelledSentences.Load(path));
        }
        var kept = rows.Where(r => !trained.Contains(r.Hash)).ToList();
        log.WriteLine($"model {model.Name}");
        log.WriteLine($"output {output}");
        if (card is null) log.WriteLine("warning: no model card beside the zip, so no trained rows can be left out");
        log.WriteLine($"rows {rows.Count}");
        log.WriteLine($"left_out_trained {rows.Count - kept.Count}");
        if (kept.Count == 0) { log.WriteLine("n 0"); return 0; }

        var texts = kept.Select(r => r.Text).ToList();
        var gold = kept.Select(r => r.Label).ToList();
        steps?.Report(new(2, 5, "score"));
        var scores = model.Score(texts);
        var predicted = scores.Select(s => output == "tone" ? s.Tone : s.Stance).ToList();
        ScoreMetrics.Compute(gold, predicted).Print(log);
        if (model.Ngrams is not null)
        {
            // The compiled heads against ML.NET's own Transform on the same rows.
            steps?.Report(new(3, 5, "compare with ML.NET"));
            var reference = model.ScoreWithMlNet(texts);
            var diff = 0.0;
            for (var i = 0; i < texts.Count; i++)
                diff = Math.Max(diff, Math.Max(Math.Abs(reference[i].Tone - scores[i].Tone), Math.Abs(reference[i].Stance - scores[i].Stance)));
            log.WriteLine($"compiled_vs_mlnet_max_abs_diff {diff.ToString("0.######", CultureInfo.InvariantCulture)}");
        }
        steps?.Report(new(4, 5, "speed"));
        var (perSecond, perCpuSecond) = MeasureSpeed(model, texts, o.SpeedSeconds);
        log.WriteLine($"statements_per_second {perSecond:0}");
        log.WriteLine($"statements_per_cpu_second {perCpuSecond:0}");

        if (!string.IsNullOrEmpty(o.VaderDir))
        {
            steps?.Report(new(5, 5, "VADER"));
            var vader = RunVader(o.VaderDir, texts, log);
            if (vader is { } v)
            {
                ScoreMetrics.Compute(gold, v.Compound).Print(log, "vader_");
                log.WriteLine($"vader_statements_per_second {v.PerSecond:0}");
                log.WriteLine($"vader_statements_per_cpu_second {v.PerCpuSecond:0}");
                if (v.PerSecond > 0) log.WriteLine($"speedup_vs_vader {(perSecond / v.PerSecond).ToString("0.0", CultureInfo.InvariantCulture)}");
                if (v.PerCpuSecond > 0) log.WriteLine($"cpu_speedup_vs_vader {(perCpuSecond / v.PerCpuSecond).ToString("0.0", CultureInfo.InvariantCulture)}");
            }
        }
        return 0;
    }

    /// <summary>
    /// Statements per second of <see cref="ToneModel.Score(IReadOnlyList{string})"/> called on this one thread:
    /// by the wall clock, and by the process's CPU time (fairer on a busy machine; it includes the GC's threads).
    /// </summary>
    public static (double PerSecond, double PerCpuSecond) MeasureSpeed(ToneModel model, IReadOnlyList<string> texts, double minSeconds) =>
        MeasureSpeed(() => model.Score(texts), texts.Count, minSeconds);

    /// <summary>The same for any scoring call that scores <paramref name="count"/> statements (statements with their targets, say).</summary>
    public static (double PerSecond, double PerCpuSecond) MeasureSpeed(Action score, int count, double minSeconds)
    {
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalSeconds < Math.Min(1.0, minSeconds / 2)) score(); // warm up (JIT tiers)
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        long scored = 0;
        do
        {
            score();
            scored += count;
        } while (sw.Elapsed.TotalSeconds < minSeconds);
        var wall = sw.Elapsed.TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
        return (scored / wall, scored / Math.Max(cpu, 1e-6));
    }

    public sealed record VaderRun(List<float> Compound, double PerSecond, double PerCpuSecond);

    /// <summary>Runs <c>node score.js</c> in <paramref name="vaderDir"/> on the sentences; null (with a note) when node or the package is missing.</summary>
    public static VaderRun? RunVader(string vaderDir, IReadOnlyList<string> texts, TextWriter log)
    {
        var script = Path.Combine(vaderDir, "score.js");
        if (!File.Exists(script) || !Directory.Exists(Path.Combine(vaderDir, "node_modules", "vader-sentiment")))
        {
            log.WriteLine($"vader skipped: {script} or its node_modules missing (run npm install in {vaderDir})");
            return null;
        }
        var psi = new ProcessStartInfo("node", "score.js")
        {
            WorkingDirectory = vaderDir,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process? p;
        try { p = Process.Start(psi); }
        catch (Exception e) { log.WriteLine($"vader skipped: cannot start node ({e.Message})"); return null; }
        if (p is null) return null;
        using (p)
        {
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            foreach (var t in texts) p.StandardInput.Write(t.ReplaceLineEndings(" ") + "\n");
            p.StandardInput.Close();
            p.WaitForExit();
            var lines = stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (p.ExitCode != 0 || lines.Length != texts.Count)
            {
                log.WriteLine($"vader skipped: node exited {p.ExitCode} with {lines.Length} scores for {texts.Count} sentences: {stderr.Result.Trim()}");
                return null;
            }
            var compound = lines.Select(l => float.Parse(l, CultureInfo.InvariantCulture)).ToList();
            double Figure(string name) => stderr.Result.Split('\n').Select(l => l.Trim().Split(' '))
                .Where(x => x.Length == 2 && x[0] == name)
                .Select(x => double.Parse(x[1], CultureInfo.InvariantCulture)).FirstOrDefault();
            return new VaderRun(compound, Figure("vader_statements_per_second"), Figure("vader_statements_per_cpu_second"));
        }
    }
}
