using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Invitations;
using TenderConsortium.Core.Notifications;
using TenderConsortium.Persistence;
using TenderConsortium.Persistence.Members;
using TenderConsortium.Persistence.Opportunities;
using TenderConsortium.Tests.TestSupport;
using TenderConsortium.Workflows;
using TenderConsortium.Workflows.Hosting;
using TenderConsortium.Workflows.Mail;

namespace TenderConsortium.Tests.Declarations;

/// <summary>
/// The declaration and allocation stages on one node: a real SQLite file, the shipped workflow definition
/// (workflows/lead-partner-allocation.json), the shipped email templates, the sample consortium and real notices,
/// and a clock the test moves. Emails are read from the outbox rows the activities queue.
/// </summary>
public sealed partial class BidHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Epoch = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    public const string Glasgow = "ocds-r6ebe6-0000567519";
    public const string Taxis = "ocds-r6ebe6-0000581730";

    private BidHarness(TempDatabase db, ManualClock clock, ServiceProvider services)
    {
        Db = db;
        Clock = clock;
        Services = services;
    }

    public TempDatabase Db { get; }
    public ManualClock Clock { get; }
    public ServiceProvider Services { get; }
    public WorkflowRuntime Runtime => Services.GetRequiredService<WorkflowRuntime>();
    public WorkflowQueries Queries => Services.GetRequiredService<WorkflowQueries>();
    public DeclarationService Declarations => Services.GetRequiredService<DeclarationService>();
    public AllocationService Allocations => Services.GetRequiredService<AllocationService>();
    public IAllocationStore AllocationStore => Services.GetRequiredService<IAllocationStore>();
    public IDeclarationStore DeclarationStore => Services.GetRequiredService<IDeclarationStore>();
    public IInvitationStore Invitations => Services.GetRequiredService<IInvitationStore>();

    public static async Task<BidHarness> CreateAsync()
    {
        var db = await TempDatabase.CreateAsync();
        await WorkflowDatabase.MigrateAsync(db.ConnectionString);
        var clock = new ManualClock(Epoch);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Error));
        services.AddSingleton<TimeProvider>(clock);
        services.AddWorkflowRuntime(db.ConnectionString, o => o.RetryBaseDelay = TimeSpan.FromMinutes(1));
        services.AddTenderDomain(db.ConnectionString, System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var links = new PublicLinks("https://bids.example.org");
        services.AddSingleton(links);
        services.AddSingleton<IEmailTemplates>(new FileEmailTemplates(Path.Combine(RepoFiles.RepoRoot, "templates", "email"), "Clyde Consortium", links));
        var provider = services.BuildServiceProvider();
        var runtime = provider.GetRequiredService<WorkflowRuntime>();
        var loaded = runtime.Definitions.Loader.LoadDirectory(Path.Combine(RepoFiles.RepoRoot, "workflows"));
        await runtime.Definitions.SyncAsync(loaded.Where(r => r.Definition is not null).Select(r => r.Definition!));
        await new MemberImporter(db.ConnectionString).ImportFileAsync(RepoFiles.Member("sample-consortium.csv"));
        return new BidHarness(db, clock, provider);
    }

    public async Task<string> ImportAsync(string ocid)
    {
        await new OpportunityImporter(Db.ConnectionString).ImportFileAsync(NoticeFile(ocid));
        return (await new OpportunityQueries(Db.ConnectionString).FindAsync(ocid))!.Id;
    }

    /// <summary>Another opportunity, the same notice under <paramref name="newOcid"/>: the same members are invited to both.</summary>
    public async Task<string> ImportCopyAsync(string ocid, string newOcid)
    {
        var copy = Db.File($"{newOcid}.json", (await File.ReadAllTextAsync(NoticeFile(ocid))).Replace(ocid, newOcid));
        await new OpportunityImporter(Db.ConnectionString).ImportFileAsync(copy);
        return (await new OpportunityQueries(Db.ConnectionString).FindAsync(newOcid))!.Id;
    }

    private static string NoticeFile(string ocid) =>
        RepoFiles.OcdsNotices().Single(f => Path.GetFileName(f).Contains(ocid.Replace("ocds-", ""), StringComparison.Ordinal));

    /// <summary>Starts the allocation workflow with the lead's settings; declarations are due in 10 days unless told otherwise.</summary>
    public async Task<Guid> StartAsync(string opportunityId, JsonObject? settings = null, string definition = "lead-partner-allocation")
    {
        settings ??= new JsonObject();
        settings["leadEmail"] ??= "lead@clyde.example";
        var started = await Runtime.StartAsync(definition, new JsonObject { ["opportunityId"] = opportunityId }, settings, opportunityId);
        return started.InstanceId;
    }

    /// <summary>Queued emails as (event, message), oldest first; the event names the stage ("invitation.member:…", "reminder.member:P3D:…").</summary>
    public async Task<IReadOnlyList<(string Event, OutgoingMail Mail)>> EmailsAsync(Guid instanceId) =>
        (await Queries.ListOutboxAsync(instanceId: instanceId, take: 1000))
        .OrderBy(r => r.CreatedAt).ThenBy(r => r.Event, StringComparer.Ordinal)
        .Select(r => (r.Event, JsonSerializer.Deserialize<OutgoingMail>(r.Payload)!)).ToList();

    public async Task<IReadOnlyList<OutgoingMail>> EmailsAsync(Guid instanceId, string eventPrefix) =>
        (await EmailsAsync(instanceId)).Where(e => e.Event.StartsWith(eventPrefix, StringComparison.Ordinal)).Select(e => e.Mail).ToList();

    /// <summary>The personal link's token from the member's invitation email.</summary>
    public async Task<string> TokenAsync(Guid instanceId, string email)
    {
        var invitation = (await EmailsAsync(instanceId, "invitation.member:")).Single(m => m.To == email);
        return TokenIn(invitation.TextBody);
    }

    public static string TokenIn(string text) => Link().Match(text).Groups[1].Value;

    /// <summary>
    /// The shipped definition with a later stage after consent: the bid waits for "submitted" while WatchWithdrawals
    /// handles members leaving, as the full lead-partner flow does.
    /// </summary>
    public async Task RegisterWithWithdrawalWatchAsync()
    {
        var definition = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepoFiles.RepoRoot, "workflows", "lead-partner-allocation.json")))!.AsObject();
        definition["id"] = "allocation-then-watch";
        var activities = definition["activities"]!.AsArray();
        activities.RemoveAt(activities.Count - 1);
        foreach (var json in new[]
                 {
                     """{ "id": "later", "type": "Fork", "properties": { "branches": ["watch", "submit"] } }""",
                     """{ "id": "watch", "type": "WatchWithdrawals", "properties": { "opportunity": "=variables.opportunityId" } }""",
                     """{ "id": "submit", "type": "WaitForSignal", "properties": { "bookmark": "submitted", "key": "=variables.opportunityId" } }""",
                     """{ "id": "end", "type": "End" }""",
                 })
            activities.Add(JsonNode.Parse(json));
        var connections = definition["connections"]!.AsArray();
        connections.RemoveAt(connections.Count - 1);
        foreach (var json in new[]
                 {
                     """{ "from": "consent", "to": "later" }""",
                     """{ "from": "later", "outcome": "watch", "to": "watch" }""",
                     """{ "from": "later", "outcome": "submit", "to": "submit" }""",
                     """{ "from": "submit", "to": "end" }""",
                 })
            connections.Add(JsonNode.Parse(json));
        await Runtime.Definitions.RegisterAsync(Runtime.Definitions.Loader.Parse(definition.ToJsonString(), "allocation-then-watch.json"));
    }

    public async Task<IReadOnlyList<Invitation>> InvitedAsync(string opportunityId) => await Invitations.ListAsync(opportunityId);

    /// <summary>Moves the clock and fires every timer that is due.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        while (await Runtime.FireDueTimersAsync() > 0)
        {
        }
    }

    public async Task<IReadOnlyList<string>> JournalAsync(Guid instanceId) =>
        (await Queries.GetJournalAsync(instanceId)).Select(j => $"{j.Kind} {j.Detail} [{j.Actor}]").ToList();

    public static string Offer(string lotId, long volume, decimal price, int staff = 5, string? area = null, params string[] measures) =>
        new JsonObject
        {
            ["lots"] = new JsonArray(new JsonObject
            {
                ["lotId"] = lotId,
                ["volume"] = volume,
                ["pricePerUnit"] = price,
                ["earliestStart"] = "2027-04-01",
                ["staff"] = staff,
                ["areas"] = area is null ? new JsonArray() : new JsonArray(area),
                ["socialValue"] = new JsonArray(measures.Select(m => (JsonNode)new JsonObject { ["measure"] = m, ["quantity"] = 1 }).ToArray()),
            }),
            ["spd"] = new JsonObject { ["annualTurnover"] = 250000, ["insuranceCover"] = 5000000, ["invoicesPaidOnTimePercent"] = 96 },
        }.ToJsonString();

    public static string Decline(string reason) => new JsonObject { ["decline"] = reason }.ToJsonString();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Db.DisposeAsync();
    }

    [GeneratedRegex(@"/d/([A-Za-z0-9_-]{43})")]
    private static partial Regex Link();
}
