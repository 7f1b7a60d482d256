using System.Text.RegularExpressions;
using TensionTracker.Tests.Support;

namespace TensionTracker.Tests.Hosting;

/// <summary>
/// The README stays a user's guide (at most 20 KB, issue 20): history goes to CHANGELOG.md and figures to docs/, and
/// every page it links to exists, so trimming it never leaves a dangling link.
/// </summary>
public class the_users_guide
{
    static readonly string Readme = Path.Combine(HostFixture.Root, "README.md");

    [Fact]
    public void is_at_most_20_kb_with_the_changelog_and_docs_beside_it()
    {
        var bytes = new FileInfo(Readme).Length;
        Assert.True(bytes <= 20_000, $"README.md is {bytes} bytes; move history to CHANGELOG.md and figures to docs/");
        Assert.True(File.Exists(Path.Combine(HostFixture.Root, "CHANGELOG.md")));
        Assert.True(File.Exists(Path.Combine(HostFixture.Root, "docs", "architecture.md")));
    }

    [Fact]
    public void links_only_to_files_that_exist()
    {
        var links = Regex.Matches(File.ReadAllText(Readme), @"\]\((?!https?:)([^)#]+)(#[^)]*)?\)")
            .Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(links);
        var missing = links.Where(l => !File.Exists(Path.Combine(HostFixture.Root, l)) && !Directory.Exists(Path.Combine(HostFixture.Root, l)));
        Assert.Empty(missing);
    }
}
