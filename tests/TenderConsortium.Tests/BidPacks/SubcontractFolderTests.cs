using TenderConsortium.Documents.BidPacks;

namespace TenderConsortium.Tests.BidPacks;

/// <summary>Issued sub-contracts on disk: named for people, found by member for its link, and none issued is fine.</summary>
public sealed class SubcontractFolderTests
{
    private DocumentFolder _folder = null!;

    [SetUp]
    public void Create() => _folder = new DocumentFolder(Path.Combine(Path.GetTempPath(), "tender-tests", Guid.NewGuid().ToString("N")));

    [TearDown]
    public void Delete()
    {
        if (Directory.Exists(_folder.Root)) Directory.Delete(_folder.Root, recursive: true);
    }

    [Test]
    public async Task Each_member_finds_its_own_subcontract_whatever_the_file_is_called()
    {
        var input = await BidPackFixture.InputAsync("pcs-ocds-r6ebe6-0000567519-glasgow-residential-recovery.json");
        var subcontracts = BidPackFixture.Assembler().Subcontracts(input);
        var written = _folder.WriteSubcontracts(input.OpportunityId, subcontracts);
        Assert.Multiple(() =>
        {
            Assert.That(subcontracts, Has.Count.GreaterThan(1));
            for (var i = 0; i < subcontracts.Count; i++)
            {
                Assert.That(_folder.SubcontractOf(input.OpportunityId, subcontracts[i].MemberId), Is.EqualTo(written[i]), subcontracts[i].MemberName);
            }

            Assert.That(_folder.SubcontractOf(input.OpportunityId, "not-a-member"), Is.Null);
            Assert.That(_folder.SubcontractOf("another-opportunity", subcontracts[0].MemberId), Is.Null);
        });
    }

    [Test]
    public async Task An_award_that_issues_no_subcontract_leaves_an_empty_folder_and_finds_none()
    {
        var input = await BidPackFixture.InputAsync("pcs-ocds-r6ebe6-0000567519-glasgow-residential-recovery.json");
        var earlier = _folder.WriteSubcontracts(input.OpportunityId, BidPackFixture.Assembler().Subcontracts(input));
        var written = _folder.WriteSubcontracts(input.OpportunityId, []);
        Assert.Multiple(() =>
        {
            Assert.That(written, Is.Empty);
            Assert.That(earlier.Where(File.Exists), Is.Empty, "the earlier issue's files are gone");
            Assert.That(_folder.SubcontractOf(input.OpportunityId, "any"), Is.Null);
        });
    }

    [Test]
    public void Writing_none_for_a_new_opportunity_does_not_fail() =>
        Assert.That(_folder.WriteSubcontracts("fresh-opportunity", []), Is.Empty);
}
