using System.Globalization;
using System.Text.Json.Nodes;
using TenderConsortium.Core.Notifications;
using TenderConsortium.Core.Workflow;
using TenderConsortium.Workflows.Activities;
using TenderConsortium.Workflows.Definitions;
using TenderConsortium.Workflows.Engine;

namespace TenderConsortium.Core.Opportunities;

/// <summary>
/// "AnnounceOpportunity", the intake stage of a bid: schedules the key dates back from the tender deadline, sets the
/// members' declaration deadline (unless one was given at start) and tells the lead the opportunity is registered.
/// </summary>
public sealed class AnnounceOpportunityActivity : IActivity
{
    public const string TypeName = "AnnounceOpportunity";

    public ActivityDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        Description = "Registers the bid: key dates scheduled back from the tender deadline, the lead told.",
        Properties =
        [
            new PropertyDescriptor("opportunity", ValueKind.String, true, "The opportunity's id or OCID."),
            new PropertyDescriptor("output", ValueKind.String, false, "Variable that receives the key dates.", JsonValue.Create("keyDates"), AllowsReference: false),
        ],
    };

    public IEnumerable<string> ValidateSettings(JsonObject settings) => TenderSettingsCheck.Problems(settings);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var opportunity = await EmailModels.OpportunityAsync(context, context.Get<string>("opportunity", ValueKind.String));
        var settings = context.TenderSettings();
        var dates = KeyDates.Schedule(context.Now, opportunity["deadline"] as DateTimeOffset?, settings.DeclarationPeriod, settings.ConsentPeriod, settings.ReviewPeriod);
        var given = context.GetVariable("declarationDeadline") is JsonValue v && v.TryGetValue<string>(out var text)
            ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture)
            : (DateTimeOffset?)null;
        var declarationsDue = given ?? dates.DeclarationsDue;
        if (given is null) context.SetVariable("declarationDeadline", declarationsDue.ToString("O", CultureInfo.InvariantCulture));
        // Definitions route on it, e.g. a variant that skips adviser review for small contracts.
        var found = await context.Service<Matching.IMatchingSource>().FindOpportunityAsync((string)opportunity["id"]!);
        context.SetVariable("opportunityValue", found?.Opportunity.Value?.Amount ?? found?.Opportunity.Lots.Sum(l => l.Value?.Amount ?? 0) ?? 0m);
        context.SetVariable(context.Get<string>("output", ValueKind.String), new JsonObject
        {
            ["declarationsDue"] = declarationsDue.ToString("O", CultureInfo.InvariantCulture),
            ["allocationBy"] = dates.AllocationBy.ToString("O", CultureInfo.InvariantCulture),
            ["reviewFrom"] = dates.ReviewFrom.ToString("O", CultureInfo.InvariantCulture),
            ["tenderDeadline"] = dates.TenderDeadline?.ToString("O", CultureInfo.InvariantCulture),
            ["tight"] = dates.Tight,
        });
        var keyDates = new List<Dictionary<string, object?>>
        {
            EmailModels.Model(("label", "Members declare by"), ("date", declarationsDue)),
            EmailModels.Model(("label", "Allocation approved by"), ("date", dates.AllocationBy)),
            EmailModels.Model(("label", "Bid pack to adviser"), ("date", dates.ReviewFrom)),
        };
        if (dates.TenderDeadline is { } deadline) keyDates.Add(EmailModels.Model(("label", dates.Tight ? "Tender deadline (too close or passed: check with the buyer)" : "Tender deadline"), ("date", deadline)));
        context.Notify("opportunity-registered.lead", "", settings.LeadEmails, EmailModels.Model(
            ("opportunity", opportunity), ("keyDates", keyDates), ("link", opportunity["link"])));
        context.Journal(JournalKinds.Note, $"declarations due {JournalTime.Of(declarationsDue)}" + (dates.Tight ? "; the tender deadline leaves too little time for the usual schedule" : ""));
        return ActivityResult.Done;
    }
}
