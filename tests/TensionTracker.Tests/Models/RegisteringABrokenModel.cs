using TensionTracker.Tests.Support;

namespace TensionTracker.Tests.Models;

[Collection(HostCollection.Name)]
public class registering_a_broken_model_file(HostFixture host)
{
    /// <summary>The default model's files under a new name, with the zip spoiled by <paramref name="spoil"/>.</summary>
    static string BrokenCopy(string prefix, Func<byte[], byte[]> spoil)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
        var source = Path.Combine(HostFixture.ModelsDir, File.ReadAllLines(Path.Combine(HostFixture.ModelsDir, "default.txt"))[0].Trim());
        File.WriteAllBytes(Path.Combine(HostFixture.ModelsDir, name + ".zip"), spoil(File.ReadAllBytes(source + ".zip")));
        if (File.Exists(source + ".words.tsv")) File.Copy(source + ".words.tsv", Path.Combine(HostFixture.ModelsDir, name + ".words.tsv"));
        File.Copy(source + ".card.json", Path.Combine(HostFixture.ModelsDir, name + ".card.json"));
        return name;
    }

    [Fact]
    public async Task a_truncated_or_corrupt_zip_is_refused_with_the_reason_and_the_default_stays()
    {
        var before = (await host.Get("/api/models")).GetProperty("default").GetString();
        var truncated = BrokenCopy("cut", bytes => bytes[..(bytes.Length / 2)]);
        var corrupt = BrokenCopy("bad", bytes =>
        {
            var spoiled = (byte[])bytes.Clone();
            for (var i = bytes.Length / 3; i < bytes.Length / 3 + 4096; i++) spoiled[i] ^= 0x5A; // inside the entries, the directory intact
            return spoiled;
        });

        foreach (var name in new[] { truncated, corrupt })
        {
            var (exit, output) = await HostFixture.RunCli("model", "register", "--name", name);
            Assert.NotEqual(0, exit);
            Assert.Contains($"{name}.zip is corrupt or truncated", output);
        }

        var models = await host.Get("/api/models");
        Assert.Equal(before, models.GetProperty("default").GetString());
        var names = models.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("name").GetString()).ToList();
        Assert.DoesNotContain(truncated, names);
        Assert.DoesNotContain(corrupt, names);

        // The host still scores with its default.
        var posted = await host.PostArticle(Support.Articles.Make($"broken-model-{Guid.NewGuid():N}", "Peru thanks Bolivia",
            "LIMA (Test Wire) - Peru's foreign minister praised Bolivia for its help and signed a trade agreement.", DateTimeOffset.UtcNow.ToString("O")));
        var id = posted.GetProperty("articleId").GetString()!;
        await host.WaitFor($"/api/articles/{id}", a => a.GetProperty("status").GetString() is "scored" or "copy");
    }
}
