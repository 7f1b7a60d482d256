using System.Text;
using TensionTracker.Text.Normalisation;

namespace TensionTracker.Text.Tests.Normalisation;

public class ArticleTextTests
{
    const int MiB = 1 << 20;

    static string Repeat(string unit, int bytes = MiB)
    {
        var s = new StringBuilder(bytes + unit.Length);
        while (s.Length + unit.Length <= bytes) s.Append(unit);
        return s.ToString();
    }

    static string Body(string html) => ArticleText.Normalise(html, keepParagraphs: true);

    // ---- what a reader of the HTML sees --------------------------------------------------------------------------

    [Fact]
    public void block_elements_become_paragraphs_and_br_a_space_within_one()
    {
        Assert.Equal("Title\n\nFirst line second line.\n\none\n\ntwo",
            Body("<h1>Title</h1><p>First line<br>second line.</p><ul><li>one</li><li>two</li></ul>"));
        Assert.Equal("Title First line second line. one two",
            ArticleText.Normalise("<h1>Title</h1><p>First line<br>second line.</p><ul><li>one</li><li>two</li></ul>", keepParagraphs: false));
    }

    [Fact]
    public void script_style_noscript_template_and_comments_are_dropped_inline_markup_is_not_a_break()
    {
        Assert.Equal("Before after end fin.",
            Body("Before <script>var p = \"<p>x</p>\";</script>after <style>p { color: red }</style>end <noscript>no</noscript>" +
                 "fin<template><p>hidden</p></template>.<!-- a <p> comment -->"));
        Assert.Equal("bold and a link.", Body("<b>bold</b> and <a href=\"https://example.org/?a=1&b=2\" title=\"a > b\">a link</a>."));
    }

    [Fact]
    public void entities_are_decoded_once_and_the_text_is_nfc()
    {
        Assert.Equal("A & B <tag> \"q\" été x y &amp;", Body("<p>A &amp; B &lt;tag&gt; &quot;q&quot; e&#769;t&eacute; x&nbsp;y &amp;amp;</p>"));
    }

    [Fact]
    public void plain_text_keeps_its_angle_brackets_and_only_its_entities_change()
    {
        Assert.Equal("a < b and c > d, 3<4 and AT&T; & notice &notice", Body("a < b and c > d, 3<4 and AT&T; &amp; notice &notice"));
        Assert.Equal("Windows line endings\n\nand paragraphs.", Body("Windows\r\nline   endings\r\n\r\n\t and paragraphs.  "));
    }

    // ---- crafted input, a megabyte at a time: one pass each, the content is what HTML5 says -------------------------

    [Fact]
    public void a_megabyte_of_script_tags_is_all_script()
    {
        Assert.Equal("", Body(Repeat("<script>")));
        Assert.Equal("Kept.", Body("<p>Kept.</p>" + Repeat("<script>")));
        Assert.Equal("Kept. After.", Body("Kept. " + Repeat("<script>", MiB / 2) + "</script>After."));
    }

    [Fact]
    public void a_megabyte_of_comment_openings_is_text_alone_and_a_comment_after_markup()
    {
        var openings = Repeat("<!--");
        // No comment ever closes and there is no tag: plain text, kept as it came.
        Assert.Equal(openings, Body(openings));
        // After a tag it is a comment that runs to the end (HTML5), or to its "-->".
        Assert.Equal("Before", Body("<p>Before</p>" + openings));
        Assert.Equal("Before\n\nAfter", Body("<p>Before</p>" + openings + "--><p>After</p>"));
    }

    [Fact]
    public void a_megabyte_of_nested_unclosed_divs_is_paragraph_breaks_only()
    {
        Assert.Equal("", Body(Repeat("<div>")));
        Assert.Equal("text", Body(Repeat("<div>") + "text"));
        var paragraphs = Body(Repeat("<div>x")).Split("\n\n");
        Assert.Equal(MiB / "<div>x".Length, paragraphs.Length);
        Assert.All(paragraphs, p => Assert.Equal("x", p));
    }

    [Fact]
    public void a_megabyte_of_unfinished_tags_is_text_alone_and_an_unfinished_tag_after_markup()
    {
        var starts = Repeat("<a ");
        Assert.Equal(starts.TrimEnd(), Body(starts));
        Assert.Equal("Bold", Body("<b>Bold</b>" + starts));
        Assert.Equal(string.Concat(Enumerable.Repeat("link ", 9)) + "link", Body(string.Concat(Enumerable.Repeat("<a href=x>link</a> ", 10))));
        Assert.Equal("", Body(Repeat("<a href=\"#\" class=x>")));
    }

    [Fact]
    public void a_megabyte_of_whitespace_and_entities_collapses()
    {
        Assert.Equal("a\n\nb", Body("a\n" + Repeat(" \t") + "\nb"));
        Assert.Equal("a b", Body("a" + Repeat(" \u00A0") + "b"));
        Assert.Equal(new string('&', MiB / 5), Body(Repeat("&amp;")));
    }

    [Fact]
    public void cleaning_past_its_budget_is_refused_with_the_bound_named()
    {
        var e = Assert.Throws<CleaningTooSlowException>(() => ArticleText.Normalise(Repeat("<div>"), keepParagraphs: true, TimeSpan.Zero));
        Assert.Equal("took longer than 0 s to clean", e.Message);
    }
}
