namespace TenderConsortium.Core.Delivery;

/// <summary>
/// A member's return for one period: outputs per lot, social value delivered, and its evidence notes (what the
/// buyer may ask to see: timesheets, attendance registers). A return may be corrected until it is invoiced.
/// </summary>
public sealed record DeliveryReturn(
    int Period,
    string MemberId,
    IReadOnlyList<OutputLine> Outputs,
    IReadOnlyList<SocialValueDelivered> SocialValue,
    string? Evidence,
    int Revision,
    DateTimeOffset SubmittedAt,
    string SubmittedBy)
{
    public decimal Output(string lotId) => Outputs.Where(o => o.LotId == lotId).Sum(o => o.Quantity);
}
