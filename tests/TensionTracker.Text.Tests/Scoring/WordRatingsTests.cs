using System.Globalization;
using TensionTracker.Text.Scoring;

namespace TensionTracker.Text.Tests.Scoring;

public class WordRatingsTests
{
    [Fact]
    public void every_saved_rating_reads_back_by_hash_and_nothing_else_does()
    {
        // Enough words and pairs to fill the lookup table's probe chains.
        var rows = Enumerable.Range(0, 3000)
            .Select(i => ($"w{i} w{i + 1} w{(i * 7) % 3001}", (i % 9 - 4) / 4f, 1f))
            .ToList();
        var ratings = WordRatings.Learn(rows, alpha: 1f, minWeight: 1f);
        var path = Path.GetTempFileName();
        try
        {
            ratings.Save(path);
            var saved = File.ReadLines(path).Skip(1).Select(l => l.Split('\t')).ToList();
            Assert.True(saved.Count > 5000);
            foreach (var p in saved)
            {
                var space = p[0].IndexOf(' ');
                var key = space < 0 ? TextTokens.Hash64(p[0])
                    : TextTokens.PairHash(TextTokens.Hash64(p[0].AsSpan(0, space)), TextTokens.Hash64(p[0].AsSpan(space + 1)));
                Assert.True(ratings.TryGet(key, out var r), p[0]);
                Assert.Equal(float.Parse(p[1], CultureInfo.InvariantCulture), r, 4);
            }
            Assert.False(ratings.TryGet(TextTokens.Hash64("never-seen"), out _));
            Assert.False(ratings.TryGet(0UL, out _));
            Assert.False(WordRatings.Empty.TryGet(TextTokens.Hash64("w1"), out _));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
