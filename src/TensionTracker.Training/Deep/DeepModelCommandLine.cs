using System.Globalization;

namespace TensionTracker.Deep;

/// <summary>
/// `tension model train --kind deep ...` and `tension model eval --kind deep ...`. Flags: --name, --news FILE (NewsMTSC
/// training JSON lines), --diplomatic FILE (default seeds/stance/diplomatic_statements.tsv; "none" for none), --tone FILE...
/// (rated sentences), --eval-news FILE (NewsMTSC multi-target dev: evaluated, never trained on), --eval-tone FILE,
/// --model-dir, --held-out-tenths, --diplomatic-weight, --cache DIR, --threads, --max-pieces, --int8 (the encoder's matrices in int8), --layers N (the first N of the encoder's 6 layers), --sum-layers M (the outputs of the top M of them summed), --pooling four-means|with-context; eval: --model NAME --data FILE.jsonl.
/// </summary>
public static class DeepModelCommandLine
{
    public static bool IsDeep(IReadOnlyList<string> args) =>
        args.Select((a, i) => (a, i)).Any(x => x.a == "--kind" && x.i + 1 < args.Count && args[x.i + 1] == "deep");

    public static int Run(IReadOnlyList<string> args, TextWriter log)
    {
        var flags = new Dictionary<string, List<string>>();
        List<string>? current = null;
        foreach (var a in args.Skip(1))
        {
            if (a.StartsWith("--")) flags[a[2..]] = current = [];
            else if (current is null) return Usage(log, $"unexpected '{a}'");
            else current.Add(a);
        }
        string? One(string f) => flags.TryGetValue(f, out var v) ? v.LastOrDefault() : null;
        try
        {
            switch (args.FirstOrDefault())
            {
                case "train":
                    if (One("name") is not { } name) return Usage(log, "--name is required");
                    if (One("news") is not { } news) return Usage(log, "--news FILE (NewsMTSC training JSON lines) is required");
                    var d = new DeepTrainOptions { Name = name, News = news };
                    return DeepModelTraining.Train(d with
                    {
                        ModelDir = One("model-dir") ?? d.ModelDir,
                        Diplomatic = One("diplomatic") is { } dip ? dip == "none" ? null : dip : d.Diplomatic,
                        Tone = flags.GetValueOrDefault("tone") ?? [],
                        EvalNews = One("eval-news"), EvalTone = One("eval-tone"),
                        HeldOutTenths = One("held-out-tenths") is { } h ? int.Parse(h, CultureInfo.InvariantCulture) : d.HeldOutTenths,
                        DiplomaticWeight = One("diplomatic-weight") is { } w ? float.Parse(w, CultureInfo.InvariantCulture) : d.DiplomaticWeight,
                        Cache = One("cache") ?? d.Cache,
                        Threads = One("threads") is { } t ? int.Parse(t, CultureInfo.InvariantCulture) : d.Threads,
                        Int8 = flags.ContainsKey("int8"),
                        Layers = One("layers") is { } layers ? int.Parse(layers, CultureInfo.InvariantCulture) : d.Layers,
                        Summed = One("sum-layers") is { } summed ? int.Parse(summed, CultureInfo.InvariantCulture) : d.Summed,
                        Pooling = One("pooling") switch
                        {
                            null or "four-means" => TargetPooling.FourMeans,
                            "with-context" => TargetPooling.WithContext,
                            var p => throw new FormatException($"--pooling {p}: expected four-means or with-context"),
                        },
                        MaxPieces = One("max-pieces") is { } m ? int.Parse(m, CultureInfo.InvariantCulture) : d.MaxPieces,
                        Command = "tension model " + string.Join(' ', args),
                    }, log);
                case "eval":
                    if (One("model") is not { } model || One("data") is not { } data) return Usage(log, "eval needs --model NAME --data FILE.jsonl");
                    using (var loaded = DeepModel.Load(Path.Combine(One("model-dir") ?? "seeds/models", model + ".zip")))
                    {
                        var dev = NewsSentence.Load(data);
                        var inputs = dev.Select(s => new Text.Scoring.ScoringInput(s.Text,
                            s.Targets.Select((t, i) => new Text.Scoring.TargetMention("T" + i, t.From, t.To - t.From)).ToArray())).ToList();
                        // Speed on one thread (the model loads with one), by CPU time, so a busy machine reads the same;
                        // after a warm-up call, as training's speed step and the bench measure it (a lane runs warm).
                        loaded.Score(inputs.Take(8).ToList());
                        var process = System.Diagnostics.Process.GetCurrentProcess();
                        var cpu = process.TotalProcessorTime;
                        var scores = loaded.Score(inputs);
                        process.Refresh();
                        var figures = DeepMetrics.Classes(dev.SelectMany(s => s.Targets.Select(t => t.Class)).ToList(),
                            scores.SelectMany(s => s.Targets!.Select(t => t.Probabilities!.Value)).ToList());
                        figures["statements_per_cpu_s"] = Math.Round(inputs.Count / (process.TotalProcessorTime - cpu).TotalSeconds, 1);
                        figures["resident_mb"] = process.WorkingSet64 >> 20;
                        foreach (var (k, v) in figures) log.WriteLine($"{k}\t{v.ToString(CultureInfo.InvariantCulture)}");
                    }
                    return 0;
                default:
                    return Usage(log, "expected train or eval");
            }
        }
        catch (Exception e) when (e is FormatException or FileNotFoundException or InvalidDataException or DirectoryNotFoundException or ArgumentOutOfRangeException)
        {
            log.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    static int Usage(TextWriter log, string problem)
    {
        log.WriteLine($"error: {problem}");
        log.WriteLine("usage: tension model train --kind deep --name NAME --news FILE.jsonl [--tone FILE.tsv...] [--eval-news FILE.jsonl] [--eval-tone FILE.tsv] [--int8] [--layers N] [--sum-layers M] [--pooling four-means|with-context]");
        log.WriteLine("       tension model eval --kind deep --model NAME --data FILE.jsonl");
        return 2;
    }
}
