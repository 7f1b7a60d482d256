using System.Diagnostics;
using System.Text;
using TensionTracker.Articles;
using TensionTracker.Pipeline;
using TensionTracker.Text.Normalisation;

namespace TensionTracker.Bench;

/// <summary>
/// Extraction and scoring per core: one thread, on the corpus the ingest uses (after the same normalisation),
/// each for a bounded time. Returns the statements it extracted, for scoring and for VADER.
/// </summary>
public static class TextSpeed
{
    /// <summary>Megabyte bodies made to be slow to clean (each was minutes or tens of seconds with the regular expressions).</summary>
    static readonly (string Name, string Unit)[] Crafted =
        [("script", "<script>"), ("comment", "<!--"), ("nested_div", "<div>"), ("unfinished_a", "<a "), ("markup_then_comment", "<p>x</p><!--")];

    /// <summary>
    /// Cleaning (ArticleText.Normalise of title and body) per core on the corpus as it was published, and the time to
    /// clean each crafted 1 MiB body once (the best of three).
    /// </summary>
    public static void MeasureCleaning(IReadOnlyList<SyntheticArticle> articles, TimeSpan budget, BenchReport report)
    {
        foreach (var a in articles.Take(10)) { ArticleText.Normalise(a.Title, false); ArticleText.Normalise(a.Body, true); } // warm-up
        var clock = Stopwatch.StartNew();
        var done = 0;
        while (clock.Elapsed < budget / 2)
            foreach (var a in articles)
            {
                ArticleText.Normalise(a.Title, keepParagraphs: false);
                ArticleText.Normalise(a.Body, keepParagraphs: true);
                if (++done % 100 == 0 && clock.Elapsed >= budget / 2) break;
            }
        report.Add("clean_articles_per_s_per_core", done / clock.Elapsed.TotalSeconds, "articles/s",
            "ArticleText.Normalise of title and body, one thread, the corpus as published (plain text)");

        foreach (var (name, unit) in Crafted)
        {
            var body = new StringBuilder(1 << 20);
            while (body.Length + unit.Length <= 1 << 20) body.Append(unit);
            var text = body.ToString();
            var best = double.MaxValue;
            for (var i = 0; i < 3; i++)
            {
                clock.Restart();
                ArticleText.Normalise(text, keepParagraphs: true, TimeSpan.FromMinutes(1));
                best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
            }
            report.Add($"clean_1mib_{name}_ms", best, "ms", $"one body of \"{unit}\" repeated to 1 MiB, cleaned once (best of three)");
        }
    }

    public static List<string> Measure(TextPipeline pipeline, IReadOnlyList<IngestArticle> articles, TimeSpan budget, BenchReport report)
    {
        var extractor = pipeline.Extractor;
        foreach (var a in articles.Take(10)) extractor.Extract(a.Title, a.Body, a.PublishedAt); // warm-up

        var statements = new List<string>();
        var cpu = Process.GetCurrentProcess();
        var cpuStart = cpu.TotalProcessorTime;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        int done = 0, words = 0;
        foreach (var a in articles)
        {
            var found = extractor.Extract(a.Title, a.Body, a.PublishedAt);
            done++;
            words += SyntheticCorpus.WordCount(a.Body);
            if (statements.Count < 200_000) statements.AddRange(found.Select(s => s.Text));
            if (clock.Elapsed > budget) break;
        }
        var seconds = clock.Elapsed.TotalSeconds;
        var extractBytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
        cpu.Refresh();
        var cpuSeconds = (cpu.TotalProcessorTime - cpuStart).TotalSeconds;
        report.Add("extract_articles_per_s_per_core", done / seconds, "articles/s",
            $"one thread, wall clock, {done} articles of {words / Math.Max(done, 1)} words on average");
        report.Add("extract_articles_per_cpu_s", done / cpuSeconds, "articles/s",
            "the same loop per second of this process's CPU time: what one core does without other load (GC included)");
        report.Add("extract_allocated_kb_per_article", extractBytes / 1024.0 / Math.Max(done, 1), "KB",
            "managed memory allocated per article extracted (the statements kept included): what the garbage collector has to clear");

        if (statements.Count == 0)
        {
            report.NotAvailable("score_statements_per_s_per_core", "statements/s", "the extractor found no statements in the corpus");
            return statements;
        }
        var model = pipeline.Model(pipeline.DefaultModel);
        const int Chunk = 1_024;
        model.Score(statements.Take(Chunk).ToList()); // warm-up
        var scored = 0;
        cpu.Refresh();
        cpuStart = cpu.TotalProcessorTime;
        allocated = GC.GetAllocatedBytesForCurrentThread();
        clock.Restart();
        for (var start = 0; scored < 2 * Chunk || (clock.Elapsed < budget && scored < 1_000_000); start = (start + Chunk) % statements.Count)
        {
            var chunk = statements.GetRange(start, Math.Min(Chunk, statements.Count - start));
            model.Score(chunk);
            scored += chunk.Count;
        }
        var scoreSeconds = clock.Elapsed.TotalSeconds;
        var scoreBytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
        cpu.Refresh();
        report.Add("score_statements_per_s_per_core", scored / scoreSeconds, "statements/s",
            $"one thread, wall clock, model {pipeline.DefaultModel}, batches of {Chunk}");
        report.Add("score_statements_per_cpu_s", scored / (cpu.TotalProcessorTime - cpuStart).TotalSeconds, "statements/s",
            "the same loop per second of this process's CPU time");
        report.Add("score_allocated_bytes_per_statement", (double)scoreBytes / scored, "bytes", "managed memory allocated per statement scored");
        return statements;
    }
}
