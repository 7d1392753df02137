namespace TenderConsortium.Core.BidPacks;

/// <summary>
/// The engine's totals, which the spreadsheet's formulas must reproduce exactly: line = round(volume × unit price, 2);
/// lot subtotal = Σ lines; fee = round(subtotal × fee rate, 2); lot total = subtotal + fee; totals = Σ lots.
/// Rounding is half away from zero, as Excel's and LibreOffice's ROUND. Only members with volume are priced.
/// </summary>
public sealed record PricingSchedule(IReadOnlyList<LotPricing> Lots, decimal FeeRate, string Currency, decimal Subtotal, decimal Fee, decimal Total)
{
    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    public static PricingSchedule From(BidPackInput input)
    {
        var rate = input.Profile.ManagementFee;
        var lots = new List<LotPricing>();
        foreach (var lot in input.Opportunity.Lots)
        {
            var allocation = input.Allocation.Lots.FirstOrDefault(l => l.LotId == lot.Id);
            var unit = allocation?.Unit ?? input.TermsOf(lot.Id).Unit;
            var lines = (allocation?.Shares ?? []).Where(s => s.Volume > 0).Select(share =>
            {
                var price = input.DeclarationOf(share.MemberId)?.Lot(lot.Id)?.PricePerUnit ?? share.Value / share.Volume;
                var member = input.Member(share.MemberId)?.Member;
                return new PricingLine(lot.Id, share.MemberId, member?.Name ?? share.MemberName, member?.RegistrationNumber ?? share.MemberId,
                    unit, share.Volume, price, Round(share.Volume * price));
            }).ToList();
            var subtotal = lines.Sum(l => l.Total);
            var fee = Round(subtotal * rate);
            lots.Add(new LotPricing(lot.Id, lot.Title, unit, lines, subtotal, fee, subtotal + fee));
        }

        var currency = input.Opportunity.Value?.Currency ?? input.Opportunity.Lots.Select(l => l.Value?.Currency).FirstOrDefault(c => c is not null) ?? "GBP";
        return new PricingSchedule(lots, rate, currency, lots.Sum(l => l.Subtotal), lots.Sum(l => l.Fee), lots.Sum(l => l.Total));
    }

    /// <summary>What the members are paid in all: each member's lines across lots.</summary>
    public decimal MemberTotal(string memberId) => Lots.SelectMany(l => l.Lines).Where(l => l.MemberId == memberId).Sum(l => l.Total);
}
