using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TenderConsortium.Application.Delivery.Capacity;
using TenderConsortium.Application.Delivery.Pay;
using TenderConsortium.Application.Delivery.Portfolio;
using TenderConsortium.Application.Delivery.Show;
using TenderConsortium.Core.Common;
using TenderConsortium.Web.Pages.Lead;
using TenderConsortium.Web.Pages.Shared;
using static TenderConsortium.Core.Delivery.DeliveryText;

namespace TenderConsortium.Web.Pages.Delivery;

/// <summary>
/// The lead's delivery pages: the portfolio (/lead/delivery: days to pay per member, owed and overdue, social value,
/// members that would be over-committed across pending bids) and one contract (/lead/delivery/{opportunity}).
/// </summary>
public static class LeadDeliveryPages
{
    public static IEndpointRouteBuilder MapLeadDeliveryPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/lead/delivery", PortfolioAsync).RequireAuthorization(PagePolicies.Lead);
        app.MapGet("/lead/delivery/{id}", (string id, HttpContext http, ShowDeliveryHandler show) => ContractAsync(id, http, show, null))
            .RequireAuthorization(PagePolicies.Lead);
        app.MapPost("/lead/delivery/{id}/payment", PayAsync).RequireAuthorization(PagePolicies.Lead).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> PortfolioAsync(HttpContext http, ShowPortfolioHandler portfolio, ShowCapacityHandler capacity)
    {
        var who = LeadContext.Of(http);
        var view = await portfolio.HandleAsync(new ShowPortfolio(who.ConsortiumId), http.RequestAborted);
        var over = await capacity.HandleAsync(new ShowCapacity(null, OverCommittedOnly: true, who.ConsortiumId), http.RequestAborted);
        var main = H.Html($"""
            <h1 class="govuk-heading-l">Contracts in delivery</h1>
            <p class="govuk-body">{(view.Contracts == 1 ? "1 contract" : $"{view.Contracts} contracts")}, figures as at {Day(view.AsOf)}.</p>
            <div class="govuk-inset-text">{DaysToPayText(view.DaysToPay)}<br>Owed to members: {Money(view.Owed)}, of which overdue: {Money(view.Overdue)}.</div>
            <h2 class="govuk-heading-m">Members</h2>
            <dl class="govuk-summary-list">
            {H.Each(view.Members, m => H.Html($"""<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{m.MemberName}</dt><dd class="govuk-summary-list__value">owed {Money(m.Owed)}, overdue {Money(m.Overdue)}; {DaysToPayText(m.DaysToPay)}</dd></div>"""))}
            </dl>
            <h2 class="govuk-heading-m">Social value delivered to date</h2>
            <ul class="govuk-list govuk-list--bullet">
            {H.Each(view.SocialValue, s => H.Html($"<li>{s.Title}, {s.MeasureId}: {Quantity(s.Delivered)} of {Quantity(s.Committed)} committed ({s.Unit})</li>"))}
            </ul>
            <h2 class="govuk-heading-m">Capacity across bids</h2>
            {(over.Count == 0
                ? H.Html($"""<p class="govuk-body">No member would be over-committed if every pending bid were won.</p>""")
                : H.Each(over, l => H.Html($"""<p class="govuk-body">{Core.Delivery.OverCommitment.Describe(l)}</p>""")))}
            """);
        return Layout.Page(http, PageArea.Lead, "Contracts in delivery", main);
    }

    private static readonly Dictionary<string, string> DoneMessages = new(StringComparer.Ordinal)
    {
        ["paid"] = "The payment was recorded. The invoice and the days-to-pay figures below include it.",
    };

    private static async Task<IResult> ContractAsync(string id, HttpContext http, ShowDeliveryHandler show, FormState? form)
    {
        var who = LeadContext.Of(http);
        DeliveryView view;
        try
        {
            view = await show.HandleAsync(new ShowDelivery(id, who.ConsortiumId), http.RequestAborted);
        }
        catch (ProblemException ex) when (ex.Code == ProblemCode.NotFound)
        {
            return Layout.Message(http, PageArea.Lead, "Not in delivery", ex.Items[0].Message, StatusCodes.Status404NotFound);
        }

        var done = PageEndpoints.DoneMessage(http) is { } key && DoneMessages.TryGetValue(key, out var m) ? m : null;
        var main = H.Html($"""
            {Forms.Banner(done)}
            {Forms.ErrorSummary(form?.Errors ?? [])}
            <span class="govuk-caption-l">{view.Buyer}</span>
            <h1 class="govuk-heading-l">Delivery: {view.Title}</h1>
            <p class="govuk-body">{view.Periods.Count} periods from {Day(view.Periods[0].Period.Start)} to {Day(view.Periods[^1].Period.End)}; now in {Period(view.CurrentPeriod)}.</p>
            <div class="govuk-inset-text">{DaysToPayText(view.DaysToPay)}<br>Owed to members: {Money(view.OwedToMembers)}, of which overdue: {Money(view.OverdueToMembers)}.</div>
            <h2 class="govuk-heading-m" id="days-to-pay">Days to pay, per member</h2>
            <dl class="govuk-summary-list">
            {H.Each(view.MemberDaysToPay, d => H.Html($"""<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{d.MemberName}</dt><dd class="govuk-summary-list__value">{DaysToPayText(d.DaysToPay)}</dd></div>"""))}
            </dl>
            {PaymentForm.Render(http, view, form)}
            <h2 class="govuk-heading-m" id="invoices">Members' invoices</h2>
            {InvoiceCards.Render(view.MemberInvoices.Reverse().ToList(), showParty: true)}
            """);
        return Layout.Page(http, PageArea.Lead, $"Delivery: {view.Title}", main, form?.HasErrors == true ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK,
            hasErrors: form?.HasErrors == true);
    }

    private static async Task<IResult> PayAsync(string id, HttpContext http, ShowDeliveryHandler show, RecordPaymentHandler pay)
    {
        var who = LeadContext.Of(http);
        if (await PageEndpoints.ReadFormAsync(http) is not { } form) return PageEndpoints.Expired(http, PageArea.Lead);
        DeliveryView view;
        try
        {
            view = await show.HandleAsync(new ShowDelivery(id, who.ConsortiumId), http.RequestAborted);
        }
        catch (ProblemException ex) when (ex.Code == ProblemCode.NotFound)
        {
            return Layout.Message(http, PageArea.Lead, "Not in delivery", ex.Items[0].Message, StatusCodes.Status404NotFound);
        }

        if (PaymentForm.Read(view, form) is { } payment)
        {
            try
            {
                await pay.HandleAsync(new RecordPayment(id, payment.InvoiceId, payment.PaidOn, payment.Amount, payment.Reference, who.Actor, who.ConsortiumId), http.RequestAborted);
                return PageEndpoints.Done($"/lead/delivery/{Uri.EscapeDataString(id)}#days-to-pay", "paid");
            }
            catch (ProblemException ex)
            {
                PaymentForm.Show(ex.Items, form);
            }
        }

        return await ContractAsync(id, http, show, form);
    }

    private static string DaysToPayText(Core.Delivery.DaysToPay d) => d.Paid == 0
        ? "No member invoice paid yet."
        : $"Paid in a median of {Quantity(d.Median!.Value)} days after receipt (95th percentile {d.Percentile95} days); {Percent(decimal.Round(d.WithinTermsShare!.Value * 100, 1))} of {d.Paid} invoice{(d.Paid == 1 ? "" : "s")} paid within 30 days.";
}
