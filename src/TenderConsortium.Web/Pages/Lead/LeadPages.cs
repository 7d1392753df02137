using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Application.Intake.ImportNotice;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TenderConsortium.Application.Bids.Show;
using TenderConsortium.Application.Consortium.ShowProfile;
using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Invitations;
using TenderConsortium.Core.Intake;
using TenderConsortium.Persistence.Opportunities;
using TenderConsortium.Host;
using TenderConsortium.Web.Pages.Shared;
using TenderConsortium.Web.Security;
using TenderConsortium.Workflows;

namespace TenderConsortium.Web.Pages.Lead;

/// <summary>The lead's pages: opportunities, one opportunity with everything about its bid, the registry, the rules.</summary>
public static class LeadPages
{
    public static IEndpointRouteBuilder MapLeadPages(this IEndpointRouteBuilder app)
    {
        var lead = app.MapGroup("/lead").RequireAuthorization(PagePolicies.Lead);
        lead.MapGet("", ListAsync);
        lead.MapGet("/opportunities/import", (HttpContext http) => ImportPage(http, new FormState()));
        lead.MapPost("/opportunities/import", ImportAsync).DisableAntiforgery();
        OpportunityPage.Map(lead);
        MembersPage.Map(lead);
        SettingsPage.Map(lead);
        ProfileEndpoints.Map(lead);
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, NodeSettings node, ShowBidHandler bids, ShowProfileHandler profile, TimeProvider time)
    {
        var who = LeadContext.Of(http);
        var list = await http.RequestServices.GetRequiredService<OpportunityQueries>().ListAsync(who.ConsortiumId, 0, 500, http.RequestAborted);
        var rows = new List<DashboardRow>();
        foreach (var o in list) rows.Add(DashboardRow.Of(await bids.HandleAsync(new ShowBid(o.Id), http.RequestAborted)));
        return ComponentPage.Render<DashboardPage>(http, PageArea.Lead, new Dictionary<string, object?>
        {
            ["Rows"] = rows,
            ["ProfileComplete"] = (await profile.HandleAsync(new ShowProfile(who.ConsortiumId), http.RequestAborted)).Complete,
            ["Done"] = PageEndpoints.DoneMessage(http) is "imported" ? "The notice was imported." : null,
            ["Now"] = time.GetUtcNow(),
        });
    }

    /// <summary>The bid's stage as a tag, with what the lead does next beneath it.</summary>
    public static Html Stage(BidView bid) => H.Html($"""
        {Forms.Tag(bid.Stage, !bid.Started ? "grey" : bid.Problem is not null ? "red" : bid.Stage is "Finished" ? "green" : bid.Stage is "Cancelled" ? "grey" : "blue")}
        <br><span class="govuk-body-s">{bid.NextAction}</span>
        """);

    private static IResult ImportPage(HttpContext http, FormState form, int status = StatusCodes.Status200OK)
    {
        var main = H.Html($"""
            {Forms.ErrorSummary(form.Errors)}
            <h1 class="govuk-heading-l">Import a notice</h1>
            <p class="govuk-body">Open the notice on Public Contracts Scotland, Contracts Finder, Find a Tender or Sell2Wales and download its data file (the download marked OCDS or JSON). Then choose that file here.</p>
            <form method="post" action="/lead/opportunities/import" enctype="multipart/form-data" novalidate>
            {Forms.Antiforgery(http)}
            {Forms.FileUpload("notice-file", "notice", "Notice file", form, "The file you downloaded, ending .json, or a notice the consortium wrote itself (.json or .yaml). Importing the same notice again later brings in the buyer's changes.", ".json,.yaml,.yml")}
            {Forms.Button("Import")}
            </form>
            """);
        return Layout.Page(http, PageArea.Lead, "Import a notice", main, status, form.HasErrors);
    }

    private static async Task<IResult> ImportAsync(HttpContext http, ImportNoticeHandler import)
    {
        if (await PageEndpoints.ReadFormAsync(http) is not { } form) return PageEndpoints.Expired(http, PageArea.Lead);
        var file = http.Request.Form.Files.GetFile("notice");
        if (file is null || file.Length == 0)
        {
            form.Error("notice-file", "Select a notice file");
            return ImportPage(http, form, StatusCodes.Status400BadRequest);
        }

        try
        {
            if (file.Length > IntakeOptions.Default.MaxFileBytes) throw new BadInputException($"{file.FileName}: {file.Length:N0} bytes is over the limit of {IntakeOptions.Default.MaxFileBytes:N0} bytes");
            await using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, http.RequestAborted);
            buffer.Position = 0;
            var result = await import.HandleAsync(new ImportNotice(LeadContext.Of(http).ConsortiumId, Path.GetFileName(file.FileName), buffer), http.RequestAborted);
            return result.Opportunities.Count == 1
                ? PageEndpoints.Done($"/lead/opportunities/{Uri.EscapeDataString(result.Opportunities[0].Id)}", "imported")
                : PageEndpoints.Done("/lead", "imported");
        }
        catch (BadInputException ex)
        {
            foreach (var p in ex.Problems.Take(20)) form.Error("notice-file", p);
            return ImportPage(http, form, StatusCodes.Status400BadRequest);
        }
    }

    internal static string Id(string id) => Uri.EscapeDataString(id);

    internal static JsonNode? Parse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    internal static string OpportunityPath(string id) => $"/lead/opportunities/{Id(id)}";

    internal static IResult NotFound(HttpContext http) =>
        Layout.Message(http, PageArea.Lead, "Page not found", "There is no such opportunity in your consortium.", StatusCodes.Status404NotFound);

    internal static async Task<string?> ResolveAsync(HttpContext http, NodeSettings node, string id) =>
        Caller.From(http.User) is not null
            ? await OpportunityScope.ResolveAsync(http, id)
            : await http.RequestServices.GetRequiredService<OpportunityQueries>().ResolveIdAsync(id, LeadContext.Of(http).ConsortiumId, http.RequestAborted);

    internal static LotTerms? TermsOf(DeclarationRound? round, string lotId) => round?.TermsOf(lotId);
}
