using TenderConsortium.Core.Intake;

namespace TenderConsortium.Tests.Intake;

/// <summary>Line breaks a portal turned into "rn" come back; words that end in "rn" stay as they are.</summary>
public sealed class LostLineBreaksTests
{
    [TestCase("will lead the procurement exercise.rn The Award criteria for Lot One is Technical 60% / Price 40%rn The Award criteria",
        "will lead the procurement exercise.\n The Award criteria for Lot One is Technical 60% / Price 40%\n The Award criteria")]
    [TestCase("all Bedfordshire councils.rnrnLuton Council will", "all Bedfordshire councils.\n\nLuton Council will")]
    [TestCase("Exclusion reason:rn Not required", "Exclusion reason:\n Not required")]
    [TestCase("Modern slavery: we return the pattern to the western depot.", "Modern slavery: we return the pattern to the western depot.")]
    [TestCase("Grade 3 or abovern should be evident", "Grade 3 or abovern should be evident")]
    [TestCase("https://example.org/a.rnB", "https://example.org/a.rnB")]
    public void Restores_only_where_the_letters_cannot_be_part_of_a_word(string given, string expected) =>
        Assert.That(LostLineBreaks.Restore(given), Is.EqualTo(expected));
}
