using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TenderConsortium.Application.Delivery.Capacity;
using TenderConsortium.Application.Delivery.Invoices;
using TenderConsortium.Application.Delivery.MemberLink;
using TenderConsortium.Application.Delivery.Pay;
using TenderConsortium.Application.Delivery.Portfolio;
using TenderConsortium.Application.Delivery.Return;
using TenderConsortium.Application.Delivery.Show;
using TenderConsortium.Application.Delivery.Start;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Delivery;
using TenderConsortium.Web.Api;
using TenderConsortium.Web.Intake;
using TenderConsortium.Web.Security;

namespace TenderConsortium.Web.Delivery;

/// <summary>Delivery as API resources, thin doors over the same handlers as `tender delivery` and the pages.</summary>
public static class DeliveryEndpoints
{
    public static IEndpointRouteBuilder MapDelivery(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/opportunities/{id}/delivery", (string id, HttpContext http, StartDeliveryHandler start) => ApiGuard.RunAsync(async () =>
            {
                var body = await ApiBody.ReadObjectAsync(http, """{"periods": "monthly", "managementFee": 0.05}""");
                var periods = ApiBody.String(body, "periods", required: false) ?? "monthly";
                if (periods is not ("monthly" or "quarterly")) throw new ProblemException("periods", ProblemCode.Invalid, "expected \"monthly\" or \"quarterly\"");
                var started = await start.HandleAsync(new StartDelivery(id, periods == "quarterly" ? PeriodLength.Quarterly : PeriodLength.Monthly, http.Caller().Actor,
                    Number(body, "managementFee", required: false) ?? 0.05m, Date(body, "contractEnd")), http.RequestAborted);
                return Results.Json(started, DomainJson.Options, statusCode: started.Replayed ? StatusCodes.Status200OK : StatusCodes.Status201Created);
            }))
            .RequireAuthorization(TenderAuth.Lead).WithOpportunityScope().WithBodyLimit(RequestLimits.JsonBytes)
            .WithTags("Delivery").WithSummary("Start delivery of a won bid (lead only); again answers 200 with the same contract");

        app.MapGet("/api/opportunities/{id}/delivery", (string id, HttpContext http, ShowDeliveryHandler show) =>
                ApiGuard.RunAsync(async () => Results.Json(await show.HandleAsync(new ShowDelivery(id), http.RequestAborted), DomainJson.Options)))
            .RequireAuthorization(TenderAuth.Lead).WithOpportunityScope()
            .WithTags("Delivery").WithSummary("Where delivery stands: periods, returns, invoices with due dates, payments, days late, days to pay");

        app.MapPost("/api/opportunities/{id}/delivery/returns", (string id, HttpContext http, SubmitReturnHandler submit) => ApiGuard.RunAsync(async () =>
            {
                var body = await ApiBody.ReadObjectAsync(http, """{"member": "…", "period": 1, "outputs": {"1": 420}, "socialValue": {"SV01": 1}, "evidence": "timesheets"}""");
                var saved = await submit.HandleAsync(new SubmitReturn(id, ApiBody.String(body, "member", required: true)!, Whole(body, "period"),
                    Pairs(body, "outputs").Select(p => new OutputLine(p.Key, p.Value)).ToList(),
                    Pairs(body, "socialValue").Select(p => new SocialValueDelivered(p.Key, p.Value, "")).ToList(),
                    ApiBody.String(body, "evidence", required: false), http.Caller().Actor), http.RequestAborted);
                return Results.Json(saved, DomainJson.Options);
            }))
            .RequireAuthorization(TenderAuth.Lead).WithOpportunityScope().WithBodyLimit(RequestLimits.JsonBytes)
            .WithTags("Delivery").WithSummary("Record a member's return for a period: outputs per lot, social value, evidence");

        app.MapPost("/api/opportunities/{id}/delivery/invoices", (string id, HttpContext http, RaiseInvoiceHandler raise) => ApiGuard.RunAsync(async () =>
            {
                var body = await ApiBody.ReadObjectAsync(http, """{"period": 1, "member": "… (leave out for the invoice to the buyer)", "receivedOn": "2027-05-02"}""");
                var view = await raise.HandleAsync(new RaiseInvoice(id, Whole(body, "period"), ApiBody.String(body, "member", required: false), Date(body, "receivedOn"),
                    http.Caller().Actor), http.RequestAborted);
                return Results.Json(view, DomainJson.Options);
            }))
            .RequireAuthorization(TenderAuth.Lead).WithOpportunityScope().WithBodyLimit(RequestLimits.JsonBytes)
            .WithTags("Delivery").WithSummary("Record a member's invoice (computed from its return) or raise the lead's invoice to the buyer");

        app.MapPost("/api/opportunities/{id}/delivery/invoices/{invoice}/adjustment", (string id, string invoice, HttpContext http, AdjustInvoiceHandler adjust) =>
                ApiGuard.RunAsync(async () =>
                {
                    var body = await ApiBody.ReadObjectAsync(http, """{"amount": 1250.00, "reason": "six hours disputed"}""");
                    var view = await adjust.HandleAsync(new AdjustInvoice(id, invoice, Number(body, "amount", required: true)!.Value, ApiBody.String(body, "reason", required: true)!,
                        http.Caller().Actor), http.RequestAborted);
                    return Results.Json(view, DomainJson.Options);
                }))
            .RequireAuthorization(TenderAuth.Lead).WithOpportunityScope().WithBodyLimit(RequestLimits.JsonBytes)
            .WithTags("Delivery").WithSummary("Change a member invoice's amount with a reason the member sees, before it is paid");

        app.MapPost("/api/opportunities/{id}/delivery/payments", (string id, HttpContext http, RecordPaymentHandler pay) => ApiGuard.RunAsync(async () =>
            {
                var body = await ApiBody.ReadObjectAsync(http, """{"invoice": "P1-M2", "paidOn": "2027-06-20", "amount": 1250.00, "reference": "BACS 123"}""");
                var paid = await pay.HandleAsync(new RecordPayment(id, ApiBody.String(body, "invoice", required: true)!,
                    Date(body, "paidOn") ?? throw new ProblemException("paidOn", ProblemCode.Invalid, "give the day the money arrived, e.g. \"2027-06-20\""),
                    Number(body, "amount", required: true)!.Value, ApiBody.String(body, "reference", required: true)!, http.Caller().Actor), http.RequestAborted);
                return Results.Json(paid, DomainJson.Options, statusCode: paid.AlreadyRecorded ? StatusCodes.Status200OK : StatusCodes.Status201Created);
            }))
            .RequireAuthorization(TenderAuth.Lead).WithOpportunityScope().WithBodyLimit(RequestLimits.JsonBytes)
            .WithTags("Delivery").WithSummary("Record a payment (the buyer's to the lead, or the lead's to a member); the same payment again is recorded once (200)");

        app.MapGet("/api/delivery/portfolio", (HttpContext http, ShowPortfolioHandler portfolio) =>
                ApiGuard.RunAsync(async () => Results.Json(await portfolio.HandleAsync(new ShowPortfolio(http.Caller().ConsortiumId), http.RequestAborted), DomainJson.Options)))
            .RequireAuthorization(TenderAuth.Lead)
            .WithTags("Delivery").WithSummary("Every contract in delivery: days to pay per member, owed and overdue, social value delivered");

        app.MapGet("/api/delivery/capacity", (HttpContext http, ShowCapacityHandler capacity, string? member, bool? over) =>
                ApiGuard.RunAsync(async () => Results.Json(await capacity.HandleAsync(new ShowCapacity(member, over ?? false, http.Caller().ConsortiumId), http.RequestAborted),
                    DomainJson.Options)))
            .RequireAuthorization(TenderAuth.Lead)
            .WithTags("Delivery").WithSummary("Each member's capacity per month across bids: declared, allocated in pending bids, contracted; ?over=true for over-commitments");

        app.MapGet("/api/delivery/m/{token}", (string token, HttpContext http, ShowMemberDeliveryHandler show) =>
                ApiGuard.RunAsync(async () => Results.Json(await show.HandleAsync(new ShowMemberDelivery(token), http.RequestAborted), DomainJson.Options)))
            .AllowAnonymous()
            .WithTags("Delivery").WithSummary("A member's own invoices and payments, from its personal delivery link");
        return app;
    }

    private static int Whole(JsonObject body, string field) =>
        body[field] is JsonValue v && v.TryGetValue<int>(out var n) ? n : throw new ProblemException(field, ProblemCode.Invalid, "expected a whole number, e.g. 1");

    private static decimal? Number(JsonObject body, string field, bool required)
    {
        if (body[field] is null)
            return required ? throw new ProblemException(field, ProblemCode.Invalid, "expected a number, e.g. 1250.00") : null;
        return body[field] is JsonValue v && v.TryGetValue<decimal>(out var d) ? d : throw new ProblemException(field, ProblemCode.Invalid, "expected a number, e.g. 1250.00");
    }

    private static DateOnly? Date(JsonObject body, string field) =>
        ApiBody.String(body, field, required: false) is not { } text ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
        : throw new ProblemException(field, ProblemCode.Invalid, "expected a day such as \"2027-06-20\"");

    private static IReadOnlyList<KeyValuePair<string, decimal>> Pairs(JsonObject body, string field)
    {
        if (body[field] is null) return [];
        if (body[field] is not JsonObject pairs) throw new ProblemException(field, ProblemCode.Invalid, "expected an object of names and numbers, e.g. {\"1\": 420}");
        return pairs.Select(p => p.Value is JsonValue v && v.TryGetValue<decimal>(out var d)
            ? new KeyValuePair<string, decimal>(p.Key, d)
            : throw new ProblemException($"{field}.{p.Key}", ProblemCode.Invalid, "expected a number")).ToList();
    }
}
