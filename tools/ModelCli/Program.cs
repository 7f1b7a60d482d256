using System.Diagnostics;
using TensionTracker.Text.Scoring;

// Same arguments as `tension model ...`: train --name NAME --data FILE... | eval [--model NAME] [--output tone|stance] --data FILE...
// plus `profile MODELDIR MODEL DATAFILE`: CPU milliseconds per 1,000 statements of each step of ToneModel.Score.
if (args.Length == 4 && args[0] == "profile")
{
    var model = ToneModel.Load(Path.Combine(args[1], args[2] + ".zip"), "seeds/lexicons");
    var texts = LabelledSentences.Load(args[3]).Select(r => r.Text).ToList();
    var h = model.Features;
    var buf = new float[HandFeatures.Count];
    var slots = new int[4096];
    void Time(string name, Action<string> step)
    {
        for (var w = 0; w < 3; w++) foreach (var t in texts) step(t);
        var p = Process.GetCurrentProcess();
        var c0 = p.TotalProcessorTime;
        var n = 0;
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed.TotalSeconds < 1.5) { foreach (var t in texts) step(t); n += texts.Count; }
        p.Refresh();
        Console.WriteLine($"{name} {(p.TotalProcessorTime - c0).TotalMilliseconds * 1000 / n:0.00} cpu-ms/1000");
    }
    Time("tokens", t => TextTokens.Of(t));
    Time("tokens+stems", t => _ = TextTokens.Of(t).Stems);
    Time("vader", t => h.Vader.Write(TextTokens.Of(t), buf.AsSpan(0, VaderLexicon.FeatureCount)));
    Time("cameo", t => h.Cameo.Write(TextTokens.Of(t), buf.AsSpan(0, CameoLexicon.FeatureCount)));
    Time("cues", t => h.Cues.Write(TextTokens.Of(t), buf.AsSpan(0, StanceCueLexicon.FeatureCount)));
    Time("words", t => h.Words.Write(TextTokens.Of(t), buf.AsSpan(0, WordRatings.FeatureCount)));
    Time("hand all", t => h.Write(t, buf));
    if (model.Ngrams is { } ng) Time("ngrams", t => ng.Hash(t, TextTokens.Of(t).Hashes, slots));
    var arr = texts.ToArray();
    var p2 = Process.GetCurrentProcess(); var c1 = p2.TotalProcessorTime; var m = 0; var sw2 = Stopwatch.StartNew();
    while (sw2.Elapsed.TotalSeconds < 2) { model.Score(arr); m += arr.Length; }
    p2.Refresh();
    Console.WriteLine($"score {(p2.TotalProcessorTime - c1).TotalMilliseconds * 1000 / m:0.00} cpu-ms/1000");
    return 0;
}
// `dump MODELDIR MODEL DATAFILE`: tone and stance of every row (to check that a speed change leaves scores identical).
if (args.Length == 4 && args[0] == "dump")
{
    var model = ToneModel.Load(Path.Combine(args[1], args[2] + ".zip"), "seeds/lexicons");
    var texts = LabelledSentences.Load(args[3]).Select(r => r.Text).ToList();
    foreach (var s in model.Score(texts)) Console.WriteLine(FormattableString.Invariant($"{s.Tone:R}\t{s.Stance:R}"));
    return 0;
}
return ToneModelCommandLine.Run(args, Console.Out);
