using System.Globalization;

namespace TensionTracker.Text.Scoring;

/// <summary>
/// Parses the arguments after <c>tension model</c> into <see cref="TrainOptions"/> / <see cref="EvalOptions"/>
/// and runs them, so a host CLI can hand over <c>train ...</c> or <c>eval ...</c> as they came.
/// Flags: <c>--name --data FILE... --model --output --model-dir --lexicon-dir --vader-dir --seed
/// --tone-trainer --stance-trainer --news-weight --cameo-weak-weight --tone-as-stance-weight
/// --held-out-tenths --held-out-offset --tone-l2 --stance-l2 --max-iterations --char-ngrams
/// --tone-trees --word-ratings-alpha --word-vector-prior-l2 --word-vector-cache --word-vector-tool --sd-weight --extra-features
/// --neutral-head --neutral-threshold --neutral-pull --target-head --target-bits --target-l2
/// --diplomatic-target-weight --target-regression-share --stance-map --target-context-l2 --gazetteer-dir --featurizer --char-ngrams --trees --leaves --cv-fold --cv-folds</c> (each a <see cref="TrainOptions"/> or <see cref="EvalOptions"/> property).
/// </summary>
public static class ToneModelCommandLine
{
    /// <summary>Runs <c>train ...</c> or <c>eval ...</c>; returns the exit code (2 for a usage error).</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter log, IProgress<CommandStep>? steps = null)
    {
        if (args.Count == 0) return Usage(log, "expected train or eval");
        Dictionary<string, string> flags;
        List<string> data;
        try { (flags, data) = Parse(args.Skip(1).ToList()); }
        catch (ArgumentException e) { return Usage(log, e.Message); }
        try
        {
            return args[0] switch
            {
                "train" => ToneModelTraining.Train(TrainFrom(flags, data, "tension model " + string.Join(' ', args)), log, steps),
                "eval" => ToneModelEvaluation.Evaluate(EvalFrom(flags, data), log, steps),
                _ => Usage(log, $"unknown model command '{args[0]}'"),
            };
        }
        catch (FormatException e) { return Usage(log, e.Message); }
        // A data file, lexicon or tool that is missing or malformed: say which, without a stack trace.
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or InvalidOperationException)
        {
            log.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    public static TrainOptions TrainFrom(IReadOnlyDictionary<string, string> f, IReadOnlyList<string> data, string? command = null)
    {
        if (!f.TryGetValue("name", out var name)) throw new FormatException("--name is required");
        var d = new TrainOptions { Name = name, Data = data };
        return d with
        {
            Command = command,
            ModelDir = f.GetValueOrDefault("model-dir", d.ModelDir),
            LexiconDir = f.GetValueOrDefault("lexicon-dir", d.LexiconDir),
            Seed = Int(f, "seed", d.Seed),
            ToneTrainer = f.GetValueOrDefault("tone-trainer", d.ToneTrainer),
            StanceTrainer = f.GetValueOrDefault("stance-trainer", d.StanceTrainer),
            NewsWeight = Float(f, "news-weight", d.NewsWeight),
            CameoWeakWeight = Float(f, "cameo-weak-weight", d.CameoWeakWeight),
            ToneAsStanceWeight = Float(f, "tone-as-stance-weight", d.ToneAsStanceWeight),
            HeldOutTenths = Int(f, "held-out-tenths", d.HeldOutTenths),
            HeldOutOffset = Int(f, "held-out-offset", d.HeldOutOffset),
            ToneL2 = Float(f, "tone-l2", d.ToneL2),
            StanceL2 = Float(f, "stance-l2", d.StanceL2),
            MaxIterations = Int(f, "max-iterations", d.MaxIterations),
            CharNgrams = Int(f, "char-ngrams", d.CharNgrams),
            ToneTrees = Bool(f, "tone-trees", d.ToneTrees),
            WordRatingsAlpha = Float(f, "word-ratings-alpha", d.WordRatingsAlpha),
            WordVectorPriorL2 = f.TryGetValue("word-vector-prior-l2", out var pl) ? double.Parse(pl, CultureInfo.InvariantCulture) : d.WordVectorPriorL2,
            SdWeight = Float(f, "sd-weight", d.SdWeight),
            WordVectorCache = f.GetValueOrDefault("word-vector-cache", d.WordVectorCache),
            WordVectorTool = f.GetValueOrDefault("word-vector-tool", d.WordVectorTool),
            ExtraFeatures = Bool(f, "extra-features", d.ExtraFeatures),
            NeutralHead = Bool(f, "neutral-head", d.NeutralHead),
            NeutralThreshold = Float(f, "neutral-threshold", d.NeutralThreshold),
            NeutralPull = Float(f, "neutral-pull", d.NeutralPull),
            Featurizer = f.GetValueOrDefault("featurizer", d.Featurizer),
            WordBits = Int(f, "word-bits", d.WordBits),
            CharBits = Int(f, "char-bits", d.CharBits),
            Trees = Int(f, "trees", d.Trees),
            Leaves = Int(f, "leaves", d.Leaves),
            LinearToneShare = Float(f, "linear-tone-share", d.LinearToneShare),
            CvFold = Int(f, "cv-fold", d.CvFold),
            TargetHead = Bool(f, "target-head", d.TargetHead),
            TargetBits = Int(f, "target-bits", d.TargetBits),
            TargetL2 = Float(f, "target-l2", d.TargetL2),
            DiplomaticTargetWeight = Float(f, "diplomatic-target-weight", d.DiplomaticTargetWeight),
            TargetRegressionShare = Float(f, "target-regression-share", d.TargetRegressionShare),
            StanceMap = f.GetValueOrDefault("stance-map", d.StanceMap),
            TargetContextL2 = Float(f, "target-context-l2", d.TargetContextL2),
            GazetteerDir = f.GetValueOrDefault("gazetteer-dir", d.GazetteerDir),
            CvFolds = Int(f, "cv-folds", d.CvFolds),
        };
    }

    public static EvalOptions EvalFrom(IReadOnlyDictionary<string, string> f, IReadOnlyList<string> data)
    {
        var d = new EvalOptions { Data = data };
        return d with
        {
            Model = f.GetValueOrDefault("model"),
            Output = f.GetValueOrDefault("output", d.Output),
            ModelDir = f.GetValueOrDefault("model-dir", d.ModelDir),
            LexiconDir = f.GetValueOrDefault("lexicon-dir", d.LexiconDir),
            VaderDir = f.GetValueOrDefault("vader-dir", d.VaderDir ?? ""),
            SpeedSeconds = f.TryGetValue("speed-seconds", out var ss) ? double.Parse(ss, CultureInfo.InvariantCulture) : d.SpeedSeconds,
        };
    }

    /// <summary>Splits <c>--flag value</c> pairs from the files after <c>--data</c> (which take every argument up to the next flag).</summary>
    public static (Dictionary<string, string> Flags, List<string> Data) Parse(IReadOnlyList<string> args)
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        var data = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unexpected argument '{a}'");
            var key = a[2..];
            if (key == "data")
            {
                while (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)) data.Add(args[++i]);
                continue;
            }
            if (i + 1 >= args.Count) throw new ArgumentException($"{a} needs a value");
            flags[key] = args[++i];
        }
        return (flags, data);
    }

    private static int Usage(TextWriter log, string message)
    {
        log.WriteLine($"error: {message}");
        WriteUsage(log);
        return 2;
    }

    public static void WriteUsage(TextWriter to)
    {
        to.WriteLine("usage: tension model train --name NAME --data FILE... [--seed N] [--model-dir DIR] [--lexicon-dir DIR] ...");
        to.WriteLine("       tension model eval [--model NAME] [--output tone|stance] --data FILE... [--model-dir DIR] [--vader-dir DIR]");
    }

    private static int Int(IReadOnlyDictionary<string, string> f, string k, int d) =>
        f.TryGetValue(k, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : d;

    private static float Float(IReadOnlyDictionary<string, string> f, string k, float d) =>
        f.TryGetValue(k, out var v) ? float.Parse(v, CultureInfo.InvariantCulture) : d;

    private static bool Bool(IReadOnlyDictionary<string, string> f, string k, bool d) =>
        f.TryGetValue(k, out var v) ? bool.Parse(v) : d;
}
