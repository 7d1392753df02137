namespace TenderConsortium.Core.Delivery;

/// <summary>
/// The notices a contract's unpaid member invoices call for: reminders to the lead a set number of days before the
/// due date, and the late alert the day after it. A paid invoice calls for none, so a payment recorded before a
/// notice is due cancels it, and no interest is ever worked out for a paid invoice's late notice.
/// </summary>
public static class PaymentNotices
{
    /// <summary>Every notice due on or before <paramref name="today"/> for invoices still unpaid, oldest first.</summary>
    public static IReadOnlyList<PaymentNotice> Due(DeliveryContract contract, DateOnly today, IReadOnlyList<int> reminderDaysBefore) =>
        All(contract, reminderDaysBefore).Where(n => n.On <= today).OrderBy(n => n.On).ThenBy(n => n.Key, StringComparer.Ordinal).ToList();

    /// <summary>The next day a notice falls due after <paramref name="today"/>; null when no unpaid invoice calls for one.</summary>
    public static DateOnly? Next(DeliveryContract contract, DateOnly today, IReadOnlyList<int> reminderDaysBefore) =>
        All(contract, reminderDaysBefore).Where(n => n.On > today).Select(n => (DateOnly?)n.On).Min();

    private static IEnumerable<PaymentNotice> All(DeliveryContract contract, IReadOnlyList<int> reminderDaysBefore)
    {
        foreach (var invoice in contract.MemberInvoices.Where(i => !i.IsPaid))
        {
            foreach (var days in reminderDaysBefore.Where(d => d > 0 && d < invoice.PaymentDays).Distinct())
                yield return new PaymentNotice($"reminder:{invoice.Id}:{days}", PaymentNoticeKind.Reminder, invoice, invoice.DueOn.AddDays(-days), days);
            yield return new PaymentNotice($"late:{invoice.Id}", PaymentNoticeKind.Late, invoice, invoice.DueOn.AddDays(1), 0);
        }
    }
}
