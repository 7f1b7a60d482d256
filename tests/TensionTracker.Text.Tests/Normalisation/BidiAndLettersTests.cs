using TensionTracker.Text.Normalisation;

namespace TensionTracker.Text.Tests.Normalisation;

public class BidiAndLettersTests
{
    [Theory]
    [InlineData("Chile \u202Ewarns\u202C Peru", "Chile warns Peru")]         // override and its pop
    [InlineData("Chile \u202E warns Peru", "Chile warns Peru")]              // between two spaces: one space left
    [InlineData("\u2066Chile\u2069 warns \u2067Peru\u2069", "Chile warns Peru")]   // isolates
    [InlineData("\u202A\u202B\u202D", "")]                                     // nothing but controls
    [InlineData("One.\n\n\u202E\n\nTwo.", "One.\n\nTwo.")]                    // a paragraph of nothing but a control goes
    [InlineData("One. \u202E\n\nTwo.", "One.\n\nTwo.")]                       // no space left at a paragraph's end
    [InlineData("Chile warns Peru", "Chile warns Peru")]
    public void embedding_override_and_isolate_controls_are_removed(string text, string expected) =>
        Assert.Equal(expected, BidiAndLetters.WithoutBidiControls(text));

    [Fact]
    public void the_stateless_marks_of_right_to_left_text_stay()
    {
        const string hebrew = "\u05E9\u05DC\u05D5\u05DD\u200F (Test Wire) \u200E\u061C";
        Assert.Same(hebrew, BidiAndLetters.WithoutBidiControls(hebrew));
    }

    [Theory]
    [InlineData("Chile", true)]
    [InlineData("\u05E9\u05DC\u05D5\u05DD", true)]        // Hebrew
    [InlineData("\u4E2D\u56FD", true)]                    // Chinese
    [InlineData("\U00020000", true)]                      // a CJK letter outside the Basic Multilingual Plane
    [InlineData("42 - 17, 1.5%!", false)]                 // digits and punctuation
    [InlineData("\u200B\u200C\u200D\u2060\uFEFF", false)] // zero-width characters
    [InlineData("\U0001F525\U0001F4A5 \u2764\uFE0F", false)] // emoji
    [InlineData("\uFFFD", false)]
    [InlineData("", false)]
    public void a_letter_is_any_unicode_letter(string text, bool expected) =>
        Assert.Equal(expected, BidiAndLetters.HasLetter(text));
}
