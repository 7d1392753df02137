using TenderConsortium.Core.Reviews;
using TenderConsortium.Documents.Revisions;
using TenderConsortium.Host;
using TenderConsortium.Web.Pages.Shared;

namespace TenderConsortium.Web.Pages.Lead;

/// <summary>
/// Tells the lead when the pack version sent for review changes nothing since the one before: after "changes
/// requested", the adviser would otherwise be asked to approve the same pack again without anyone noticing.
/// </summary>
internal static class RevisionNotice
{
    public static Html Render(NodeSettings node, string opportunityId, Review? review)
    {
        if (review is null || review.BidPackVersion <= 1) return Html.Empty;
        var changes = PackRevisions.SincePrevious(OpportunityFiles.Folder(node, opportunityId), review.BidPackVersion);
        return changes is { ChangesNothing: true }
            ? CheckViews.Warning($"Bid pack version {changes.ToVersion} changes nothing since version {changes.FromVersion}: every section reads the same. If the adviser asked for changes, make them and assemble the pack again.")
            : Html.Empty;
    }
}
