using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Application.Intake.ImportMembers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Intake;
using TenderConsortium.Core.Reference;
using TenderConsortium.Persistence.Members;
using TenderConsortium.Host;
using TenderConsortium.Web.Pages.Shared;

namespace TenderConsortium.Web.Pages.Lead;

/// <summary>The member registry with import of a CSV (or JSON) file through the same importer as the CLI: all rows or none.</summary>
internal static class MembersPage
{
    public static void Map(RouteGroupBuilder lead)
    {
        lead.MapGet("/members", (HttpContext http, NodeSettings node) => RenderAsync(http, node, new FormState()));
        lead.MapPost("/members/import", ImportAsync).DisableAntiforgery();
    }

    private static async Task<IResult> ImportAsync(HttpContext http, NodeSettings node, ImportMembersHandler import)
    {
        if (await PageEndpoints.ReadFormAsync(http) is not { } form) return PageEndpoints.Expired(http, PageArea.Lead);
        var file = http.Request.Form.Files.GetFile("members");
        if (file is null || file.Length == 0)
        {
            form.Error("members-file", "Select a CSV file of members");
            return await RenderAsync(http, node, form, StatusCodes.Status400BadRequest);
        }

        try
        {
            if (file.Length > IntakeOptions.Default.MaxFileBytes) throw new BadInputException($"{file.FileName}: over the limit of {IntakeOptions.Default.MaxFileBytes:N0} bytes");
            await using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, http.RequestAborted);
            buffer.Position = 0;
            var dryRun = form.Value("dry-run") == "yes";
            var result = await import.HandleAsync(new ImportMembers(LeadContext.Of(http).ConsortiumId, Path.GetFileName(file.FileName), dryRun, buffer), http.RequestAborted);
            return Results.Redirect($"/lead/members?created={result.Created}&updated={result.Updated}&unchanged={result.Unchanged}{(dryRun ? "&dryRun=true" : "")}");
        }
        catch (BadInputException ex)
        {
            foreach (var p in ex.Problems.Take(30)) form.Error("members-file", p);
            if (ex.Problems.Count > 30) form.Error("members-file", $"and {ex.Problems.Count - 30} more problems");
            return await RenderAsync(http, node, form, StatusCodes.Status400BadRequest);
        }
    }

    private static async Task<IResult> RenderAsync(HttpContext http, NodeSettings node, FormState form, int status = StatusCodes.Status200OK)
    {
        var who = LeadContext.Of(http);
        var members = await http.RequestServices.GetRequiredService<MemberQueries>().ListAsync(who.ConsortiumId, 0, 1000, http.RequestAborted);
        var q = http.Request.Query;
        var banner = int.TryParse(q["created"], out var created) && int.TryParse(q["updated"], out var updated) && int.TryParse(q["unchanged"], out var unchanged)
            ? $"{(q["dryRun"] == "true" ? "Checked (nothing stored)" : "Imported")}: {created} new, {updated} updated, {unchanged} unchanged."
            : null;
        var places = ScottishPlaces.Default;
        var main = H.Html($"""
            {Forms.ErrorSummary(form.Errors)}
            {Forms.Banner(banner)}
            <h1 class="govuk-heading-l">Members</h1>
            <form method="post" action="/lead/members/import" enctype="multipart/form-data" novalidate>
            {Forms.Antiforgery(http)}
            {Forms.FileUpload("members-file", "members", "Import members from a file", form, "A spreadsheet saved as CSV, one member per row, with the columns of the consortium's register: name, legal form, registration number, contact, email, phone, CPV codes, areas served, certifications, staff, turnover, largest contract, currency, asset lock and what the member does. Members are matched by registration number, so a new file updates them. Every row is checked, and nothing is stored unless all rows are accepted.", ".csv,.json")}
            {Forms.Checkboxes("dry-run", "dry-run", "Check only", [new Forms.Choice("yes", "Check the file without storing anything", form.Value("dry-run") == "yes")], form, small: true)}
            {Forms.Button("Import members")}
            </form>
            {(members.Count == 0 ? H.Html($"""<p class="govuk-body">No members yet.</p>""") : Forms.Table($"{members.Count} {(members.Count == 1 ? "member" : "members")}", ["Name", "Registration", "Form", "Email", "Service areas"],
                members.Select(m => (IReadOnlyList<Html>)
                [
                    Forms.Text(m.Name), Forms.Text(m.RegistrationNumber), Forms.Text(Capitalised(Core.Members.LegalForms.Label(m.LegalForm))), Forms.Text(m.Email is null ? "—" : m.Unreachable is { } refused ? $"{m.Email} — cannot be reached: the mail server refused this address on {Words.Day(refused.RefusedAt)}" : m.Email),
                    Forms.Text(string.Join(", ", m.ServiceAreas.Take(6).Select(places.NameOf)) + (m.ServiceAreas.Count > 6 ? $" and {m.ServiceAreas.Count - 6} more" : "")),
                ])))}
            """);
        return Layout.Page(http, PageArea.Lead, "Members", main, status, form.HasErrors);
    }

    private static string Capitalised(string words) => words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
}
