using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using TenderConsortium.Documents.Revisions;

namespace TenderConsortium.Tests.BidPacks;

/// <summary>
/// What the adviser sees between two versions of the real Glasgow pack, read back from the documents: the section a
/// revision changed, and a revision that changed nothing (the "changes requested, same pack again" case).
/// </summary>
public sealed class PackChangesTests
{
    [Test]
    public async Task A_changed_capability_statement_is_the_section_changed_with_its_new_line()
    {
        var input = await BidPackFixture.GlasgowAsync();
        var first = BidPackFixture.Assembler().Assemble(input, 1);
        var delivering = Documents.BidPacks.BidPackFacts.From(input).Delivering[0];
        const string added = "Peer recovery workers are recruited locally and trained on a paid 12-week programme.";
        var members = input.Members.Select(m => m.Id == delivering.Id ? m with { Member = m.Member with { CapabilityStatement = m.Member.CapabilityStatement + " " + added } } : m).ToList();
        var second = BidPackFixture.Assembler().Assemble(input with { Members = members }, 2);

        var changes = PackChanges.Compare(1, PackSections.Read(new MemoryStream(first.BidPack)), 2, PackSections.Read(new MemoryStream(second.BidPack)));
        Assert.Multiple(() =>
        {
            Assert.That(changes.Added, Is.Empty);
            Assert.That(changes.Removed, Is.Empty);
            // The checks appendix follows the pack (the longest statement's word count changed with it).
            Assert.That(changes.Changed.Select(c => c.Heading), Is.EqualTo(new[] { "4. Member capability statements", "Appendix A. Automatic checks" }));
            Assert.That(changes.Changed[0].LinesAdded.Single(), Does.EndWith(added));
            Assert.That(changes.Changed[0].LinesRemoved.Single(), Does.Not.Contain(added));
            Assert.That(changes.ChangesNothing, Is.False);
        });
    }

    [Test]
    public async Task The_same_pack_again_changes_nothing_even_when_only_its_checks_appendix_differs()
    {
        var input = await BidPackFixture.GlasgowAsync();
        var first = PackSections.Read(new MemoryStream(BidPackFixture.Assembler().Assemble(input, 1).BidPack));
        var same = PackChanges.Compare(1, first, 2, PackSections.Read(new MemoryStream(BidPackFixture.Assembler().Assemble(input, 2).BidPack)));
        var appendix = first.Select(s => s.Heading.StartsWith("Appendix A", StringComparison.Ordinal) ? s with { Lines = [.. s.Lines, "a check read on another day"] } : s).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(first.Select(s => s.Heading), Does.Contain("1. Cover letter").And.Contain("8. SPD checklist").And.Contain("Appendix A. Automatic checks"));
            Assert.That(same.ChangesNothing, Is.True);
            Assert.That(same.Changed, Is.Empty);
            Assert.That(PackChanges.Compare(1, first, 2, appendix).ChangesNothing, Is.True);
            Assert.That(PackChanges.Compare(1, first, 2, first.Skip(1).ToList()).Removed, Is.EqualTo(new[] { first[0].Heading }));
        });
    }

    [Test]
    public async Task The_pricing_schedule_says_the_price_basis_and_where_it_comes_from()
    {
        var files = BidPackFixture.Assembler().Assemble(await BidPackFixture.GlasgowAsync(), 1);
        using var workbook = SpreadsheetDocument.Open(new MemoryStream(files.Pricing), false);
        var strings = workbook.WorkbookPart!.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var texts = workbook.WorkbookPart.WorksheetParts.SelectMany(w => w.Worksheet.Descendants<Cell>())
            .Select(c => c.DataType?.Value == CellValues.SharedString ? strings[int.Parse(c.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)] : c.InnerText);
        Assert.That(texts, Has.Some.Contains("Prices are for the whole contract (2.96 years, the volumes allocated for its whole length), not per year")
            .And.Some.Contains("The length is the notice's contract period: 1,080 days. The buyer's estimate (£7,500,000.00) is the notice's value for the whole contract"));
    }
}
