namespace TenderConsortium.Core.Delivery;

/// <summary>
/// What a period report says, for the buyer and the consortium: outputs against the contract's targets and social
/// value delivered against what was committed, each attributed to the member that delivered it (every figure comes
/// from exactly one member's return, so totals never count a thing twice), and the period's invoices and payments.
/// Targets are the contracted volume spread over the contract by days.
/// </summary>
public sealed record PeriodReport(
    string ContractTitle,
    string Buyer,
    DeliveryPeriod Period,
    int PeriodCount,
    DateOnly AsOf,
    IReadOnlyList<OutputReportRow> Outputs,
    IReadOnlyList<SocialValueReportRow> SocialValue,
    IReadOnlyList<InvoiceReportRow> Invoices,
    BuyerInvoice? BuyerInvoice,
    IReadOnlyList<string> MissingReturns)
{
    public decimal InvoicedByMembers => Invoices.Sum(i => i.Amount);

    public static PeriodReport For(DeliveryContract contract, int period, DateOnly asOf, LatePaymentOptions options)
    {
        var p = contract.Period(period);
        var contractDays = (decimal)contract.Periods.Sum(x => x.Days);
        var toDateDays = (decimal)contract.Periods.Where(x => x.Number <= period).Sum(x => x.Days);
        var returns = contract.Returns.Where(r => r.Period <= period).ToList();
        var outputs = new List<OutputReportRow>();
        var social = new List<SocialValueReportRow>();
        var invoices = new List<InvoiceReportRow>();
        var missing = new List<string>();
        foreach (var member in contract.Members.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            var mine = returns.Where(r => r.MemberId == member.MemberId).ToList();
            var now = mine.FirstOrDefault(r => r.Period == period);
            if (now is null) missing.Add(member.Name);
            foreach (var line in member.Lines)
            {
                outputs.Add(new OutputReportRow(member.MemberId, member.Name, line.LotId, line.LotTitle, line.Unit,
                    decimal.Round(line.Volume * p.Days / contractDays, 2), now?.Output(line.LotId) ?? 0m,
                    decimal.Round(line.Volume * toDateDays / contractDays, 2), mine.Sum(r => r.Output(line.LotId)), line.Volume));
            }

            var measures = member.Commitments.Select(c => (c.MeasureId.ToUpperInvariant(), c.Unit))
                .Concat(mine.SelectMany(r => r.SocialValue).Select(s => (s.MeasureId, s.Unit)))
                .DistinctBy(m => m.Item1, StringComparer.OrdinalIgnoreCase).OrderBy(m => m.Item1, StringComparer.Ordinal);
            foreach (var (measure, unit) in measures)
            {
                social.Add(new SocialValueReportRow(member.MemberId, member.Name, measure, unit,
                    member.Commitments.Where(c => string.Equals(c.MeasureId, measure, StringComparison.OrdinalIgnoreCase)).Sum(c => c.Quantity),
                    now?.SocialValue.Where(s => s.MeasureId == measure).Sum(s => s.Quantity) ?? 0m,
                    mine.SelectMany(r => r.SocialValue).Where(s => s.MeasureId == measure).Sum(s => s.Quantity)));
            }

            if (contract.MemberInvoice(period, member.MemberId) is { } invoice)
                invoices.Add(new InvoiceReportRow(member.MemberId, member.Name, invoice.Id, invoice.Amount, invoice.ReceivedOn, invoice.DueOn, invoice.PaidOn,
                    invoice.DaysLate(asOf), invoice.LateClaim(asOf, options), invoice.AdjustmentReason));
        }

        return new PeriodReport(contract.Title, contract.Buyer, p, contract.Periods.Count, asOf, outputs, social, invoices, contract.BuyerInvoice(period), missing);
    }
}
