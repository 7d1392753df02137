using TenderConsortium.Core.Common;

namespace TenderConsortium.Tests.Common;

public sealed class WordingTests
{
    [TestCase(0, "0 members")]
    [TestCase(1, "1 member")]
    [TestCase(2, "2 members")]
    public void Counts_read_as_words(int n, string expected) => Assert.That(Wording.Count(n, "member"), Is.EqualTo(expected));

    [Test]
    public void Irregular_plurals_are_given() => Assert.That(Wording.Count(3, "reply", "replies"), Is.EqualTo("3 replies"));

    [Test]
    public void Lots_are_listed_in_number_order_with_and()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Wording.Lots(["2", "1"]), Is.EqualTo("lots 1 and 2"));
            Assert.That(Wording.Lots(["10", "2", "1"]), Is.EqualTo("lots 1, 2 and 10"));
            Assert.That(Wording.Lots(["3"]), Is.EqualTo("lot 3"));
            Assert.That(Wording.Lots(["B", "A", "1"]), Is.EqualTo("lots 1, A and B"));
        });
    }
}
