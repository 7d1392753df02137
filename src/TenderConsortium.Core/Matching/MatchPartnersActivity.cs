using System.Text.Json;
using System.Text.Json.Nodes;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Notifications;
using TenderConsortium.Core.Workflow;
using TenderConsortium.Workflows.Activities;
using TenderConsortium.Workflows.Definitions;
using TenderConsortium.Workflows.Engine;

namespace TenderConsortium.Core.Matching;

/// <summary>
/// The runtime activity "MatchPartners": matches an opportunity against the registry and stores the shortlist,
/// exclusions and gaps as an instance variable. Weights and thresholds come from the instance's <c>match…</c>
/// settings (see <see cref="MatchingOptions.FromSettings"/>), so each workflow definition tunes its own matching.
/// </summary>
public sealed class MatchPartnersActivity : IActivity
{
    public const string TypeName = "MatchPartners";

    public ActivityDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        Description = "Shortlists members for each lot of an opportunity, with reasons, exclusions and coverage gaps.",
        Properties =
        [
            new PropertyDescriptor("opportunity", ValueKind.String, true, "The opportunity's id or OCID, e.g. \"=variables.opportunityId\"."),
            new PropertyDescriptor("output", ValueKind.String, false, "Variable path for the result.", JsonValue.Create("shortlist"), AllowsReference: false),
        ],
    };

    public IEnumerable<string> ValidateSettings(JsonObject settings) => TenderSettingsCheck.Problems(settings);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var opportunity = context.Get<string>("opportunity", ValueKind.String);
        var output = context.Get<string>("output", ValueKind.String);
        var source = context.Services.GetService(typeof(IMatchingSource)) as IMatchingSource
                     ?? throw new InvalidOperationException("MatchPartners needs an IMatchingSource service (AddTenderDomain).");
        var options = MatchingOptions.FromSettings(context.ResolvePath("settings") as JsonObject);
        var matchContext = new MatchContext { Today = DateOnly.FromDateTime(context.Now.UtcDateTime) };
        var result = await new MatchingService(source).MatchAsync(opportunity, options, matchContext)
                     ?? throw new InvalidOperationException($"MatchPartners: no opportunity with id or OCID '{opportunity}'.");
        context.SetVariable(output, JsonSerializer.SerializeToNode(result, DomainJson.Options));
        NotifyLead(context, result);
        context.Journal(JournalKinds.Note, string.Join("; ", result.Lots.Select(l => $"lot {l.LotId}: {l.Candidates.Count} candidates, {l.Excluded.Count} excluded, {l.Gaps.Count} gaps")));
        return ActivityResult.Done;
    }

    /// <summary>The shortlist and gaps for the lead, when the definition names one (settings <c>leadEmail</c>).</summary>
    private static void NotifyLead(ActivityContext context, MatchResult result)
    {
        var settings = context.TenderSettings();
        if (settings.LeadEmails.Count == 0) return;
        var links = context.Service<PublicLinks>();
        var opportunity = new Dictionary<string, object?>
        {
            ["id"] = result.Opportunity, ["title"] = result.Title, ["link"] = links.Opportunity(result.Opportunity),
        };
        context.Notify("shortlist.lead", "", settings.LeadEmails, EmailModels.Model(
            ("opportunity", opportunity),
            ("lots", result.Lots.Select(l => EmailModels.Model(
                ("title", $"Lot {l.LotId}: {l.Title}"),
                ("shortlisted", l.Candidates.Count),
                ("names", string.Join(", ", l.Candidates.Select(c => c.Name))))).ToList()),
            ("gaps", result.Lots.SelectMany(l => l.Gaps.Select(g => EmailModels.Model(("lot", $"Lot {l.LotId}: {l.Title}"), ("reason", g)))).ToList()),
            ("confirmationNeeded", context.ResolvePath("settings.confirmShortlist") is JsonValue v && v.TryGetValue<bool>(out var confirm) && confirm),
            ("link", links.Opportunity(result.Opportunity))));
    }
}
