using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TenderConsortium.Application.Bids;
using TenderConsortium.Application.Reviews.Comment;
using TenderConsortium.Application.Reviews.Decide;
using TenderConsortium.Core.BidPacks;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Reviews;
using TenderConsortium.Persistence.Opportunities;
using TenderConsortium.Documents.Revisions;
using TenderConsortium.Web.Composition;
using TenderConsortium.Web.Pages.Lead;
using TenderConsortium.Web.Pages.Shared;
using TenderConsortium.Web.Security;

namespace TenderConsortium.Web.Pages.Adviser;

/// <summary>
/// The P4P adviser's pages, across consortia: the review queue, and per bid pack the documents (Word, and a PDF
/// preview when LibreOffice is installed), the automatic checks, comments per section, and the decision, which resumes
/// the bid's workflow (approve moves on; changes send it back).
/// </summary>
public static partial class AdviserPages
{
    public static readonly string[] Sections =
    [
        "Cover letter", "Consortium structure and governance", "Delivery model", "Member capability and evidence", "Pricing schedule",
        "Social value and community benefits", "Risk register", "SPD checklist", "Sub-contracts", "Other",
    ];

    public static IEndpointRouteBuilder MapAdviserPages(this IEndpointRouteBuilder app)
    {
        var adviser = app.MapGroup("/adviser").RequireAuthorization(PagePolicies.Adviser);
        adviser.MapGet("", QueueAsync);
        adviser.MapGet("/reviews/{id}", (string id, HttpContext http) => RenderAsync(http, id, null));
        adviser.MapGet("/reviews/{id}/files/{file}", FileAsync);
        adviser.MapGet("/reviews/{id}/preview/{version:int}", PreviewAsync);
        adviser.MapPost("/reviews/{id}/comments", CommentAsync).DisableAntiforgery();
        adviser.MapPost("/reviews/{id}/decision", DecideAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> QueueAsync(HttpContext http, ReviewService reviews, TimeProvider time)
    {
        var queue = await reviews.QueueAsync(http.RequestAborted);
        var now = time.GetUtcNow();
        var main = H.Html($"""
            <h1 class="govuk-heading-l">Review queue</h1>
            {(queue.Count == 0 ? H.Html($"""<p class="govuk-body">No bid packs are waiting for review.</p>""") : Forms.Table(queue.Count == 1 ? "1 bid pack waiting" : $"{queue.Count} bid packs waiting", ["Opportunity", "Pack", "Review due", "Tender deadline"],
                queue.Select(q => (IReadOnlyList<Html>)
                [
                    H.Html($"""<a class="govuk-link" href="/adviser/reviews/{Uri.EscapeDataString(q.Review.OpportunityId)}">{q.OpportunityTitle}</a><br><span class="govuk-body-s">{q.BuyerName}</span>"""),
                    Forms.Text($"version {q.Review.BidPackVersion}, round {q.Review.Round}"),
                    q.Review.DueAt is { } due ? H.Html($"{Words.Day(due)}<br>{Words.CountdownTag(due, now)}") : Forms.Text("—"),
                    q.TenderDeadline is { } d ? H.Html($"{Words.Day(d)}<br>{Words.CountdownTag(d, now)}") : Forms.Text("—"),
                ])))}
            """);
        return Layout.Page(http, PageArea.Adviser, "Review queue", main);
    }

    private static async Task<string?> ResolveAsync(HttpContext http, NodeSettings node, string id) =>
        Caller.From(http.User) is not null
            ? await OpportunityScope.ResolveAsync(http, id)
            : await new OpportunityQueries(node.ConnectionString).ResolveIdAsync(id, null, http.RequestAborted);

    private static IResult NotFound(HttpContext http) =>
        Layout.Message(http, PageArea.Adviser, "Page not found", "There is no such bid pack.", StatusCodes.Status404NotFound);

    private static async Task<IResult> FileAsync(string id, string file, HttpContext http, NodeSettings node)
    {
        if (await ResolveAsync(http, node, id) is not { } found || !PackFile().IsMatch(file)) return NotFound(http);
        var path = Path.Combine(OpportunityFiles.Folder(node, found), file);
        return File.Exists(path) ? Results.File(path, OpportunityFiles.ContentType(path), file) : NotFound(http);
    }

    private static async Task<IResult> PreviewAsync(string id, int version, HttpContext http, NodeSettings node, PdfPreviews previews)
    {
        if (await ResolveAsync(http, node, id) is not { } found) return NotFound(http);
        if (!previews.Available)
            return Layout.Message(http, PageArea.Adviser, "No PDF preview", "PDF previews need LibreOffice, which is not installed on this server. Download the Word document instead.", StatusCodes.Status404NotFound);
        var pdf = await previews.PdfAsync(Path.Combine(OpportunityFiles.Folder(node, found), $"bid-pack-v{version}.docx"), http.RequestAborted);
        return pdf is null
            ? Layout.Message(http, PageArea.Adviser, "No PDF preview", "The preview could not be made. Download the Word document instead.", StatusCodes.Status404NotFound)
            : Results.File(pdf, "application/pdf", $"bid-pack-v{version}.pdf", enableRangeProcessing: true);
    }

    private static async Task<IResult> CommentAsync(string id, HttpContext http, NodeSettings node, CommentOnReviewHandler comment)
    {
        if (await ResolveAsync(http, node, id) is not { } found) return NotFound(http);
        if (await PageEndpoints.ReadFormAsync(http) is not { } form) return PageEndpoints.Expired(http, PageArea.Adviser);
        try
        {
            await comment.HandleAsync(new CommentOnReview(found, Adviser(http), form.Value("comment-section"), form.Value("comment-text")), http.RequestAborted);
            return PageEndpoints.Done($"/adviser/reviews/{Uri.EscapeDataString(found)}#comments", "commented");
        }
        catch (ProblemException ex)
        {
            foreach (var p in ex.Items) form.Error(p.Path == "section" ? "comment-section" : "comment-text", Capitalise(p.Message));
            return await RenderAsync(http, found, form, StatusCodes.Status400BadRequest);
        }
    }

    private static async Task<IResult> DecideAsync(string id, HttpContext http, NodeSettings node, DecideReviewHandler decide, ReviewService reviews, BidDocuments documents)
    {
        if (await ResolveAsync(http, node, id) is not { } found) return NotFound(http);
        if (await PageEndpoints.ReadFormAsync(http) is not { } form) return PageEndpoints.Expired(http, PageArea.Adviser);
        var decision = form.Value("decision") switch
        {
            "approve" => ReviewDecision.Approved,
            "changes" => ReviewDecision.ChangesRequested,
            _ => ReviewDecision.Pending,
        };
        // The reasons offered are those for the failed checks of the version under review, as the page showed them.
        var version = (await reviews.CurrentAsync(found, http.RequestAborted))?.BidPackVersion ?? 0;
        var failed = documents.ChecksOf(found, version)?.Checks.Where(c => c.Status == CheckStatus.Fail).ToList() ?? [];
        try
        {
            await decide.HandleAsync(new DecideReview(found, Adviser(http), decision, form.Value("decision-summary"),
                decision == ReviewDecision.Approved ? CheckViews.Reasons(form, failed) : null), http.RequestAborted);
            return PageEndpoints.Done($"/adviser/reviews/{Uri.EscapeDataString(found)}", decision == ReviewDecision.Approved ? "approved" : "changes");
        }
        catch (ProblemException ex)
        {
            foreach (var p in ex.Items)
                form.Error(CheckViews.FieldOfProblem(p.Path) ?? (p.Path == "summary" ? "decision-summary" : "decision"), CheckViews.PageMessage(p, failed));
            return await RenderAsync(http, found, form, StatusCodes.Status400BadRequest);
        }
        catch (BadInputException ex)
        {
            foreach (var p in ex.Problems) form.Error("decision", Capitalise(p));
            return await RenderAsync(http, found, form, StatusCodes.Status400BadRequest);
        }
    }

    private static string Capitalise(string m) => m.Length == 0 ? m : char.ToUpperInvariant(m[0]) + m[1..];

    private static string Adviser(HttpContext http) => Caller.From(http.User)?.Actor ?? PageEndpoints.Actor(http, "adviser");

    private static readonly Dictionary<string, string> DoneMessages = new(StringComparer.Ordinal)
    {
        ["commented"] = "Your comment was saved. The lead sees it on the opportunity page.",
        ["approved"] = "You approved the bid pack. The lead is told and the bid moves on to submission.",
        ["changes"] = "You requested changes. The lead is told and the bid goes back for them.",
    };

    private static async Task<IResult> RenderAsync(HttpContext http, string id, FormState? form, int status = StatusCodes.Status200OK)
    {
        var services = http.RequestServices;
        var node = (NodeSettings)services.GetService(typeof(NodeSettings))!;
        var reviews = (ReviewService)services.GetService(typeof(ReviewService))!;
        var previews = (PdfPreviews)services.GetService(typeof(PdfPreviews))!;
        var bidDocuments = (BidDocuments)services.GetService(typeof(BidDocuments))!;
        if (await ResolveAsync(http, node, id) is not { } found) return NotFound(http);
        var stored = (await new OpportunityQueries(node.ConnectionString).FindAsync(found, http.RequestAborted))!;
        var review = await reviews.CurrentAsync(found, http.RequestAborted);
        var versions = OpportunityFiles.List(node, found).Select(f => PackVersion().Match(f)).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var version = review?.BidPackVersion ?? (versions.Count == 0 ? 0 : versions.Max());
        var folder = OpportunityFiles.Folder(node, found);
        var file = (string name) => File.Exists(Path.Combine(folder, name)) ? name : null;
        var docx = file($"bid-pack-v{version}.docx");
        var xlsx = file($"pricing-v{version}.xlsx");
        // Failed first, then warnings, then passes: what needs the adviser's eye comes first.
        var checks = (bidDocuments.ChecksOf(found, version)?.Checks ?? []).OrderByDescending(c => c.Status).ToList();
        var failed = checks.Where(c => c.Status == CheckStatus.Fail).ToList();
        var changes = docx is null ? null : PackRevisions.SincePrevious(folder, version);
        var base_ = $"/adviser/reviews/{Uri.EscapeDataString(found)}";
        form ??= new FormState();
        var pending = review?.Decision == ReviewDecision.Pending;
        var done = PageEndpoints.DoneMessage(http) is { } key && DoneMessages.TryGetValue(key, out var message) ? message : null;

        var documents = H.Html($"""
            <h2 class="govuk-heading-m" id="pack">Bid pack, version {version}</h2>
            <ul class="govuk-list">
            {(docx is null ? H.Html($"""<li>The bid pack document is not there yet.</li>""") : H.Html($"""<li><a class="govuk-link" href="{base_}/files/{docx}" download>Download the bid pack (Word)</a></li>"""))}
            {(xlsx is null ? Html.Empty : H.Html($"""<li><a class="govuk-link" href="{base_}/files/{xlsx}" download>Download the pricing schedule (Excel)</a></li>"""))}
            {(docx is not null && previews.Available ? H.Html($"""<li><a class="govuk-link" href="{base_}/preview/{version}">Preview the bid pack as PDF</a></li>""") : Html.Empty)}
            </ul>
            {(docx is not null && !previews.Available ? H.Html($"""<p class="govuk-body">A PDF preview is not available on this server: LibreOffice is not installed. Download the Word document instead.</p>""") : Html.Empty)}
            """);
        var checksTable = checks.Count == 0
            ? H.Html($"""<p class="govuk-body">No automatic checks were found for this version.</p>""")
            : Forms.Table("Automatic checks, failed first", ["Check", "Result", "What was found"], checks.Select(c => (IReadOnlyList<Html>)
            [
                Forms.Text(c.Title), Forms.Tag(c.Status.ToString(), c.Status switch { CheckStatus.Pass => "green", CheckStatus.Warning => "yellow", _ => "red" }), Forms.Text(c.Detail),
            ]), "govuk-table__caption--m");
        var comments = review is null || review.Comments.Count == 0
            ? H.Html($"""<p class="govuk-body">No comments yet.</p>""")
            : Forms.Table("Comments", ["Section", "Comment", "By"], review.Comments.Select(c => (IReadOnlyList<Html>)
                [Forms.Text(c.Section), H.Html($"""<span class="app-pre">{c.Text}</span>"""), Forms.Text($"{c.Adviser}, {Words.Date(c.At)}")]), "govuk-visually-hidden");
        var sections = Sections.Concat(checks.Select(c => c.Title)).Distinct().Select(s => (s, s)).ToList();
        var warning = failed.Count == 0 ? Html.Empty : CheckViews.Warning(
            $"{failed.Count} automatic {(failed.Count == 1 ? "check has" : "checks have")} failed. To approve all the same, give your reason for accepting each; the reasons are recorded with your approval and shown to the lead.");
        var forms = !pending ? Html.Empty : H.Html($"""
            <h3 class="govuk-heading-s">Add a comment</h3>
            <form method="post" action="{base_}/comments" novalidate>
            {Forms.Antiforgery(http)}
            {Forms.Select("comment-section", "comment-section", "Section", sections, form.Value("comment-section"), form)}
            {Forms.Textarea("comment-text", "comment-text", "Comment", form.Value("comment-text"), form, "What should the lead look at or change here?", 4)}
            {Forms.Button("Add comment", modifier: "govuk-button--secondary")}
            </form>
            <h2 class="govuk-heading-m" id="decision-heading">Your decision</h2>
            {(changes is { ChangesNothing: true } ? CheckViews.Warning($"Version {version} changes nothing since version {changes.FromVersion}. If you asked for changes, they are not in this version.") : Html.Empty)}
            {warning}
            <form method="post" action="{base_}/decision" novalidate>
            {Forms.Antiforgery(http)}
            {Forms.Radios("decision", "decision", "Is this bid pack ready to submit?",
            [
                new Forms.Choice("approve", failed.Count == 0 ? "Approve: ready to submit" : "Approve with the failed checks accepted", form.Value("decision") == "approve"),
                new Forms.Choice("changes", "Request changes", form.Value("decision") == "changes"),
            ], form)}
            {CheckViews.ReasonFields(failed, form, "Needed only if you approve.")}
            {Forms.Textarea("decision-summary", "decision-summary", "Summary for the lead", form.Value("decision-summary"), form, "Required when you request changes, unless your comments say it.", 4)}
            {Forms.Button("Send decision")}
            </form>
            """);
        var state = review is null
            ? H.Html($"""<p class="govuk-body">{Forms.Tag("No review requested", "grey")}</p>""")
            : H.Html($"""<p class="govuk-body">Round {review.Round}: {Forms.Tag(review.Decision switch { ReviewDecision.Approved => "Approved", ReviewDecision.ChangesRequested => "Changes requested", _ => "Waiting for your review" }, review.Decision switch { ReviewDecision.Approved => "green", ReviewDecision.ChangesRequested => "orange", _ => "blue" })}{(review.DecidedBy is null ? "" : $" by {review.DecidedBy}")}{(review.DueAt is { } due ? $" · due {Words.Date(due)}" : "")}</p>{(review.Summary is null ? Html.Empty : H.Html($"""<div class="govuk-inset-text app-pre">{review.Summary}</div>"""))}""");
        var main = H.Html($"""
            {Forms.ErrorSummary(form.Errors)}
            {Forms.Banner(done)}
            <span class="govuk-caption-l">{stored.Opportunity.Buyer.Name}</span>
            <h1 class="govuk-heading-l">{stored.Opportunity.Title}</h1>
            {state}
            {(review is { Decision: ReviewDecision.Approved } ? CheckViews.Accepted(review.AcceptedChecks ?? [], "Failed checks accepted with the approval") : Html.Empty)}
            {CheckViews.Failed(failed, version)}
            {ChangesSection(changes)}
            {documents}
            {checksTable}
            <h2 class="govuk-heading-m" id="comments">Comments</h2>
            {comments}
            {forms}
            """);
        return Layout.Page(http, PageArea.Adviser, stored.Opportunity.Title, main, status, form.HasErrors);
    }

    /// <summary>What the lead changed since the version before: sections added, changed (with the lines that differ) and removed.</summary>
    private static Html ChangesSection(PackChanges? changes)
    {
        if (changes is null) return Html.Empty;
        var heading = $"Changes since version {changes.FromVersion}";
        if (changes.ChangesNothing)
            return H.Html($"""
                <h2 class="govuk-heading-m" id="changes">{heading}</h2>
                {CheckViews.Warning($"Nothing changed: every section of version {changes.ToVersion} reads as in version {changes.FromVersion}{(changes.Changed.Count > 0 ? " (only the appendix of automatic checks differs)" : "")}.")}
                """);
        static Html Names(IReadOnlyList<string> names) => names.Count == 0 ? Forms.Text("None") : H.Html($"""<ul class="govuk-list">{H.Each(names, n => H.Html($"<li>{n}</li>"))}</ul>""");
        static Html Lines(IReadOnlyList<string> lines, string what) => lines.Count == 0 ? Html.Empty
            : H.Html($"""<p class="govuk-body-s govuk-!-margin-bottom-1"><strong>{what}</strong></p><ul class="govuk-list govuk-list--bullet govuk-body-s">{H.Each(lines.Take(20), l => H.Html($"<li>{l}</li>"))}{(lines.Count > 20 ? H.Html($"<li>and {lines.Count - 20} more lines</li>") : Html.Empty)}</ul>""");
        return H.Html($"""
            <h2 class="govuk-heading-m" id="changes">{heading}</h2>
            {Forms.SummaryList(
            [
                ("Sections added", Names(changes.Added)),
                ("Sections changed", Names(changes.Changed.Select(c => c.Heading).ToList())),
                ("Sections removed", Names(changes.Removed)),
            ])}
            {H.Each(changes.Changed, c => H.Html($"""
                <details class="govuk-details"><summary class="govuk-details__summary"><span class="govuk-details__summary-text">What changed in {c.Heading}</span></summary>
                <div class="govuk-details__text">{Lines(c.LinesAdded, "New or changed lines")}{Lines(c.LinesRemoved, "Lines no longer there")}</div></details>
                """))}
            """);
    }

    [GeneratedRegex(@"^(bid-pack|pricing|checks)-v\d{1,6}\.(docx|xlsx|json)$")]
    private static partial Regex PackFile();

    [GeneratedRegex(@"^bid-pack-v(\d{1,6})\.docx$")]
    private static partial Regex PackVersion();
}
