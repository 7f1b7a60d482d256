
namespace TensionTracker.Text.Scoring;

/// <summary>The speed and memory a model card records: measured on this machine when the card is written (noisy on a shared one).</summary>
internal static class ModelFigures
{
    /// <summary>Statements per second on one thread, by the wall clock and per CPU second, over the given sentences (2 s after warm-up).</summary>
    public static Dictionary<string, double>? Speed(ToneModel model, IReadOnlyList<string> texts)
    {
        if (texts.Count == 0) return null;
        var (wall, cpu) = ToneModelEvaluation.MeasureSpeed(model, texts, 2.0);
        return new()
        {
            ["statements"] = texts.Count,
            ["statements_per_second"] = Math.Round(wall),
            ["statements_per_cpu_second"] = Math.Round(cpu),
        };
    }

    /// <summary>Bytes on disk, and the managed memory one loaded copy of the model holds (heap after load minus before, after full collections).</summary>
    public static Dictionary<string, double> Memory(string zip, string lexiconDir)
    {
        long Heap()
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            return GC.GetTotalMemory(true);
        }
        var before = Heap();
        var model = ToneModel.Load(zip, lexiconDir);
        var after = Heap();
        GC.KeepAlive(model);
        var words = WordRatings.PathFor(zip);
        return new()
        {
            ["zip_bytes"] = new FileInfo(zip).Length,
            ["words_bytes"] = File.Exists(words) ? new FileInfo(words).Length : 0,
            ["loaded_managed_mb"] = Math.Round((after - before) / 1048576.0, 1),
        };
    }
}
