using TenderConsortium.Core.Common;

namespace TenderConsortium.Core.Delivery;

/// <summary>
/// A member's invoice to the lead for one period. Its amount is computed from the member's return and the agreed
/// prices; the lead may change it, with a reason that is kept, until anything has been paid against it.
/// </summary>
public sealed class MemberInvoice : Invoice
{
    private MemberInvoice(string id, int period, string memberId, decimal computedAmount, decimal amount, string? adjustmentReason, DateOnly receivedOn,
        int paymentDays, IEnumerable<Payment> payments)
        : base(id, period, amount, receivedOn, paymentDays, payments)
    {
        MemberId = memberId;
        ComputedAmount = computedAmount;
        AdjustmentReason = adjustmentReason;
    }

    public string MemberId { get; }

    /// <summary>Outputs × agreed price, as the return gave it.</summary>
    public decimal ComputedAmount { get; private set; }

    /// <summary>Why the amount differs from the computed one; null when it does not.</summary>
    public string? AdjustmentReason { get; private set; }

    /// <summary>"P2-M3": period 2, the contract's third member; short enough to type and to put on a remittance.</summary>
    public static string IdFor(int period, int memberNumber) => $"P{period}-M{memberNumber}";

    internal static MemberInvoice Raise(int period, int memberNumber, string memberId, decimal computed, DateOnly receivedOn, int paymentDays) =>
        new(IdFor(period, memberNumber), period, memberId, computed, computed, null, receivedOn, paymentDays, []);

    /// <summary>Rebuilds a stored invoice (persistence only).</summary>
    public static MemberInvoice Restore(string id, int period, string memberId, decimal computedAmount, decimal amount, string? adjustmentReason, DateOnly receivedOn,
        int paymentDays, IEnumerable<Payment> payments) =>
        new(id, period, memberId, computedAmount, amount, adjustmentReason, receivedOn, paymentDays, payments);

    /// <summary>The lead changes the amount (a disputed hour, a credit), with a reason the member sees.</summary>
    public void Adjust(decimal amount, string reason)
    {
        if (Payments.Count > 0)
            throw new ProblemException("invoice", ProblemCode.Conflict, $"invoice {Id} has payments against it; its amount can no longer change");
        if (amount < 0m || decimal.Round(amount, 2) != amount)
            throw new ProblemException("amount", ProblemCode.Invalid, "enter the amount in pounds and pence, zero or more, e.g. 1250.00");
        reason = (reason ?? "").Trim();
        if (reason.Length == 0) throw new ProblemException("reason", ProblemCode.Invalid, "say why the amount differs from the return, so the member can see it");
        if (reason.Length > 500) throw new ProblemException("reason", ProblemCode.Invalid, "enter at most 500 characters");
        Amount = amount;
        AdjustmentReason = amount == ComputedAmount ? null : reason;
    }

    /// <summary>A corrected return before any payment recomputes the invoice (a kept adjustment stays).</summary>
    internal void Recompute(decimal computed)
    {
        if (Payments.Count > 0)
            throw new ProblemException("return", ProblemCode.Conflict, $"invoice {Id} has payments against it; its return can no longer change");
        if (AdjustmentReason is null) Amount = computed;
        ComputedAmount = computed;
    }
}
