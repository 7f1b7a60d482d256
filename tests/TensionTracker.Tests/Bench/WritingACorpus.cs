using System.Text.Json;
using TensionTracker.Articles;
using TensionTracker.Tests.Support;

namespace TensionTracker.Tests.Bench;

/// <summary>
/// `tension corpus` feeds ops/chaos.sh, which counts an article lost by its id: every line must be an article the
/// publishers accept, each with an id of its own, and a seed must give the same lines again.
/// </summary>
public class writing_a_corpus
{
    [Fact]
    public async Task every_line_is_a_valid_article_with_its_own_id_and_a_seed_gives_the_same_file()
    {
        var dir = Directory.CreateTempSubdirectory("tension-corpus-").FullName;
        var first = Path.Combine(dir, "first.jsonl");
        var second = Path.Combine(dir, "second.jsonl");
        var other = Path.Combine(dir, "other.jsonl");
        foreach (var (file, seed) in new[] { (first, "9"), (second, "9"), (other, "10") })
        {
            var (exit, output) = await HostFixture.RunCli("corpus", "--articles", "40", "--seed", seed, "--output", file);
            Assert.True(exit == 0, output);
        }

        var lines = await File.ReadAllLinesAsync(first);
        Assert.Equal(40, lines.Length);
        var ids = new HashSet<Guid>();
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            var (article, readErrors) = ArticleValidation.Read(json.RootElement);
            Assert.NotNull(article);
            var (command, errors) = ArticleValidation.Validate(article, DateTimeOffset.UtcNow, readErrors);
            Assert.True(command is not null, string.Join("; ", errors.SelectMany(e => e.Value)) + "\n" + line);
            Assert.True(ids.Add(command.ArticleId), $"two lines give article {command.ArticleId}");
        }
        Assert.Equal(lines, await File.ReadAllLinesAsync(second));
        Assert.NotEqual(lines, await File.ReadAllLinesAsync(other));
    }
}
