namespace TenderConsortium.Core.Delivery;

/// <summary>What the delivery workflow tells people about an unpaid member invoice.</summary>
public enum PaymentNoticeKind
{
    /// <summary>To the lead, some days before the due date.</summary>
    Reminder,

    /// <summary>The day after the due date: an alert to the lead and a notice to the member, with what may be claimed.</summary>
    Late,
}
