namespace TenderConsortium.Core.Delivery;

/// <summary>
/// What a member is owed, by the address its digest goes to: every unpaid invoice in every contract it delivers, so
/// the daily digest reminds it what is outstanding and what is late alongside the news.
/// </summary>
public interface IOwedStatements
{
    /// <summary>The unpaid invoices of the members who read mail at <paramref name="recipient"/>, oldest due first.</summary>
    IReadOnlyList<OwedInvoice> For(string recipient, DateOnly day);
}

/// <param name="Link">The member's own delivery page for this contract.</param>
public sealed record OwedInvoice(string Contract, string InvoiceId, DeliveryPeriod Period, decimal Outstanding, DateOnly DueOn, int DaysLate, string Link);
