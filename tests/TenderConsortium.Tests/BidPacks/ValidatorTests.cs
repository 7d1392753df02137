namespace TenderConsortium.Tests.BidPacks;

/// <summary>Every file generated for every shared notice with the sample consortium is schema-valid Office Open XML.</summary>
public sealed class ValidatorTests
{
    private static IEnumerable<string> Notices() => BidPackFixture.Notices();

    [TestCaseSource(nameof(Notices))]
    public async Task Every_generated_file_validates(string notice)
    {
        var input = await BidPackFixture.InputAsync(notice);
        var files = BidPackFixture.Assembler().Assemble(input, 1);
        Assert.Multiple(() =>
        {
            Assert.That(OpenXmlValidation.Errors(files.BidPack, "docx"), Is.Empty, "bid pack");
            Assert.That(OpenXmlValidation.Errors(files.Pricing, "xlsx"), Is.Empty, "pricing");
            Assert.That(files.Subcontracts, Is.Not.Empty);
            foreach (var subcontract in files.Subcontracts)
                Assert.That(OpenXmlValidation.Errors(subcontract.Bytes, "docx"), Is.Empty, subcontract.FileName);
        });
    }

    [Test]
    public void The_shipped_templates_validate()
    {
        Assert.Multiple(() =>
        {
            Assert.That(OpenXmlValidation.Errors(Documents.Templates.BidPackTemplate.Create(), "docx"), Is.Empty);
            Assert.That(OpenXmlValidation.Errors(Documents.Pricing.PricingTemplate.Create(), "xlsx"), Is.Empty);
            Assert.That(OpenXmlValidation.Errors(Documents.Templates.SubcontractTemplate.Create(), "docx"), Is.Empty);
        });
    }
}
