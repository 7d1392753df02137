using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Application.Allocations.Consent;
using TenderConsortium.Application.Allocations.Withdraw;
using TenderConsortium.Application.Declarations.Record;
using TenderConsortium.Documents.Activities;
using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Web.Declarations;
using TenderConsortium.Web.Pages.Shared;

namespace TenderConsortium.Web.Pages.Member;

/// <summary>
/// A member's page behind its emailed link (/d/{token}, no account): the opportunity in plain words, the declaration
/// form per lot (or a decline), the proposed share, accept or decline (and later withdraw), and the sub-contract.
/// The posts are thin doors over the application's handlers; their typed problems go back to the fields they name.
/// </summary>
public static class MemberPages
{
    public const string WithdrawReason = "withdraw-reason";
    private const string ConsentReason = "consent-reason";
    private const string ConsentAccept = "consent-accept";

    public static IEndpointRouteBuilder MapMemberPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/d/{token}", (string token, HttpContext http, DeclarationService declarations, TokenThrottle throttle) =>
            MemberTokenGuard.RunAsync(http, throttle, async () =>
            {
                var view = await declarations.ViewAsync(token, http.RequestAborted);
                return await RenderAsync(http, token, view, DeclarationForm.FromLatest(view.Opportunity, view.Round, view.Latest), new FormState());
            }));

        app.MapPost("/d/{token}/declaration", (string token, HttpContext http, DeclarationService declarations, RecordDeclarationHandler record, TokenThrottle throttle) =>
            MemberTokenGuard.RunAsync(http, throttle, async () =>
            {
                var view = await declarations.ViewAsync(token, http.RequestAborted);
                if (await PageEndpoints.ReadFormAsync(http) is not { } form) return PageEndpoints.Expired(http, PageArea.Member);
                var built = DeclarationForm.Build(view.Opportunity, view.Round, form);
                if (built.Answer is { } answer)
                {
                    try
                    {
                        var saved = await record.HandleAsync(RecordDeclaration.FromLink(token, answer), http.RequestAborted);
                        return PageEndpoints.Done($"/d/{Uri.EscapeDataString(token)}", saved.Declined ? "declined" : "declared");
                    }
                    catch (ProblemException ex)
                    {
                        DeclarationForm.Show(ex.Items, built.Fields, form);
                    }
                    catch (BadInputException ex)
                    {
                        // Untyped refusals come only from text checks a form cannot fail; shown whole rather than lost.
                        foreach (var problem in ex.Problems) form.Error(DeclarationForm.Answer, problem);
                    }
                }

                return await RenderAsync(http, token, view, form, new FormState(), StatusCodes.Status400BadRequest);
            }));

        app.MapPost("/d/{token}/consent", (string token, HttpContext http, DeclarationService declarations, RecordConsentHandler consent, TokenThrottle throttle) =>
            MemberTokenGuard.RunAsync(http, throttle, async () =>
            {
                var view = await declarations.ViewAsync(token, http.RequestAborted);
                if (await PageEndpoints.ReadFormAsync(http) is not { } form) return PageEndpoints.Expired(http, PageArea.Member);
                var decision = form.Value("decision");
                try
                {
                    if (decision is not ("accept" or "decline"))
                        throw new ProblemException(RecordConsentHandler.DecisionPath, ProblemCode.Invalid, "Choose whether you accept or decline your share");
                    await consent.HandleAsync(RecordConsent.FromLink(token, decision == "accept", form.Value(ConsentReason)), http.RequestAborted);
                    return PageEndpoints.Done($"/d/{Uri.EscapeDataString(token)}", decision == "accept" ? "accepted" : "share-declined");
                }
                catch (ProblemException ex)
                {
                    foreach (var p in ex.Items)
                        form.Error(p.Path == RecordConsentHandler.ReasonPath ? ConsentReason : ConsentAccept, p.Message);
                }

                return await RenderAsync(http, token, view, DeclarationForm.FromLatest(view.Opportunity, view.Round, view.Latest), form, StatusCodes.Status400BadRequest);
            }));

        app.MapPost("/d/{token}/withdrawal", (string token, HttpContext http, DeclarationService declarations, RecordWithdrawalHandler withdraw, TokenThrottle throttle) =>
            MemberTokenGuard.RunAsync(http, throttle, async () =>
            {
                var view = await declarations.ViewAsync(token, http.RequestAborted);
                if (await PageEndpoints.ReadFormAsync(http) is not { } form) return PageEndpoints.Expired(http, PageArea.Member);
                try
                {
                    await withdraw.HandleAsync(RecordWithdrawal.FromLink(token, form.Value(WithdrawReason)), http.RequestAborted);
                    return PageEndpoints.Done($"/d/{Uri.EscapeDataString(token)}", "withdrawn");
                }
                catch (ProblemException ex)
                {
                    foreach (var p in ex.Items) form.Error(WithdrawReason, p.Message);
                }

                return await RenderAsync(http, token, view, DeclarationForm.FromLatest(view.Opportunity, view.Round, view.Latest), form, StatusCodes.Status400BadRequest);
            }));

        app.MapGet("/d/{token}/subcontract", (string token, HttpContext http, DeclarationService declarations, BidPackServices documents, TokenThrottle throttle) =>
            MemberTokenGuard.RunAsync(http, throttle, async () =>
            {
                var view = await declarations.ViewAsync(token, http.RequestAborted);
                return documents.Documents.SubcontractOf(view.Invitation.OpportunityId, view.Invitation.MemberId) is { } path
                    ? Results.File(path, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", $"subcontract-{view.Invitation.MemberId}.docx")
                    : Layout.Message(http, PageArea.Member, "No sub-contract yet", "Your sub-contract is not ready yet. We will email you when it is.", StatusCodes.Status404NotFound);
            }));
        return app;
    }

    private static readonly Dictionary<string, string> DoneMessages = new(StringComparer.Ordinal)
    {
        ["declared"] = "Thank you. Your declaration was received. You can change it until declarations close.",
        ["declined"] = "Thank you. We have recorded that you cannot take part this time.",
        ["accepted"] = "Thank you. You accepted your share.",
        ["share-declined"] = "We have recorded that you decline your share. The lead will plan around it.",
        ["withdrawn"] = "We have recorded that you withdraw from this bid. The lead will plan around it.",
    };

    /// <summary>The page with the bid's current allocation, the member's share and whether it may still withdraw.</summary>
    private static async Task<IResult> RenderAsync(HttpContext http, string token, MemberDeclarationView view, FormState form, FormState shareForm,
        int status = StatusCodes.Status200OK)
    {
        var services = http.RequestServices;
        var done = PageEndpoints.DoneMessage(http) is { } key && DoneMessages.TryGetValue(key, out var m) ? m : null;
        var model = new MemberPageModel($"/d/{Uri.EscapeDataString(token)}", view, form, shareForm, await ShareAsync(services, view, http.RequestAborted),
            services.GetRequiredService<TimeProvider>().GetUtcNow(), done, await Delivery.CapacitySummary.ForMemberAsync(services, view.Invitation.MemberId, http.RequestAborted));
        return ComponentPage.Render<MemberPage>(http, PageArea.Member, new Dictionary<string, object?> { ["Model"] = model }, status);
    }

    /// <summary>
    /// The solver's reason for a share, said to the member: without its own name and the amount the page shows just
    /// above ("Acme: 1,200 hours (0.6% of Lot title), all it declared." → "All you declared."), in the second person.
    /// </summary>
    /// <summary>
    /// The share's reasons spoken to the member ("all you declared; based locally."), from the solver's own reasons
    /// field; an allocation stored before that field existed shows its whole sentence as it was written.
    /// </summary>
    internal static string ToMember(Share share)
    {
        if (share.Why is not { Length: > 0 }) return share.Explanation;
        return (" " + share.Reasons()).Replace(" its ", " your ", StringComparison.Ordinal).Replace(" it ", " you ", StringComparison.Ordinal)[1..];
    }

    private static async Task<MemberShareView?> ShareAsync(IServiceProvider services, MemberDeclarationView view, CancellationToken cancellationToken)
    {
        var (opportunityId, memberId) = (view.Invitation.OpportunityId, view.Invitation.MemberId);
        var allocation = await services.GetRequiredService<IAllocationStore>().CurrentAsync(opportunityId, cancellationToken);
        var consent = allocation?.Consents.FirstOrDefault(c => c.MemberId == memberId);
        if (allocation is null || allocation.Status == AllocationStatus.Proposed || consent is null) return null;
        var lines = LotOrder.Sort(allocation.Result.Lots, l => l.LotId)
            .SelectMany(l => l.Shares.Where(s => s.MemberId == memberId && s.Volume > 0).Select(s => new MemberShareLine(
                $"Lot {l.LotId}: {l.Title}",
                $"{DeclarationWords.Amount(l.Unit, s.Volume)} ({Words.Percent(s.PercentOfLot)} of the lot)",
                Words.Pounds(s.Value),
                ToMember(s))))
            .ToList();
        var answerBy = consent.Status == ConsentStatus.Pending
            ? await services.GetRequiredService<ConsentDeadlines>().DueAsync(opportunityId, memberId, cancellationToken)
            : null;
        var canWithdraw = consent.Status == ConsentStatus.Accepted
                          && await services.GetRequiredService<AllocationService>().TakesWithdrawalsAsync(opportunityId, cancellationToken);
        var subcontract = services.GetRequiredService<BidPackServices>().Documents.SubcontractOf(opportunityId, memberId) is not null;
        return new MemberShareView(consent, lines, answerBy, canWithdraw, subcontract);
    }
}
