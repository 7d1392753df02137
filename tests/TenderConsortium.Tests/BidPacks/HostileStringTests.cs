using DocumentFormat.OpenXml.Packaging;
using TenderConsortium.Benchmarking.BidPacks;
using TenderConsortium.Core.BidPacks;
using TenderConsortium.Core.Members;
using TenderConsortium.Documents.OpenXml;

namespace TenderConsortium.Tests.BidPacks;

/// <summary>Text from notices and members goes in as text: markup, XML-forbidden characters and huge statements still give valid files.</summary>
public sealed class HostileStringTests
{
    public static readonly string[] Corpus =
    [
        "<w:p><w:r><w:t>injected</w:t></w:r></w:p>",
        "]]> <![CDATA[ x ]]> &amp; &lt; & < > \" '",
        "مؤسسة المجتمع الاجتماعية (RTL) \u202Eevil\u202C",
        "Growers 👩🏽‍🌾🌱 co-op 🏴󠁧󠁢󠁳󠁣󠁴󠁿",
        "Bell\u0007 null\u0000 escape\u001B vertical\u000B form\u000C end\uFFFF\uFFFE lone\uD800 surrogate",
        "Tab\there\r\nWindows line\rold Mac line\nUnix line",
        "{{opportunity.title}} each lot in lots =SUM(A1) +cmd|' /C calc'!A0",
        new string('x', 100_000),
    ];

    private static BidPackInput HostileInput()
    {
        var (opportunity, generated) = BidPackScenario.Generated(3, 12);
        var members = generated.Select((m, i) => m with
        {
            Member = m.Member with
            {
                Name = Corpus[i % Corpus.Length] + $" #{i}",
                CapabilityStatement = Corpus[(i + 3) % Corpus.Length] + " " + string.Join(' ', Enumerable.Repeat("word", 20_000)),
                Contacts = [new Contact(Corpus[(i + 1) % Corpus.Length], $"m{i}@example.org", Corpus[(i + 2) % Corpus.Length])],
            },
        }).ToList();
        opportunity = opportunity with
        {
            Title = Corpus[0] + Corpus[4],
            Description = Corpus[^1],
            Buyer = opportunity.Buyer with { Name = Corpus[2] },
            Lots = opportunity.Lots.Select((l, i) => l with { Title = Corpus[(i + 4) % Corpus.Length] }).ToList(),
        };
        return BidPackScenario.Input(opportunity, members, profile: new ConsortiumProfile { Name = Corpus[1], LeadName = Corpus[3], LeadAddress = Corpus[5] });
    }

    [Test]
    public void Every_file_validates_with_hostile_text()
    {
        var files = BidPackFixture.Assembler().Assemble(HostileInput(), 1);
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
    public void Markup_stays_visible_text_and_forbidden_characters_are_dropped()
    {
        var files = BidPackFixture.Assembler().Assemble(HostileInput(), 1);
        using var document = WordprocessingDocument.Open(new MemoryStream(files.BidPack), false);
        var body = document.MainDocumentPart!.Document.Body!;
        var text = body.InnerText;
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("<w:p><w:r><w:t>injected</w:t></w:r></w:p>"));
            Assert.That(text, Does.Contain("]]> <![CDATA[ x ]]>"));
            Assert.That(text, Does.Contain("👩🏽‍🌾"));
            Assert.That(text, Does.Contain("Bell null escape vertical form end lone surrogate"));
            Assert.That(text, Does.Not.Contain("\u0007").And.Not.Contain("\uFFFF"));
            Assert.That(body.Descendants<DocumentFormat.OpenXml.Wordprocessing.Text>().Count(t => t.Text.Contains("injected")), Is.GreaterThan(0));
            Assert.That(body.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Any(p => p.InnerText.Length >= 100_000), Is.True, "the 100,000-character text is kept whole");
        });
    }

    [Test]
    public void Spreadsheet_cells_stay_within_Excels_limit()
    {
        var files = BidPackFixture.Assembler().Assemble(HostileInput(), 1);
        using var document = SpreadsheetDocument.Open(new MemoryStream(files.Pricing), false);
        var texts = document.WorkbookPart!.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.InlineString>()).Select(s => s.InnerText).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(texts.Max(t => t.Length), Is.LessThanOrEqualTo(SafeText.MaxCellLength));
            Assert.That(texts, Has.Some.StartsWith("xxxxxxxx").And.EndsWith("…"));
            Assert.That(texts, Has.Some.Contains("=SUM(A1)"), "formula-looking text stays text");
        });
    }

    [TestCase("a\u0000b\u0001c", "abc")]
    [TestCase("line\r\nnext\rlast", "line\nnext\nlast")]
    [TestCase("plain", "plain")]
    public void SafeText_removes_what_XML_forbids(string raw, string expected) =>
        Assert.That(SafeText.Clean(raw), Is.EqualTo(expected));

    [Test]
    public void SafeText_drops_a_lone_surrogate_and_keeps_pairs() =>
        Assert.That(SafeText.Clean("pair \uD83D\uDE00 lone \uDC00 end \uD800"), Is.EqualTo("pair \uD83D\uDE00 lone  end "));

    [Test]
    public void SafeText_cap_never_splits_a_surrogate_pair()
    {
        var capped = SafeText.Cap(new string('a', 9) + "😀😀", 11);
        Assert.That(capped, Is.EqualTo(new string('a', 9) + "…"));
    }
}
