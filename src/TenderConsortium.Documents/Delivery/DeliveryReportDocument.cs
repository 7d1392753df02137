namespace TenderConsortium.Documents.Delivery;

/// <summary>
/// The model of templates/delivery-report.docx: every value already written as a person reads it ("£1,250.00",
/// "31 May 2027", "420 hours"). Placeholders are content controls tagged with these paths (report.title,
/// each output in outputs, output.member …).
/// </summary>
public sealed class DeliveryReportDocument
{
    public required ReportHeading Report { get; init; }

    public required IReadOnlyList<OutputLineView> Outputs { get; init; }

    public required IReadOnlyList<SocialValueLineView> SocialValue { get; init; }

    public required IReadOnlyList<InvoiceLineView> Invoices { get; init; }
}

public sealed class ReportHeading
{
    public required string Title { get; init; }
    public required string Buyer { get; init; }
    public required string Period { get; init; }
    public required string AsOf { get; init; }
    public required string Summary { get; init; }
    public required string SocialValueNote { get; init; }
    public required string Money { get; init; }
}

public sealed class OutputLineView
{
    public required string Member { get; init; }
    public required string Lot { get; init; }
    public required string Unit { get; init; }
    public required string Target { get; init; }
    public required string Delivered { get; init; }
    public required string TargetToDate { get; init; }
    public required string DeliveredToDate { get; init; }
}

public sealed class SocialValueLineView
{
    public required string Member { get; init; }
    public required string Measure { get; init; }
    public required string Unit { get; init; }
    public required string Committed { get; init; }
    public required string Delivered { get; init; }
    public required string DeliveredToDate { get; init; }
}

public sealed class InvoiceLineView
{
    public required string Member { get; init; }
    public required string Invoice { get; init; }
    public required string Amount { get; init; }
    public required string Due { get; init; }
    public required string Paid { get; init; }
    public required string Late { get; init; }
}
