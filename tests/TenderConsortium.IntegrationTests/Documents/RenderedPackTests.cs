using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using Cell = DocumentFormat.OpenXml.Spreadsheet.Cell;
using Microsoft.Extensions.Logging.Abstractions;
using TenderConsortium.Benchmarking.BidPacks;
using TenderConsortium.Core.BidPacks;
using TenderConsortium.Documents.BidPacks;
using TenderConsortium.Documents.Mapping;
using TenderConsortium.Documents.Templates;
using TenderConsortium.IntegrationTests.Support;

namespace TenderConsortium.IntegrationTests.Documents;

/// <summary>
/// Packs built from real notices with the sample consortium, opened by LibreOffice: every .docx and .xlsx converts to
/// PDF, the PDF shows every member name, every lot title and the totals, and the totals LibreOffice computes from the
/// spreadsheet's formulas (cached values removed first, so it must calculate) equal the engine's.
/// </summary>
[NonParallelizable]
public sealed class RenderedPackTests
{
    private static readonly string[] Notices =
    [
        "pcs-ocds-r6ebe6-0000567519-glasgow-residential-recovery.json",
        "pcs-ocds-r6ebe6-0000578690-bikeability-32-lots.json",
        "cf-ocds-b5fd17-7f6e81c3-domestic-abuse-support-adults.json",
    ];

    private readonly Dictionary<string, (BidPackInput Input, PricingSchedule Pricing)> _built = [];
    private string _folder = "";

    [OneTimeSetUp]
    public async Task BuildAndConvert()
    {
        if (LibreOffice.Missing() is { } reason)
        {
            ServiceRequirement.Missing("LibreOffice", reason);
            return;
        }

        _folder = Path.Combine(Path.GetTempPath(), "tender-lo-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        var assembler = new BidPackAssembler(TemplateSet.Load(RepoFiles.Path("templates")), DocumentMapper.Create((string?)null, NullLoggerFactory.Instance));
        var members = await BidPackScenario.ReadMembersAsync(RepoFiles.Path("samples", "members", "sample-consortium.csv"));
        var ocds = Directory.Exists(RepoFiles.Path("..", "shared", "data", "ocds")) ? RepoFiles.Path("..", "shared", "data", "ocds") : RepoFiles.Path("samples", "notices");
        var documents = new List<string>();
        var spreadsheets = new List<string>();
        foreach (var (notice, i) in Notices.Select((n, i) => (n, i)))
        {
            var input = BidPackScenario.Input(await BidPackScenario.ReadNoticeAsync(Path.Combine(ocds, notice)), members);
            var files = assembler.Assemble(input, 1);
            _built[Key(i)] = (input, PricingSchedule.From(input));
            documents.Add(Write($"pack-{i}.docx", files.BidPack));
            documents.Add(Write($"pricing-{i}.xlsx", files.Pricing));
            spreadsheets.Add(Write($"nocache-{i}.xlsx", WithoutCachedValues(files.Pricing)));
            if (i == 0) documents.AddRange(files.Subcontracts.Take(2).Select(s => Write("sub-" + s.FileName, s.Bytes)));
        }

        LibreOffice.Convert("pdf", _folder, documents);
        LibreOffice.Convert("csv", _folder, spreadsheets);
    }

    [OneTimeTearDown]
    public void Clean()
    {
        if (_folder.Length > 0) Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public void Every_document_converts_to_a_pdf()
    {
        var sources = Directory.EnumerateFiles(_folder).Where(f => f.EndsWith(".docx") || (f.EndsWith(".xlsx") && !Path.GetFileName(f).StartsWith("nocache"))).ToList();
        Assert.That(sources, Has.Count.GreaterThanOrEqualTo(Notices.Length * 2 + 2));
        foreach (var source in sources)
            Assert.That(new FileInfo(Path.ChangeExtension(source, ".pdf")), Has.Property("Exists").True.And.Property("Length").GreaterThan(1000), source);
    }

    [TestCase(0), TestCase(1), TestCase(2)]
    public void The_pack_shows_every_member_every_lot_and_the_totals(int i)
    {
        var (input, pricing) = _built[Key(i)];
        var text = Squash(LibreOffice.PdfText(Path.Combine(_folder, $"pack-{i}.pdf")));
        var delivering = input.Allocation.Lots.SelectMany(l => l.Shares).Where(s => s.Volume > 0).Select(s => input.Member(s.MemberId)!.Member.Name).Distinct().ToList();
        Assert.That(delivering, Is.Not.Empty);
        Assert.Multiple(() =>
        {
            foreach (var name in delivering) Assert.That(text, Does.Contain(Squash(name)), name);
            foreach (var lot in input.Opportunity.Lots) Assert.That(text, Does.Contain(Squash(lot.Title)), lot.Title);
            Assert.That(text, Does.Contain(Squash(Format.Money(pricing.Total, pricing.Currency))), "total");
            Assert.That(text, Does.Contain(Squash(Format.Money(pricing.Fee, pricing.Currency))), "fee");
        });
    }

    [TestCase(0), TestCase(1), TestCase(2)]
    public void LibreOffice_computes_the_engines_totals_from_the_formulas(int i)
    {
        var (_, pricing) = _built[Key(i)];
        var rows = Csv(File.ReadAllText(Path.Combine(_folder, $"nocache-{i}.csv")));
        decimal Amount(IReadOnlyList<string> row) => decimal.Parse(row[7].Replace(",", "").Replace("£", ""), NumberStyles.Number, CultureInfo.InvariantCulture);
        var lotTotals = rows.Where(r => r.Count > 7 && r[4] == "lot total").Select(Amount).ToList();
        var grand = rows.Single(r => r.Count > 7 && r[4] == "all lots total");
        Assert.Multiple(() =>
        {
            Assert.That(Amount(grand), Is.EqualTo(pricing.Total));
            Assert.That(lotTotals, Is.EqualTo(pricing.Lots.Select(l => l.Total)));
            Assert.That(Amount(rows.Single(r => r.Count > 7 && r[4] == "all lots fee")), Is.EqualTo(pricing.Fee));
        });
        var pdf = Squash(LibreOffice.PdfText(Path.Combine(_folder, $"pricing-{i}.pdf")));
        Assert.That(pdf, Does.Contain(Squash(pricing.Total.ToString("#,##0.00", CultureInfo.InvariantCulture))));
    }

    private static string Key(int i) => i.ToString(CultureInfo.InvariantCulture);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    // Without cached values LibreOffice cannot show ours: whatever it prints it calculated itself.
    private static byte[] WithoutCachedValues(byte[] workbook)
    {
        using var stream = new MemoryStream();
        stream.Write(workbook);
        using (var document = SpreadsheetDocument.Open(stream, true))
            foreach (var part in document.WorkbookPart!.WorksheetParts)
            {
                foreach (var cell in part.Worksheet.Descendants<Cell>().Where(c => c.CellFormula is not null)) cell.CellValue = null;
                part.Worksheet.Save();
            }

        return stream.ToArray();
    }

    // Table cells wrap names across lines and pdftotext may split them anywhere; compare without any whitespace.
    private static string Squash(string text) => new(text.Where(c => !char.IsWhiteSpace(c)).ToArray());

    private static List<List<string>> Csv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\n') { row.Add(field.ToString()); field.Clear(); rows.Add(row); row = []; }
            else if (c != '\r') field.Append(c);
        }

        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add(row); }
        return rows;
    }
}
