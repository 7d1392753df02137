using TenderConsortium.Core.Delivery;
using TenderConsortium.Core.Reference;
using TenderConsortium.Documents.BidPacks;
using TenderConsortium.Documents.Templates;
using static TenderConsortium.Core.Delivery.DeliveryText;

namespace TenderConsortium.Documents.Delivery;

/// <summary>
/// Writes a period report from the lead body's templates (delivery-report.docx and delivery-report.xlsx in the
/// templates folder) to &lt;documents&gt;/&lt;opportunity&gt;/delivery/period-NN.docx and .xlsx. Writing again
/// replaces them with the figures as they stand.
/// </summary>
public sealed class PeriodReportWriter(string documentsFolder, string templatesFolder) : IPeriodReportWriter
{
    public async Task<IReadOnlyList<string>> WriteAsync(PeriodReport report, string opportunityId, DateTimeOffset stamp, CancellationToken cancellationToken = default)
    {
        var docxTemplate = DocxTemplate.Load(Path.Combine(templatesFolder, DeliveryReportTemplate.FileName), typeof(DeliveryReportDocument), DeliveryReportTemplate.Required);
        var xlsxPath = Path.Combine(templatesFolder, DeliveryWorkbookTemplate.FileName);
        if (!File.Exists(xlsxPath)) throw new Core.Common.BadInputException($"{DeliveryWorkbookTemplate.FileName}: template not found at {xlsxPath}");
        var title = $"{report.ContractTitle}: delivery report, {Period(report.Period)}";
        var model = Model(report);
        byte[] docx;
        using (var document = docxTemplate.Open())
        {
            document.Fill(model);
            docx = document.Save(stamp, title, report.Buyer);
        }

        var xlsx = DeliveryWorkbook.Render(await File.ReadAllBytesAsync(xlsxPath, cancellationToken), Fields(model.Report), Rows(report), stamp, title);
        var folder = Path.Combine(new DocumentFolder(documentsFolder).FolderOf(opportunityId), "delivery");
        Directory.CreateDirectory(folder);
        var name = $"period-{report.Period.Number:00}";
        var paths = new[] { Path.Combine(folder, name + ".docx"), Path.Combine(folder, name + ".xlsx") };
        // Written beside and moved into place, so a reader never opens half a file.
        foreach (var (path, bytes) in paths.Zip([docx, xlsx]))
        {
            var temp = path + ".tmp";
            await File.WriteAllBytesAsync(temp, bytes, cancellationToken);
            File.Move(temp, path, overwrite: true);
        }

        return paths;
    }

    public static DeliveryReportDocument Model(PeriodReport report)
    {
        var units = report.Outputs.GroupBy(o => o.Unit).Select(g =>
            $"{Quantity(g.Sum(o => o.DeliveredThisPeriod))} {Unit(g.Key, 2)} against a target of {Quantity(g.Sum(o => o.TargetThisPeriod))} {Unit(g.Key, 2)}");
        var invoiced = report.Invoices.Sum(i => i.Amount);
        var paid = report.Invoices.Where(i => i.PaidOn is not null).Sum(i => i.Amount);
        var late = report.Invoices.Where(i => i.DaysLate > 0).ToList();
        var missing = report.MissingReturns.Count == 0 ? "Every member has sent its return." : $"No return yet from {string.Join(", ", report.MissingReturns)}.";
        return new DeliveryReportDocument
        {
            Report = new ReportHeading
            {
                Title = report.ContractTitle,
                Buyer = report.Buyer,
                Period = $"{report.Period.Label} (of {report.PeriodCount})",
                AsOf = Day(report.AsOf),
                Summary = $"In this period members delivered {string.Join("; ", units)}. {missing}",
                SocialValueNote = "Each figure below comes from one member's own return and is counted once, so the totals add up without double counting. " +
                                  "What a member committed to is for the whole contract.",
                Money = $"Members invoiced {Money(invoiced)} for this period; {Money(paid)} of it is paid. " +
                        (late.Count == 0
                            ? "No member invoice for this period was paid late."
                            : $"{late.Count} invoice(s) paid or still owed after the due date; under the Late Payment Act the members may claim {Money(late.Sum(i => i.Claim.Total))} in interest and compensation.") +
                        (report.BuyerInvoice is { } b ? $" The consortium invoiced the buyer {Money(b.Amount)} (members' work {Money(b.MembersTotal)} and the management fee {Money(b.Fee)})." : ""),
            },
            Outputs = report.Outputs.Select(o => new OutputLineView
            {
                Member = o.MemberName, Lot = $"Lot {o.LotId}: {o.LotTitle}", Unit = o.Unit, Target = Quantity(o.TargetThisPeriod), Delivered = Quantity(o.DeliveredThisPeriod),
                TargetToDate = Quantity(o.TargetToDate), DeliveredToDate = Quantity(o.DeliveredToDate),
            }).ToList(),
            SocialValue = report.SocialValue.Select(s => new SocialValueLineView
            {
                Member = s.MemberName, Measure = Measure(s.MeasureId), Unit = s.Unit, Committed = Quantity(s.Committed), Delivered = Quantity(s.DeliveredThisPeriod),
                DeliveredToDate = Quantity(s.DeliveredToDate),
            }).ToList(),
            Invoices = report.Invoices.Select(i => new InvoiceLineView
            {
                Member = i.MemberName, Invoice = i.InvoiceId, Amount = Money(i.Amount), Due = Day(i.DueOn), Paid = i.PaidOn is { } p ? Day(p) : "not yet",
                Late = i.DaysLate == 0 ? "on time" : $"{Days(i.DaysLate)}; may claim {Money(i.Claim.Total)}",
            }).ToList(),
        };
    }

    private static string Measure(string id) => SocialValueCatalogue.Default.Find(id) is { } m ? $"{m.Id}: {m.Description}" : id;

    private static Dictionary<string, string> Fields(ReportHeading h) => new(StringComparer.OrdinalIgnoreCase)
    {
        ["report.title"] = h.Title, ["report.buyer"] = h.Buyer, ["report.period"] = h.Period, ["report.asOf"] = h.AsOf,
    };

    private static Dictionary<string, IReadOnlyList<object?[]>> Rows(PeriodReport report) => new()
    {
        ["outputs"] = report.Outputs.Select(o => new object?[]
            { o.MemberName, $"Lot {o.LotId}: {o.LotTitle}", o.Unit, o.TargetThisPeriod, o.DeliveredThisPeriod, o.TargetToDate, o.DeliveredToDate }).ToList(),
        ["social-value"] = report.SocialValue.Select(s => new object?[] { s.MemberName, Measure(s.MeasureId), s.Unit, s.Committed, s.DeliveredThisPeriod, s.DeliveredToDate }).ToList(),
        ["invoices"] = report.Invoices.Select(i => new object?[]
        {
            i.MemberName, i.InvoiceId, i.Amount, Day(i.ReceivedOn), Day(i.DueOn), i.PaidOn is { } p ? Day(p) : "not yet", i.DaysLate, i.Claim.Interest, i.Claim.FixedCompensation,
        }).ToList(),
    };
}
