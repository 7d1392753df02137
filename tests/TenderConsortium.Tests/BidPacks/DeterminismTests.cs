using TenderConsortium.Documents.BidPacks;

namespace TenderConsortium.Tests.BidPacks;

/// <summary>The same inputs give byte-identical files, whenever and however often they are built.</summary>
public sealed class DeterminismTests
{
    [Test]
    public async Task Building_twice_gives_identical_bytes()
    {
        var input = await BidPackFixture.InputAsync("pcs-ocds-r6ebe6-0000567519-glasgow-residential-recovery.json");
        var first = BidPackFixture.Assembler().Assemble(input, 3);
        await Task.Delay(TimeSpan.FromSeconds(2.1)); // across a zip time tick (two seconds), had the clock been used
        var second = BidPackFixture.Assembler().Assemble(input, 3);
        Assert.Multiple(() =>
        {
            Assert.That(second.BidPack, Is.EqualTo(first.BidPack));
            Assert.That(second.Pricing, Is.EqualTo(first.Pricing));
            Assert.That(second.ChecksJson, Is.EqualTo(first.ChecksJson));
            Assert.That(second.Subcontracts.Select(s => s.FileName), Is.EqualTo(first.Subcontracts.Select(s => s.FileName)));
            for (var i = 0; i < first.Subcontracts.Count; i++)
                Assert.That(second.Subcontracts[i].Bytes, Is.EqualTo(first.Subcontracts[i].Bytes), first.Subcontracts[i].FileName);
        });
    }

    [Test]
    public async Task Each_revision_is_a_new_version_and_a_rerun_gets_its_own_back()
    {
        var folder = new DocumentFolder(Path.Combine(Path.GetTempPath(), "tender-tests", Guid.NewGuid().ToString("N")));
        try
        {
            var input = await BidPackFixture.InputAsync("pcs-ocds-r6ebe6-0000575002-nac-mentoring-care-experienced.json");
            var v1 = folder.ReserveVersion(input.OpportunityId, "instance-a/assemble/0");
            var written1 = folder.WritePack(input.OpportunityId, v1, BidPackFixture.Assembler().Assemble(input, v1));
            var v2 = folder.ReserveVersion(input.OpportunityId, "instance-a/assemble/1");
            var written2 = folder.WritePack(input.OpportunityId, v2, BidPackFixture.Assembler().Assemble(input, v2));
            var again = folder.ReserveVersion(input.OpportunityId, "instance-a/assemble/0");
            Assert.Multiple(() =>
            {
                Assert.That((v1, v2, again), Is.EqualTo((1, 2, 1)));
                Assert.That(Path.GetFileName(written1.BidPack), Is.EqualTo("bid-pack-v1.docx"));
                Assert.That(Path.GetFileName(written2.Pricing), Is.EqualTo("pricing-v2.xlsx"));
                Assert.That(File.Exists(written1.BidPack) && File.Exists(written2.BidPack), Is.True, "earlier versions are kept");
                Assert.That(File.ReadAllBytes(written2.BidPack), Is.EqualTo(File.ReadAllBytes(written1.BidPack)));
                Assert.That(Directory.EnumerateFiles(written1.Folder, "*.tmp"), Is.Empty);
            });
        }
        finally
        {
            Directory.Delete(folder.Root, recursive: true);
        }
    }
}
