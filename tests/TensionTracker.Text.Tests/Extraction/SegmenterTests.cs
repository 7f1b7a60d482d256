using TensionTracker.Text.Extraction;

namespace TensionTracker.Text.Tests.Extraction;

public class SegmenterTests
{
    static List<string> Body(string body, string title = "Headline")
    {
        var text = ArticleDocument.Text(title, body);
        return Segmenter.Split(title, body).Where(s => s.Section == Sections.Body).Select(s => text[s.Start..s.End]).ToList();
    }

    [Fact]
    public void abbreviations_and_initials_do_not_end_a_sentence()
    {
        var s = Body("Sen. Rand Paul, R., Ky., said on Jan. 3 that the U.S. Navy would stay. Gen. John F. Smith and Mr. Lee agreed at 3 p.m. The ministry disagreed.");
        Assert.Equal(3, s.Count);
        Assert.StartsWith("Sen. Rand Paul", s[0]);
        Assert.Equal("The ministry disagreed.", s[2]);
    }

    [Fact]
    public void a_capital_letter_after_a_lower_case_word_is_a_name_not_an_initial()
    {
        var s = Body("The minister posted the letter on X. She said the border would stay shut. Ambassador Mary K. Olsen agreed with Leonard T. Ross.");
        Assert.Equal(3, s.Count);
        Assert.Equal("She said the border would stay shut.", s[1]);
    }

    [Fact]
    public void an_abbreviation_at_the_end_of_a_sentence_still_ends_it()
    {
        var s = Body("The sanctions were imposed by the U.S. The ministry said it would respond.");
        Assert.Equal(2, s.Count);
    }

    [Fact]
    public void a_quotation_spanning_sentences_keeps_one_quote_group()
    {
        var title = "T";
        var body = "\"We will respond. This is unacceptable. Nobody will intimidate us,\" Petro said. The talks resume Monday.";
        var segs = Segmenter.Split(title, body).Where(s => s.Section == Sections.Body).ToList();
        Assert.Equal(4, segs.Count);
        Assert.Equal(segs[0].QuoteGroup, segs[2].QuoteGroup);
        Assert.True(segs[1].StartsInQuote);
        Assert.NotEqual(segs[2].QuoteGroup, segs[3].QuoteGroup);
    }

    [Fact]
    public void a_quotation_continued_in_the_next_paragraph_keeps_its_group()
    {
        var body = "\"We will not kneel,\" Petro said. \"Colombia is sovereign.\n\n\"And it will stay sovereign.\"";
        var segs = Segmenter.Split("T", body).Where(s => s.Section == Sections.Body).ToList();
        Assert.Equal(segs[1].QuoteGroup, segs[2].QuoteGroup);
    }

    [Fact]
    public void quotes_inside_quotes_ellipses_and_dashes_do_not_split_wrongly()
    {
        var s = Body("\"He told me 'we are done.' Then he left,\" she said \u2014 twice. The talks\u2026 stalled. Officials waited... The end.");
        Assert.Equal(["\"He told me 'we are done.'", "Then he left,\" she said \u2014 twice.", "The talks\u2026 stalled.", "Officials waited...", "The end."], s);
    }

    [Fact]
    public void a_question_inside_a_quote_does_not_cut_off_its_attribution()
    {
        var s = Body("\"Why would we talk now?\" the minister asked. Nobody answered.");
        Assert.Equal(2, s.Count);
    }

    [Fact]
    public void bullet_lines_are_sentences_of_their_own_without_their_marker()
    {
        var s = Body("Key facts:\n- The shoal lies west of Luzon\n- China seized it in 2012\n1. Talks failed");
        Assert.Equal(["Key facts:", "The shoal lies west of Luzon", "China seized it in 2012", "Talks failed"], s);
    }

    [Fact]
    public void the_headline_is_kept_apart_from_the_body()
    {
        var segs = Segmenter.Split("Petro says no. Talks off", "Body starts here.");
        Assert.Equal(Sections.Headline, segs[0].Section);
        Assert.Equal("Petro says no. Talks off", ArticleDocument.Text("Petro says no. Talks off", "Body starts here.")[segs[0].Start..segs[0].End]);
        Assert.Single(segs, s => s.Section == Sections.Body);
    }

    [Theory]
    [InlineData("Photo: The minister in Bogota on Sept. 19.")]
    [InlineData("Caption: Troops at the border.")]
    [InlineData("Pictured: Xi Jinping and Vladimir Putin.")]
    [InlineData("[Chinese vessels near the shoal. Image: Coast Guard]")]
    public void caption_lines_are_marked_as_captions(string line)
    {
        var segs = Segmenter.Split("T", "First paragraph.\n\n" + line + "\n\nLast paragraph.");
        var text = ArticleDocument.Text("T", "First paragraph.\n\n" + line + "\n\nLast paragraph.");
        var caption = Assert.Single(segs, s => s.Section == Sections.Caption);
        Assert.Equal(line, text[caption.Start..caption.End]);
    }

    [Fact]
    public void a_pull_quote_repeating_the_body_is_marked_duplicate()
    {
        var body = "\"We will not kneel before anyone,\" Petro wrote on X.\n\n\"We will not kneel before anyone\"\n\nThe talks resume.";
        var segs = Segmenter.Split("T", body).Where(s => s.Section == Sections.Body).ToList();
        Assert.Single(segs, s => s.Duplicate);
        Assert.Equal(1, segs.Single(s => s.Duplicate).Paragraph);
    }

    [Fact]
    public void a_headline_quoting_the_body_is_marked_duplicate()
    {
        var segs = Segmenter.Split("Petro: \"We will not kneel before anyone\"", "\"We will not kneel before anyone,\" Petro wrote on X.");
        Assert.True(segs[0].Duplicate);
    }
}
