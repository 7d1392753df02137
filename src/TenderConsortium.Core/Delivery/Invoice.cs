using TenderConsortium.Core.Common;

namespace TenderConsortium.Core.Delivery;

/// <summary>
/// An invoice down or up the chain (a member's to the lead, the lead's to the buyer): its amount, when it was
/// received, when it falls due, and the payments against it. Payments are guarded here: the same payment (same
/// reference) recorded again is recognised and not added twice; more than is owed is refused.
/// </summary>
public abstract class Invoice
{
    private readonly List<Payment> _payments;

    protected Invoice(string id, int period, decimal amount, DateOnly receivedOn, int paymentDays, IEnumerable<Payment> payments)
    {
        Id = id;
        Period = period;
        Amount = amount;
        ReceivedOn = receivedOn;
        PaymentDays = paymentDays;
        _payments = payments.OrderBy(p => p.PaidOn).ThenBy(p => p.RecordedAt).ToList();
    }

    /// <summary>Stable per period and payee, so raising the same invoice again finds the first.</summary>
    public string Id { get; }

    public int Period { get; }

    public decimal Amount { get; protected set; }

    /// <summary>The day the payer received it: the payment term runs from here.</summary>
    public DateOnly ReceivedOn { get; }

    /// <summary>The contract's term: days from receipt of a valid invoice (30 in every sub-contract).</summary>
    public int PaymentDays { get; }

    public DateOnly DueOn => ReceivedOn.AddDays(PaymentDays);

    public IReadOnlyList<Payment> Payments => _payments;

    public decimal PaidAmount => _payments.Sum(p => p.Amount);

    public decimal Outstanding => Amount - PaidAmount;

    public bool IsPaid => Outstanding <= 0m;

    /// <summary>The day the last payment cleared it; null while anything is owed.</summary>
    public DateOnly? PaidOn => IsPaid && _payments.Count > 0 ? _payments[^1].PaidOn : IsPaid ? ReceivedOn : null;

    /// <summary>Days from receipt to full payment (the figure the prompt-payment reports use); null while unpaid.</summary>
    public int? DaysToPay => PaidOn is { } paid ? paid.DayNumber - ReceivedOn.DayNumber : null;

    /// <summary>Days past the due date: to the day it was paid, or to <paramref name="today"/> while unpaid; 0 when on time.</summary>
    public int DaysLate(DateOnly today) => Math.Max(0, (PaidOn ?? today).DayNumber - DueOn.DayNumber);

    public bool IsOverdue(DateOnly today) => !IsPaid && today > DueOn;

    /// <summary>What the payee may claim under the Late Payment Act, to the payment day or to today while unpaid.</summary>
    public LatePaymentClaim LateClaim(DateOnly today, LatePaymentOptions options) => LatePayment.Claim(this, today, options);

    /// <summary>
    /// Records a payment. The same reference again with the same day and amount is the same payment (a retry, a
    /// double click): nothing changes and false is returned. A different payment under a used reference, a payment of
    /// more than is owed, or one dated before the invoice was received is refused.
    /// </summary>
    public bool RecordPayment(DateOnly paidOn, decimal amount, string reference, DateTimeOffset at, string by)
    {
        reference = (reference ?? "").Trim();
        if (reference.Length == 0) throw new ProblemException("reference", ProblemCode.Invalid, "enter the payment's bank or remittance reference");
        if (reference.Length > 100) throw new ProblemException("reference", ProblemCode.Invalid, "enter at most 100 characters");
        if (_payments.FirstOrDefault(p => string.Equals(p.Reference, reference, StringComparison.OrdinalIgnoreCase)) is { } same)
        {
            if (same.PaidOn == paidOn && same.Amount == amount) return false;
            throw new ProblemException("reference", ProblemCode.Conflict,
                $"a payment with reference {same.Reference} was already recorded on this invoice ({DeliveryText.Money(same.Amount)} on {DeliveryText.Day(same.PaidOn)}); use the new payment's own reference");
        }

        if (amount <= 0m) throw new ProblemException("amount", ProblemCode.Invalid, "enter an amount above zero, in pounds, e.g. 1250.00");
        if (decimal.Round(amount, 2) != amount) throw new ProblemException("amount", ProblemCode.Invalid, "enter the amount in pounds and pence, e.g. 1250.00");
        if (IsPaid) throw new ProblemException("invoice", ProblemCode.Conflict, $"invoice {Id} is already paid in full; nothing is owed on it");
        if (amount > Outstanding)
            throw new ProblemException("amount", ProblemCode.Invalid, $"only {DeliveryText.Money(Outstanding)} is owed on invoice {Id}; enter at most that");
        if (paidOn < ReceivedOn)
            throw new ProblemException("date", ProblemCode.Invalid, $"the invoice was received on {DeliveryText.Day(ReceivedOn)}; a payment cannot be earlier");
        if (paidOn.DayNumber > DateOnly.FromDateTime(at.UtcDateTime).DayNumber + 1)
            throw new ProblemException("date", ProblemCode.Invalid, "a payment cannot be dated in the future; enter the day the money arrived");
        _payments.Add(new Payment(paidOn, amount, reference, at, by));
        _payments.Sort((a, b) => a.PaidOn != b.PaidOn ? a.PaidOn.CompareTo(b.PaidOn) : a.RecordedAt.CompareTo(b.RecordedAt));
        return true;
    }
}
