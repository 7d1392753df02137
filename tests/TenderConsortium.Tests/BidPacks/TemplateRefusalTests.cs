using TenderConsortium.Core.Common;
using TenderConsortium.Documents.Models;
using TenderConsortium.Documents.Pricing;
using TenderConsortium.Documents.Templates;

namespace TenderConsortium.Tests.BidPacks;

/// <summary>A template with an unknown or missing placeholder is refused with a message naming it.</summary>
public sealed class TemplateRefusalTests
{
    private static byte[] Docx(Action<WordTemplateBuilder> content)
    {
        var builder = new WordTemplateBuilder();
        content(builder);
        return builder.Build("test", null);
    }

    [Test]
    public void An_unknown_placeholder_is_named()
    {
        var bytes = Docx(b => b.Repeat("each lot in lots", r => r.Paragraph(r.Field("lot.titel"))).Paragraph(b.Field("opportunity.buyer")).Block("cover.nonsense"));
        var error = Assert.Throws<BadInputException>(() => DocxTemplate.FromBytes("bid-pack.docx", bytes, typeof(BidPackDocument), []))!;
        Assert.That(error.Problems, Is.EqualTo(new[]
        {
            "bid-pack.docx: unknown placeholder 'lot.titel'",
            "bid-pack.docx: unknown placeholder 'cover.nonsense'",
        }));
    }

    [Test]
    public void A_repeat_over_something_that_is_not_a_list_is_refused()
    {
        var bytes = Docx(b => b.Repeat("each x in opportunity.title", r => r.Paragraph("x")).Repeat("each lot in lotz", r => r.Paragraph("y")).Paragraph(b.Field("not a placeholder!")));
        var error = Assert.Throws<BadInputException>(() => DocxTemplate.FromBytes("t.docx", bytes, typeof(BidPackDocument), []))!;
        Assert.That(error.Problems, Has.Some.Contains("'each x in opportunity.title': 'opportunity.title' is not a list"));
        Assert.That(error.Problems, Has.Some.Contains("'each lot in lotz': 'lotz' is not a list"));
        Assert.That(error.Problems, Has.Some.Contains("unknown placeholder 'not a placeholder!'"));
    }

    [Test]
    public void A_subcontract_template_without_the_payment_clause_is_refused()
    {
        var bytes = Docx(b => b.Paragraph(b.Field("member.name")));
        var error = Assert.Throws<BadInputException>(() => DocxTemplate.FromBytes("subcontract.docx", bytes, typeof(SubcontractDocument), SubcontractTemplate.Required))!;
        Assert.That(error.Problems, Does.Contain("subcontract.docx: missing placeholder 'clauses.payment'"));
        Assert.That(error.Problems, Does.Contain("subcontract.docx: missing placeholder 'each line in subcontract.lines'"));
        Assert.That(error.Problems, Does.Not.Contain("subcontract.docx: missing placeholder 'member.name'"));
    }

    [Test]
    public void A_file_that_is_not_a_document_is_refused()
    {
        var error = Assert.Throws<BadInputException>(() => DocxTemplate.FromBytes("bid-pack.docx", "not a zip"u8.ToArray(), typeof(BidPackDocument), []))!;
        Assert.That(error.Message, Does.StartWith("bid-pack.docx: not a readable .docx file"));
    }

    [Test]
    public void The_pricing_template_refuses_unknown_tokens_and_missing_markers()
    {
        var good = PricingTemplate.Create();
        Assert.DoesNotThrow(() => XlsxTemplate.FromBytes("pricing.xlsx", good, typeof(PricingDocument), PricingTemplate.Required));
        var error = Assert.Throws<BadInputException>(() => XlsxTemplate.FromBytes("pricing.xlsx", good, typeof(PricingDocument), ["pricing.vat"]))!;
        Assert.That(error.Problems, Is.EqualTo(new[] { "pricing.xlsx: missing placeholder '{{pricing.vat}}'" }));

        using var stream = new MemoryStream();
        stream.Write(good);
        using (var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, true))
        {
            var strings = document.WorkbookPart!.SharedStringTablePart!.SharedStringTable;
            foreach (var item in strings.Elements<DocumentFormat.OpenXml.Spreadsheet.SharedStringItem>())
            {
                var text = item.GetFirstChild<DocumentFormat.OpenXml.Spreadsheet.Text>()!;
                if (text.Text == "{{#lot-fee}}") text.Text = "{{#lot-charge}}";
                if (text.Text == "{{consortium.name}}") text.Text = "{{consortium.nmae}}";
            }
        }

        var broken = Assert.Throws<BadInputException>(() => XlsxTemplate.FromBytes("pricing.xlsx", stream.ToArray(), typeof(PricingDocument), PricingTemplate.Required))!;
        Assert.That(broken.Problems, Has.Some.StartsWith("pricing.xlsx: unknown placeholder '{{#lot-charge}}'"));
        Assert.That(broken.Problems, Has.Some.EqualTo("pricing.xlsx: unknown placeholder '{{consortium.nmae}}' in Pricing!A1"));
    }

    [Test]
    public void The_shipped_templates_load_from_the_templates_folder_and_match_the_tool()
    {
        var folder = Path.Combine(TestSupport.RepoFiles.RepoRoot, "templates");
        Assert.Multiple(() =>
        {
            Assert.That(() => TemplateSet.Load(folder), Throws.Nothing);
            Assert.That(File.ReadAllBytes(Path.Combine(folder, BidPackTemplate.FileName)), Is.EqualTo(BidPackTemplate.Create()), "run tools/TemplateMaker after changing a template");
            Assert.That(File.ReadAllBytes(Path.Combine(folder, PricingTemplate.FileName)), Is.EqualTo(PricingTemplate.Create()));
            Assert.That(File.ReadAllBytes(Path.Combine(folder, SubcontractTemplate.FileName)), Is.EqualTo(SubcontractTemplate.Create()));
        });
    }

    [Test]
    public void The_mapping_configuration_is_complete() =>
        Assert.That(() => BidPackFixture.Mapper.ConfigurationProvider.AssertConfigurationIsValid(), Throws.Nothing);
}
