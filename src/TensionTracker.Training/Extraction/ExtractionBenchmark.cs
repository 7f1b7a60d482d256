using System.Diagnostics;
using System.Text;

namespace TensionTracker.Text.Extraction;

/// <summary><see cref="ArticlesPerCpuSecond"/> divides by the process's CPU time, so a busy machine does not understate the
/// per-core rate the way wall-clock <see cref="ArticlesPerSecond"/> does.</summary>
public sealed record ExtractionBenchmarkResult(
    int Articles, int WordsPerArticle, double Seconds, double ArticlesPerSecond, double CpuSeconds, double ArticlesPerCpuSecond, int Statements);

/// <summary>
/// Single-thread extraction speed on synthetic 800-word news articles (quotes, appositions, datelines, captions), for the
/// host's <c>bench</c> command. The target is 1,000 articles of 800 words per second per core.
/// </summary>
public static class ExtractionBenchmark
{
    static readonly string[] Paragraphs =
    [
        "Colombian President Gustavo Petro on Friday accused the United States of violating his country's sovereignty after a U.S. strike on a boat off the Caribbean coast killed three people.",
        "\"This is an act of aggression against Colombia. We will not kneel before anyone,\" Petro wrote on X. \"The fishermen of La Guajira are not terrorists.\"",
        "The State Department rejected the charge. \"The strike targeted a vessel operated by a designated narco-terrorist organization,\" spokesperson Tammy Bruce told reporters in Washington.",
        "Colombia's foreign minister, Rosa Villavicencio, said the government would summon the U.S. charge d'affaires in Bogotá. She added that Colombia remained committed to fighting drug trafficking.",
        "Sen. Tim Kaine, D-Va., said the administration had not explained the legal basis for the strikes. \"Congress has not authorized the use of force in Colombian waters,\" he said.",
        "Photo: Petro speaks at the Casa de Nariño in Bogotá on Sept. 19.",
        "According to Elizabeth Dickinson, an analyst at the International Crisis Group, the dispute could damage decades of security cooperation between Bogotá and Washington.",
        "Beijing rejected the account. Chinese foreign ministry spokesperson Guo Jiakun told a regular briefing that the Philippine ship had \"intruded\" into Chinese waters.",
        "Philippine Defense Secretary Gilberto Teodoro said China was \"the biggest disruptor of peace in the region.\" The Department of Foreign Affairs summoned a Chinese diplomat in Manila.",
        "Russia, Armenia's traditional ally, reacted coolly. Foreign ministry spokeswoman Maria Zakharova said Moscow welcomed any steps toward peace but warned against \"outside interference\" in the South Caucasus.",
        "Iranian Foreign Minister Abbas Araghchi told his Armenian counterpart, Ararat Mirzoyan, by phone that Tehran opposed any change to international borders.",
        "The talks, which began in Geneva in March, were suspended in June after both sides traded accusations over the deployment of troops near the border, officials said.",
        "\"These incidents are becoming more frequent and more serious,\" said Ray Powell, a maritime security analyst at Stanford University. \"The risk of a fatal accident is real.\"",
        "The Pentagon said in a statement that the operation was lawful and that more strikes were possible. Petro later said Colombia would suspend the purchase of U.S. weapons.",
    ];

    /// <summary>An article of about <paramref name="words"/> words, varied by <paramref name="seed"/>.</summary>
    public static (string Title, string Body) SyntheticArticle(int seed, int words = 800)
    {
        var sb = new StringBuilder("BOGOTA \u2014 ");
        int n = 0, i = seed;
        int round = 0;
        while (n < words)
        {
            var p = Paragraphs[i++ % Paragraphs.Length];
            // a paragraph seen before gets a new closing sentence, so the article has no pull quotes or repeats
            if (i - seed > Paragraphs.Length) p += $" The talks were delayed for {++round} days, officials in Lima said.";
            sb.Append(p).Append("\n\n");
            n += p.Count(c => c == ' ') + 1;
        }
        return ("Petro accuses U.S. of 'aggression' after strike off Colombian coast", sb.ToString().TrimEnd());
    }

    public static ExtractionBenchmarkResult Run(StatementExtractor extractor, int articles = 2000, int words = 800)
    {
        var docs = Enumerable.Range(0, 16).Select(i => SyntheticArticle(i, words)).ToArray();
        var at = new DateTimeOffset(2025, 9, 20, 12, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < 50; i++) extractor.Extract(docs[i % docs.Length].Title, docs[i % docs.Length].Body, at); // warm-up (JIT)
        int statements = 0;
        var proc = Process.GetCurrentProcess();
        var cpu0 = proc.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < articles; i++)
            statements += extractor.Extract(docs[i % docs.Length].Title, docs[i % docs.Length].Body, at).Count;
        sw.Stop();
        proc.Refresh();
        var cpu = (proc.TotalProcessorTime - cpu0).TotalSeconds;
        return new ExtractionBenchmarkResult(articles, words, sw.Elapsed.TotalSeconds, articles / sw.Elapsed.TotalSeconds, cpu, articles / cpu, statements);
    }
}
