using System.Globalization;

namespace TenderConsortium.Core.Delivery;

/// <summary>
/// One sentence per over-committed member, the same on the approval screen, in the API and in the CLI: its worst
/// month, what it would be asked for if every pending bid were won, what it declared, and which bids add up to it.
/// </summary>
public static class OverCommitment
{
    public static string Describe(CapacityLedger ledger)
    {
        var over = ledger.OverCommittedMonths;
        if (over.Count == 0) return $"{ledger.MemberName} would not be asked for more than it declared, even if every pending bid were won.";
        var worst = over.OrderByDescending(m => m.Exposure - m.Declared).ThenBy(m => m.Month).First();
        var months = over.Count == 1 ? "in 1 month" : $"in {over.Count} months";
        return $"{ledger.MemberName} would be over-committed {months} if every pending bid were won: in {worst.Month.ToString("MMMM yyyy", CultureInfo.InvariantCulture)} " +
               $"it would deliver {DeliveryText.Quantity(worst.Exposure)} {worst.Unit}, but declared at most {DeliveryText.Quantity(worst.Declared)} " +
               $"({string.Join(", ", worst.Bids)}).";
    }
}
