using TenderConsortium.Application.Delivery;
using TenderConsortium.Web.Pages.Shared;
using static TenderConsortium.Core.Delivery.DeliveryText;

namespace TenderConsortium.Web.Pages.Delivery;

/// <summary>
/// Invoices as GOV.UK summary cards rather than a wide table, so they read on a 375 px phone: amount, received, due,
/// paid and when, days late, and what may be claimed under the Late Payment Act.
/// </summary>
internal static class InvoiceCards
{
    public static Html Render(IReadOnlyList<InvoiceView> invoices, bool showParty) =>
        invoices.Count == 0
            ? H.Html($"""<p class="govuk-body">No invoice yet.</p>""")
            : H.Each(invoices, i => H.Html($"""
                <div class="govuk-summary-card">
                  <div class="govuk-summary-card__title-wrapper"><h3 class="govuk-summary-card__title">{(showParty ? $"{i.Payee}: invoice {i.Id}" : $"Invoice {i.Id}")} ({Status(i)})</h3></div>
                  <div class="govuk-summary-card__content">
                    <dl class="govuk-summary-list">
                      {Row("Amount", Money(i.Amount) + (i.AdjustmentReason is { } r ? $" (changed from {Money(i.ComputedAmount ?? i.Amount)}: {r})" : ""))}
                      {Row("Received", Day(i.ReceivedOn))}
                      {Row("Due", Day(i.DueOn))}
                      {Row("Paid", i.Payments.Count == 0 ? "nothing yet" : string.Join("; ", i.Payments.Select(p => $"{Money(p.Amount)} on {Day(p.PaidOn)} (reference {p.Reference})")))}
                      {Row("Still owed", Money(i.Outstanding))}
                      {Row("Days late", i.DaysLate == 0 ? "none" : Days(i.DaysLate))}
                      {(i.Claim.Any ? Row("May be claimed", $"{Money(i.Claim.Interest)} interest ({Percent(i.Claim.AnnualRatePercent)} a year) and {Money(i.Claim.FixedCompensation)} fixed compensation: {Money(i.Claim.Total)}") : Html.Empty)}
                    </dl>
                  </div>
                </div>
                """));

    private static string Status(InvoiceView i) => i.Status;

    private static Html Row(string key, string value) =>
        H.Html($"""<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{key}</dt><dd class="govuk-summary-list__value">{value}</dd></div>""");
}
