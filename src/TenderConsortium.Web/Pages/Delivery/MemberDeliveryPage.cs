using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TenderConsortium.Application.Delivery.MemberLink;
using TenderConsortium.Core.Common;
using TenderConsortium.Web.Pages.Shared;
using TenderConsortium.Web.Declarations;
using TenderConsortium.Web.Security;
using static TenderConsortium.Core.Delivery.DeliveryText;

namespace TenderConsortium.Web.Pages.Delivery;

/// <summary>
/// A member's delivery page behind its emailed link (/delivery/m/{token}, no account): what it delivers, every
/// invoice with its due date, what has been paid and when, days late, and what it is owed. Mobile-first.
/// </summary>
public static class MemberDeliveryPage
{
    public static IEndpointRouteBuilder MapDeliveryPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/delivery/m/{token}", async (string token, HttpContext http, ShowMemberDeliveryHandler show, TokenThrottle throttle) =>
        {
            var client = ClientKey.Of(http);
            if (throttle.WaitFor(client) is not null)
                return Layout.Message(http, PageArea.Member, "Too many attempts", "Too many links that do not work were tried from here. Try again later.",
                    StatusCodes.Status429TooManyRequests);
            MemberDeliveryView view;
            try
            {
                view = await show.HandleAsync(new ShowMemberDelivery(token), http.RequestAborted);
            }
            catch (ProblemException ex)
            {
                throttle.Failed(client);
                return Layout.Message(http, PageArea.Member, "Link not valid", ex.Items[0].Message, StatusCodes.Status403Forbidden);
            }

            var main = H.Html($"""
                <span class="govuk-caption-l">{view.MemberName}</span>
                <h1 class="govuk-heading-l">Your invoices: {view.ContractTitle}</h1>
                <p class="govuk-body">For {view.Buyer}. You deliver {string.Join("; ", view.Lines.Select(l => $"lot {l.LotId}, {l.LotTitle}: {Quantity(l.Volume)} {l.Unit} at {Money(l.PricePerUnit)}"))}.</p>
                <p class="govuk-body">Now in {Period(view.CurrentPeriod)}. Each invoice is due 30 days after the lead receives it.</p>
                <div class="govuk-inset-text">Owed to you: <strong>{Money(view.Owed)}</strong>{(view.Overdue > 0 ? $", of which {Money(view.Overdue)} is overdue" : "")}.</div>
                <h2 class="govuk-heading-m">Invoices</h2>
                {InvoiceCards.Render(view.Invoices, showParty: false)}
                <p class="govuk-body">Questions about a payment? Email <a class="govuk-link" href="mailto:{view.LeadEmail}">{view.LeadEmail}</a>.</p>
                """);
            return Layout.Page(http, PageArea.Member, $"Your invoices: {view.ContractTitle}", main);
        });
        return app;
    }
}
