using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TenderConsortium.Application.Delivery.MemberLink;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Delivery;
using TenderConsortium.Web.Pages.Shared;
using TenderConsortium.Web.Declarations;
using TenderConsortium.Web.Security;
using static TenderConsortium.Core.Delivery.DeliveryText;

namespace TenderConsortium.Web.Pages.Delivery;

/// <summary>
/// A member's delivery page behind its emailed link (/delivery/m/{token}, no account): what it is owed first, then its
/// return for the period (outputs in the lot's units, the social value it promised, evidence notes) which becomes its
/// invoice once the period is over, every invoice with due date, what is paid and when and days late, and its total
/// across bids. Mobile-first: one column, summary cards, narrow tables.
/// </summary>
public static class MemberDeliveryPage
{
    private static readonly Dictionary<string, string> DoneMessages = new(StringComparer.Ordinal)
    {
        ["invoiced"] = "Thank you. Your return is in, and your invoice went to the lead with it. It is below, with the day it must be paid by.",
        ["returned"] = "Thank you. Your return is saved. Send it again once the period is over and it becomes your invoice.",
    };

    public static IEndpointRouteBuilder MapDeliveryPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/delivery/m/{token}", (string token, HttpContext http, ShowMemberDeliveryHandler show, TokenThrottle throttle) =>
            GuardAsync(http, throttle, async () => Render(http, token, await show.HandleAsync(new ShowMemberDelivery(token), http.RequestAborted), null)));

        app.MapPost("/delivery/m/{token}/return", (string token, HttpContext http, ShowMemberDeliveryHandler show, SubmitMemberReturnHandler submit, TokenThrottle throttle) =>
            GuardAsync(http, throttle, async () =>
            {
                var view = await show.HandleAsync(new ShowMemberDelivery(token), http.RequestAborted);
                if (await PageEndpoints.ReadFormAsync(http) is not { } form) return PageEndpoints.Expired(http, PageArea.Member);
                var parsed = ReturnForm.Read(view, form);
                if (!form.HasErrors)
                {
                    try
                    {
                        var sent = await submit.HandleAsync(new SubmitMemberReturn(token, parsed.Period, parsed.Outputs, parsed.SocialValue, parsed.Evidence), http.RequestAborted);
                        return PageEndpoints.Done($"/delivery/m/{Uri.EscapeDataString(token)}#invoices", sent.Invoice is null ? "returned" : "invoiced");
                    }
                    catch (ProblemException ex) when (ex.Items.All(p => p.Path != "token"))
                    {
                        ReturnForm.Show(ex.Items, parsed, form);
                    }
                }

                return Render(http, token, view, form, StatusCodes.Status400BadRequest);
            })).DisableAntiforgery();
        return app;
    }

    /// <summary>Too many bad links from one client wait; a link that opens nothing gets one plain answer.</summary>
    private static async Task<IResult> GuardAsync(HttpContext http, TokenThrottle throttle, Func<Task<IResult>> work)
    {
        var client = ClientKey.Of(http);
        if (throttle.WaitFor(client) is not null)
            return Layout.Message(http, PageArea.Member, "Too many attempts", "Too many links that do not work were tried from here. Try again later.",
                StatusCodes.Status429TooManyRequests);
        try
        {
            return await work();
        }
        catch (ProblemException ex) when (ex.Items.Any(p => p.Path == "token"))
        {
            throttle.Failed(client);
            return Layout.Message(http, PageArea.Member, "Link not valid", "This link is not valid. Use the latest link the consortium emailed you.", StatusCodes.Status403Forbidden);
        }
    }

    private static IResult Render(HttpContext http, string token, MemberDeliveryView view, FormState? form, int status = StatusCodes.Status200OK)
    {
        var today = DateOnly.FromDateTime(((TimeProvider?)http.RequestServices.GetService(typeof(TimeProvider)) ?? TimeProvider.System).GetUtcNow().UtcDateTime);
        var done = PageEndpoints.DoneMessage(http) is { } key && DoneMessages.TryGetValue(key, out var m) ? m : null;
        var paid = view.Invoices.Sum(i => i.Paid);
        var main = H.Html($"""
            {Forms.Banner(done)}
            {Forms.ErrorSummary(form?.Errors ?? [])}
            <span class="govuk-caption-l">{view.MemberName}</span>
            <h1 class="govuk-heading-l">Your delivery: {view.ContractTitle}</h1>
            <p class="govuk-heading-m" id="owed">Owed to you: {Money(view.Owed)}</p>
            {(view.Overdue > 0
                ? H.Html($"""<div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span><strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span> {Money(view.Overdue)} of it is overdue. We are sorry: the lead is told, and you may claim interest and compensation (see your invoices below).</strong></div>""")
                : H.Html($"""<p class="govuk-body">{(view.Owed > 0 ? "Nothing is overdue." : "Nothing is waiting to be paid.")}</p>"""))}
            <p class="govuk-body">Paid to you so far: {Money(paid)}.</p>
            <p class="govuk-body">For {view.Buyer}. You deliver {string.Join("; ", view.Lines.Select(l => $"lot {l.LotId}, {l.LotTitle}: {Quantity(l.Volume)} {Unit(l.Unit, l.Volume)} at {Money(l.PricePerUnit)} each"))}. We pay each invoice within {Days(view.PaymentDays)} of receiving it.</p>
            {ReturnForm.Render(http, token, view, form)}
            <h2 class="govuk-heading-m" id="invoices">Your invoices</h2>
            {InvoiceCards.Render(view.Invoices, showParty: false)}
            <h2 class="govuk-heading-m" id="capacity">Your capacity across bids</h2>
            {CapacitySummary.Render(view.Capacity, today)}
            <p class="govuk-body">Questions about a payment? Email <a class="govuk-link" href="mailto:{view.LeadEmail}">{view.LeadEmail}</a>.</p>
            """);
        return Layout.Page(http, PageArea.Member, $"Your delivery: {view.ContractTitle}", main, status, hasErrors: form?.HasErrors == true);
    }
}
