using TenderConsortium.Documents.Templates;

namespace TenderConsortium.Documents.Delivery;

/// <summary>The shipped templates/delivery-report.docx: one period's report on a contract in delivery.</summary>
public static class DeliveryReportTemplate
{
    public const string FileName = "delivery-report.docx";

    public static IReadOnlyList<string> Required { get; } =
        ["report.title", "report.period", "each output in outputs", "each line in socialValue", "each invoice in invoices"];

    public static byte[] Create()
    {
        var b = new WordTemplateBuilder();
        b.Title("Contract delivery report");
        b.Paragraph(WordTemplateBuilder.Plain("Contract: ", bold: true), b.Field("report.title"));
        b.Paragraph(WordTemplateBuilder.Plain("Buyer: ", bold: true), b.Field("report.buyer"));
        b.Paragraph(WordTemplateBuilder.Plain("Period: ", bold: true), b.Field("report.period"));
        b.Paragraph(WordTemplateBuilder.Plain("Figures as at: ", bold: true), b.Field("report.asOf"));
        b.Block("report.summary");

        b.Heading(1, "1. Outputs against the contract's targets");
        b.Table([("Member", 2000), ("Lot", 2200), ("Unit", 800), ("Target this period", 1160), ("Delivered this period", 1160), ("Target to date", 1160), ("Delivered to date", 1160)],
            "each output in outputs",
            [b.Field("output.member")], [b.Field("output.lot")], [b.Field("output.unit")], [b.Field("output.target")], [b.Field("output.delivered")],
            [b.Field("output.targetToDate")], [b.Field("output.deliveredToDate")]);

        b.Heading(1, "2. Social value delivered against what was committed");
        b.Block("report.socialValueNote");
        b.Table([("Member", 2000), ("Measure", 3000), ("Unit", 1200), ("Committed", 1160), ("This period", 1160), ("To date", 1118)], "each line in socialValue",
            [b.Field("line.member")], [b.Field("line.measure")], [b.Field("line.unit")], [b.Field("line.committed")], [b.Field("line.delivered")], [b.Field("line.deliveredToDate")]);

        b.Heading(1, "3. Members' invoices and payments");
        b.Block("report.money");
        b.Table([("Member", 2500), ("Invoice", 1500), ("Amount", 1300), ("Due", 1500), ("Paid", 1500), ("Late", 1338)], "each invoice in invoices",
            [b.Field("invoice.member")], [b.Field("invoice.invoice")], [b.Field("invoice.amount")], [b.Field("invoice.due")], [b.Field("invoice.paid")], [b.Field("invoice.late")]);
        return b.Build("Contract delivery report template", "report.period");
    }
}
