using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.BidPacks;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Workflow;
using TenderConsortium.Workflows.Activities;
using TenderConsortium.Workflows.Definitions;
using TenderConsortium.Workflows.Engine;

namespace TenderConsortium.Documents.Activities;

/// <summary>
/// The runtime activity "AssembleBidPack": writes a new version of the opportunity's bid pack, pricing schedule and
/// checks, and stores where they are and how the checks came out. Re-run after a crash, the same run gets the same
/// version back (its owner is the instance, the node and the occurrence), so it overwrites only its own files. The
/// consortium profile comes from the instance's settings (<see cref="ConsortiumProfile.FromSettings"/>).
/// </summary>
public sealed class AssembleBidPackActivity : IActivity
{
    public const string TypeName = "AssembleBidPack";

    public ActivityDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        Description = "Assembles a new version of the bid pack (.docx), the pricing schedule (.xlsx) and the adviser's automatic checks (.json).",
        Properties =
        [
            new PropertyDescriptor("opportunity", ValueKind.String, true, "The opportunity's id or OCID, e.g. \"=variables.opportunityId\"."),
            new PropertyDescriptor("output", ValueKind.String, false, "Variable path for the result.", JsonValue.Create("bidPack"), AllowsReference: false),
        ],
    };

    public IEnumerable<string> ValidateSettings(JsonObject settings) => TenderSettingsCheck.Problems(settings);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var opportunity = context.Get<string>("opportunity", ValueKind.String);
        var output = context.Get<string>("output", ValueKind.String);
        var services = context.Services.GetRequiredService<BidPackServices>();
        var input = await BidPackInputs.LoadAsync(context, opportunity);
        var version = services.Documents.ReserveVersion(input.OpportunityId, $"{context.InstanceId:N}/{context.Node.Id}/{context.Occurrence}");
        var files = services.Assembler.Assemble(input, version);
        var written = services.Documents.WritePack(input.OpportunityId, version, files);
        // A revision that changes nothing (say after "changes requested") is named, so neither the adviser nor the lead
        // takes it for the change asked for.
        var changes = Revisions.PackRevisions.SincePrevious(written.Folder, version);
        var sameAs = changes is { ChangesNothing: true } ? changes.FromVersion : (int?)null;
        context.SetVariable(output, new JsonObject
        {
            ["version"] = version,
            ["bidPack"] = written.BidPack,
            ["pricing"] = written.Pricing,
            ["checks"] = written.Checks,
            ["overall"] = files.Checks.Overall.ToString().ToLowerInvariant(),
            ["changesNothingSince"] = sameAs,
            ["results"] = new JsonArray(files.Checks.Checks.Select(c => (JsonNode)new JsonObject
            {
                ["id"] = c.Id,
                ["status"] = c.Status.ToString().ToLowerInvariant(),
                ["detail"] = c.Detail,
            }).ToArray()),
        });
        context.Journal(JournalKinds.Note, $"bid pack version {version} built: {ChecksInWords(files.Checks.Checks)}"
                                           + (sameAs is { } same ? $"; it changes nothing in the pack since version {same}" : ""));
        return ActivityResult.Done;
    }

    /// <summary>The journal is read by the lead (and printed by the demo): check titles in words, not their ids.</summary>
    private static string ChecksInWords(IReadOnlyCollection<BidPackCheck> checks)
    {
        var failed = checks.Where(c => c.Status == CheckStatus.Fail).Select(c => c.Title).ToList();
        var warned = checks.Where(c => c.Status == CheckStatus.Warning).Select(c => c.Title).ToList();
        var passed = checks.Count - failed.Count - warned.Count;
        var words = passed == checks.Count ? $"all {Wording.Count(checks.Count, "check")} passed" : $"{passed} of {Wording.Count(checks.Count, "check")} passed";
        if (failed.Count > 0) words += $"; failed: {Wording.List(failed)}";
        if (warned.Count > 0) words += $"; to look at: {Wording.List(warned)}";
        return words;
    }
}
