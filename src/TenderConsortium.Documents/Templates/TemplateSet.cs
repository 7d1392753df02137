using TenderConsortium.Documents.Models;
using TenderConsortium.Documents.Pricing;

namespace TenderConsortium.Documents.Templates;

/// <summary>
/// The three templates a bid pack is made from, loaded and checked together from one folder (templates/ beside the
/// program, or the lead's own copy), so a bad template is refused before any document is written.
/// </summary>
public sealed class TemplateSet(DocxTemplate bidPack, XlsxTemplate pricing, DocxTemplate subcontract)
{
    public DocxTemplate BidPack { get; } = bidPack;

    public XlsxTemplate Pricing { get; } = pricing;

    public DocxTemplate Subcontract { get; } = subcontract;

    public static TemplateSet Load(string folder)
    {
        var problems = new List<string>();
        DocxTemplate? bidPack = null, subcontract = null;
        XlsxTemplate? pricing = null;
        Try(() => bidPack = DocxTemplate.Load(Path.Combine(folder, BidPackTemplate.FileName), typeof(BidPackDocument), BidPackTemplate.Required), problems);
        Try(() => pricing = XlsxTemplate.Load(Path.Combine(folder, PricingTemplate.FileName), typeof(PricingDocument), PricingTemplate.Required), problems);
        Try(() => subcontract = DocxTemplate.Load(Path.Combine(folder, SubcontractTemplate.FileName), typeof(SubcontractDocument), SubcontractTemplate.Required), problems);
        if (problems.Count > 0) throw new Core.Common.BadInputException(problems);
        return new TemplateSet(bidPack!, pricing!, subcontract!);
    }

    /// <summary>The shipped templates, built in memory (for tests and benchmarks that run without the folder).</summary>
    public static TemplateSet Builtin() => new(
        DocxTemplate.FromBytes(BidPackTemplate.FileName, BidPackTemplate.Create(), typeof(BidPackDocument), BidPackTemplate.Required),
        XlsxTemplate.FromBytes(PricingTemplate.FileName, PricingTemplate.Create(), typeof(PricingDocument), PricingTemplate.Required),
        DocxTemplate.FromBytes(SubcontractTemplate.FileName, SubcontractTemplate.Create(), typeof(SubcontractDocument), SubcontractTemplate.Required));

    /// <summary>Writes the shipped templates into a folder (what tools/TemplateMaker runs).</summary>
    public static IReadOnlyList<string> WriteBuiltin(string folder)
    {
        Directory.CreateDirectory(folder);
        var files = new (string Name, byte[] Bytes)[]
        {
            (BidPackTemplate.FileName, BidPackTemplate.Create()),
            (PricingTemplate.FileName, PricingTemplate.Create()),
            (SubcontractTemplate.FileName, SubcontractTemplate.Create()),
            (Delivery.DeliveryReportTemplate.FileName, Delivery.DeliveryReportTemplate.Create()),
            (Delivery.DeliveryWorkbookTemplate.FileName, Delivery.DeliveryWorkbookTemplate.Create()),
        };
        foreach (var (name, bytes) in files) File.WriteAllBytes(Path.Combine(folder, name), bytes);
        return files.Select(f => Path.Combine(folder, f.Name)).ToList();
    }

    private static void Try(Action load, List<string> problems)
    {
        try
        {
            load();
        }
        catch (Core.Common.BadInputException ex)
        {
            problems.AddRange(ex.Problems);
        }
    }
}
