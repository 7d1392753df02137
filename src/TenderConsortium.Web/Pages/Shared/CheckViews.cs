using TenderConsortium.Core.BidPacks;
using TenderConsortium.Core.Common;

namespace TenderConsortium.Web.Pages.Shared;

/// <summary>
/// The bid pack's automatic checks as the lead and the adviser see them: the failed ones first with where each is
/// fixed, the GOV.UK warning before a decision that goes ahead with them, a reason box per failed check, and the
/// failed checks a decision accepted with their reasons.
/// </summary>
public static class CheckViews
{
    /// <summary>The form field of the reason for one failed check: "accept-certifications".</summary>
    public static string FieldOf(string checkId) => "accept-" + checkId;

    /// <summary>Maps a problem's path ("checks.certifications") to the reason field it belongs beside, or null.</summary>
    public static string? FieldOfProblem(string path) =>
        path.StartsWith("checks.", StringComparison.Ordinal) ? FieldOf(path["checks.".Length..]) : null;

    /// <summary>
    /// What a page says beside a reason box: short, as GOV.UK error messages are (the check's findings are shown just
    /// above it); other problems keep their own words.
    /// </summary>
    public static string PageMessage(Problem problem, IReadOnlyList<BidPackCheck> failed) =>
        problem.Code == ProblemCode.Conflict && failed.FirstOrDefault(c => FailedChecks.PathOf(c.Id) == problem.Path) is { } check
            ? $"Enter why you accept “{check.Title}”, or fix it and build the pack again"
            : problem.Message.Length == 0 ? problem.Message : char.ToUpperInvariant(problem.Message[0]) + problem.Message[1..];

    /// <summary>The reasons a form carries, by check id, for the failed checks it offered.</summary>
    public static Dictionary<string, string> Reasons(FormState form, IEnumerable<BidPackCheck> failed) =>
        failed.Where(c => form.Value(FieldOf(c.Id)).Trim().Length > 0).ToDictionary(c => c.Id, c => form.Value(FieldOf(c.Id)), StringComparer.Ordinal);

    public static Html Failed(IReadOnlyList<BidPackCheck> failed, int version, string headingId = "failed-checks") => failed.Count == 0 ? Html.Empty : H.Html($"""
        <h2 class="govuk-heading-m" id="{headingId}">{failed.Count} failed {(failed.Count == 1 ? "check" : "checks")} in version {version}</h2>
        <p class="govuk-body">Each needs fixing at its source and a new version of the pack, or a recorded reason to go ahead with it.</p>
        {Forms.SummaryList(failed.Select(c => (c.Title, H.Html($"""<p class="govuk-body">{c.Detail}</p><p class="govuk-body-s"><strong>Where to fix it:</strong> {CheckRemedies.WhereToFix(c.Id)}</p>"""))))}
        """);

    /// <summary>The GOV.UK warning text shown before a decision that would go ahead although checks failed.</summary>
    public static Html Warning(string text) => H.Html($"""
        <div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span><strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span> {text}</strong></div>
        """);

    /// <summary>One reason box per failed check, inside a decision's form.</summary>
    public static Html ReasonFields(IReadOnlyList<BidPackCheck> failed, FormState form, string when) => H.Each(failed, c =>
        Forms.Textarea(FieldOf(c.Id), FieldOf(c.Id), $"Why you accept “{c.Title}”", form.Value(FieldOf(c.Id)), form, $"{when} Recorded with your decision and shown to everyone on the bid.", 2));

    public static Html Accepted(IReadOnlyList<AcceptedCheck> accepted, string caption) => accepted.Count == 0 ? Html.Empty
        : Forms.Table(caption, ["Check", "What it found", "Why it was accepted"],
            accepted.Select(a => (IReadOnlyList<Html>)[Forms.Text(a.Title), Forms.Text(a.Detail), Forms.Text(a.Reason)]), "govuk-table__caption--s");
}
