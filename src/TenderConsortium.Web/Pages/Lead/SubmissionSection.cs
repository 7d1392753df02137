using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TenderConsortium.Application.Bids;
using TenderConsortium.Application.Bids.Show;
using TenderConsortium.Application.Bids.Submit;
using TenderConsortium.Core.BidPacks;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Submission;
using TenderConsortium.Host;
using TenderConsortium.Web.Pages.Shared;
using TenderConsortium.Workflows;

namespace TenderConsortium.Web.Pages.Lead;

/// <summary>
/// The lead records that the bid went to the buyer: the portal's reference and, while checks of the pack fail, a
/// reason per failed check (refused otherwise, beside each check). Once recorded, the submission and the checks it
/// accepted are shown.
/// </summary>
internal static class SubmissionSection
{
    public const string Done = "submitted";

    public static void Map(RouteGroupBuilder lead) => lead.MapPost("/opportunities/{id}/submission", SubmitAsync).DisableAntiforgery();

    private static async Task<IResult> SubmitAsync(string id, HttpContext http, NodeSettings node, RecordSubmissionHandler submit, BidDocuments documents)
    {
        if (await LeadPages.ResolveAsync(http, node, id) is not { } found) return LeadPages.NotFound(http);
        if (await PageEndpoints.ReadFormAsync(http) is not { } form) return PageEndpoints.Expired(http, PageArea.Lead);
        var who = LeadContext.Of(http);
        var failed = Failed(documents.LatestChecks(found));
        try
        {
            await submit.HandleAsync(new RecordSubmission(found, form.Value("submission-reference"), who.Actor, who.ConsortiumId, CheckViews.Reasons(form, failed)), http.RequestAborted);
            return PageEndpoints.Done(LeadPages.OpportunityPath(found) + "#submission", Done);
        }
        catch (ProblemException ex)
        {
            foreach (var p in ex.Items)
                form.Error(CheckViews.FieldOfProblem(p.Path) ?? (p.Path == "reference" ? "submission-reference" : "actions"), CheckViews.PageMessage(p, failed));
        }
        catch (BadInputException ex)
        {
            foreach (var p in ex.Problems) form.Error("actions", p);
        }

        return await OpportunityPage.RenderAsync(http, found, null, form, StatusCodes.Status400BadRequest);
    }

    public static Html Render(HttpContext http, string path, BidView bid, InstanceDetails? instance, FormState? form)
    {
        if (bid.Submission is { } submitted)
            return H.Html($"""
                <h2 class="govuk-heading-m" id="submission">Submission</h2>
                <p class="govuk-body">Submitted to the buyer on {Words.Date(submitted.At)}{(submitted.Reference is null ? "" : $", reference {submitted.Reference}")}; recorded by {Person(submitted.By)}.</p>
                {CheckViews.Accepted(submitted.AcceptedChecks, "Failed checks accepted when submitting")}
                """);
        if (instance?.Bookmarks.Any(b => b.Name == SubmissionSignals.Submitted) != true) return Html.Empty;
        form ??= new FormState();
        var failed = bid.FailedChecks;
        return H.Html($"""
            <h2 class="govuk-heading-m" id="submission">Record the submission</h2>
            <p class="govuk-body">Submit the bid on the buyer's portal{(bid.TenderDeadline is { } deadline ? $" by {Words.Date(deadline)}" : "")}, then record it here. Every member is told.</p>
            {CheckViews.Failed(failed, ((BidDocuments)http.RequestServices.GetService(typeof(BidDocuments))!).LatestPackVersion(bid.OpportunityId), "submission-failed-checks")}
            {(failed.Count == 0 ? Html.Empty : CheckViews.Warning($"{failed.Count} automatic {(failed.Count == 1 ? "check of the pack has" : "checks of the pack have")} failed. Fix them and build the pack again, or give your reason for submitting with each; the reasons are kept with the submission."))}
            <form method="post" action="{path}/submission" novalidate>
            {Forms.Antiforgery(http)}
            {Forms.TextInput("submission-reference", "submission-reference", "The portal's reference for your submission (optional)", form.Value("submission-reference"), form, "For example the receipt number Public Contracts Scotland gave.", width: "govuk-input--width-20")}
            {CheckViews.ReasonFields(failed, form, "Needed to submit while this check fails.")}
            {Forms.Button("Record the submission")}
            </form>
            """);
    }

    /// <summary>The journal's actor ("lead:jo@…") as a person reads it: the address, without the role prefix.</summary>
    private static string Person(string actor) =>
        actor.IndexOf(':', StringComparison.Ordinal) is var i and > 0 && actor[..i] is "lead" or "adviser" ? actor[(i + 1)..] : actor;

    private static List<BidPackCheck> Failed(BidPackChecks? checks) => checks?.Checks.Where(c => c.Status == CheckStatus.Fail).ToList() ?? [];
}
