using TenderConsortium.Application.Bids;
using TenderConsortium.Application.Bids.Outcome;
using TenderConsortium.Application.Bids.Start;
using TenderConsortium.Application.Bids.Submit;
using TenderConsortium.Application.Reviews.Decide;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.BidPacks;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Invitations;
using TenderConsortium.Core.Reviews;
using TenderConsortium.Core.Submission;
using TenderConsortium.Workflows;
using TenderConsortium.Workflows.Mail;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.Benchmarking.EndToEnd;

/// <summary>
/// The people of one bid, as `tender demo` plays them (src/TenderConsortium.Cli/Demo/BidDemo.cs) but without its
/// sample-specific choices: starts lead-partner-bid for one opportunity, then answers whatever the bid waits for
/// through the same services the web app uses: every invited member declares from its link, the lead approves the
/// allocation, every allocated member accepts, the adviser approves, the lead records the submission and an award
/// of every lot. Each step is answered once; while the bid runs on (or waits for nobody this driver plays) it polls.
/// </summary>
public sealed partial class TenderDriver(IServiceProvider services, string opportunityId, int tender, string councilName, DateOnly contractStart)
{
    private readonly WorkflowRuntime _runtime = services.GetRequiredService<WorkflowRuntime>();
    private readonly WorkflowQueries _queries = services.GetRequiredService<WorkflowQueries>();
    private readonly IDbContextFactory<WorkflowDbContext> _db = services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
    private readonly HashSet<(string Name, string Key)> _answered = [];
    private Dictionary<string, (string Token, int Position)>? _links;

    public string OpportunityId => opportunityId;
    public Guid InstanceId { get; private set; }
    public int Resumes { get; private set; }

    /// <summary>Calls refused with "database is locked" after SQLite's busy timeout (30 s), then made again.</summary>
    public int BusyRetries { get; private set; }

    /// <summary>Runs the bid to its end; returns how many sub-contracts it issued.</summary>
    public async Task<int> RunAsync(JsonObject settings, CancellationToken ct)
    {
        InstanceId = await StartAsync(settings, ct);
        var idle = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                var (status, incident, bookmarks) = await StateAsync(ct);
                if (status == InstanceStatus.Faulted)
                    throw new InvalidOperationException($"tender {tender} ({opportunityId}): the bid stopped with an incident: {incident}");
                if (status == InstanceStatus.Finished) break;
                if (!InstanceStatus.IsActive(status)) throw new InvalidOperationException($"tender {tender} ({opportunityId}): the bid ended as {status}");
                if (await AnswerAsync(bookmarks, ct))
                {
                    idle = 0;
                    continue;
                }
            }
            catch (Exception ex) when (IsBusy(ex))
            {
                // The one SQLite writer stayed locked past the busy timeout: what a person would see as an error and
                // try again. Nothing was committed, so look at the bid again and answer what it still waits for.
                await BackOffAsync(ct);
                continue;
            }

            // Nothing to answer now: the bid is running an activity, or waits for a member's share being rerun.
            await Task.Delay(Math.Min(50, 2 << Math.Min(idle++, 5)), ct);
        }

        var details = (await _queries.GetInstanceAsync(InstanceId, ct))!;
        return details.Variables["subcontracts"] is JsonArray issued ? issued.Count : 0;
    }

    /// <summary>Starts the bid as the lead's start does; after a busy timeout, takes the bid's instance if the start did commit, else starts again.</summary>
    private async Task<Guid> StartAsync(JsonObject settings, CancellationToken ct)
    {
        var start = services.GetRequiredService<StartBidHandler>();
        var bids = services.GetRequiredService<BidLocator>();
        while (true)
        {
            try
            {
                var started = await start.HandleAsync(new StartBid(opportunityId, EndToEndScenario.LeadEmail, BidWorkflows.Whole, null, (JsonObject)settings.DeepClone()), ct);
                return started.InstanceId;
            }
            catch (Exception ex) when (IsBusy(ex))
            {
                await BackOffAsync(ct);
                if (await bids.FindAsync(opportunityId, ct) is { InstanceId: { } committed }) return committed;
            }
        }
    }

    /// <summary>SQLITE_BUSY or SQLITE_LOCKED anywhere in the chain (EF Core wraps it).</summary>
    public static bool IsBusy(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
            if (ex is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 })
                return true;
        return false;
    }

    private async Task BackOffAsync(CancellationToken ct)
    {
        BusyRetries++;
        await Task.Delay(Random.Shared.Next(50, 250), ct);
    }

    private async Task<(string Status, string? Incident, List<(string Name, string Key)> Bookmarks)> StateAsync(CancellationToken ct)
    {
        await using var db = await _db.CreateDbContextAsync(ct);
        var instance = await db.Instances.AsNoTracking().Where(i => i.Id == InstanceId).Select(i => new { i.Status, i.Incident }).SingleAsync(ct);
        var bookmarks = await db.Bookmarks.AsNoTracking().Where(b => b.InstanceId == InstanceId)
            .Select(b => new { b.Name, b.Key }).ToListAsync(ct);
        return (instance.Status, instance.Incident, bookmarks.Select(b => (b.Name, b.Key)).ToList());
    }

    /// <summary>Answers every step not answered yet that the bid waits for now; false when there was none.</summary>
    private async Task<bool> AnswerAsync(List<(string Name, string Key)> bookmarks, CancellationToken ct)
    {
        var answered = false;
        foreach (var bookmark in bookmarks)
        {
            if (_answered.Contains(bookmark)) continue;
            switch (bookmark.Name)
            {
                case DeclarationSignals.Declaration:
                    var (token, position) = (await LinksAsync(ct))[bookmark.Key];
                    await services.GetRequiredService<DeclarationService>().SubmitWithTokenAsync(token,
                        EndToEndScenario.Declaration(position, councilName, contractStart), ct);
                    break;
                case AllocationSignals.Approval:
                    await services.GetRequiredService<AllocationService>().ApproveAsync(opportunityId, EndToEndScenario.LeadEmail, ct);
                    break;
                case AllocationSignals.Consent or AllocationSignals.Reconsent:
                    await services.GetRequiredService<AllocationService>().ConsentWithTokenAsync((await LinksAsync(ct))[bookmark.Key].Token, accept: true, null, ct);
                    break;
                case ReviewSignals.Decision:
                    var reviewed = (await services.GetRequiredService<ReviewService>().CurrentAsync(opportunityId, ct))!.BidPackVersion;
                    await services.GetRequiredService<DecideReviewHandler>().HandleAsync(new DecideReview(opportunityId, EndToEndScenario.AdviserEmail, ReviewDecision.Approved,
                        "Clear and complete.", BenchReasons(services.GetRequiredService<BidDocuments>().ChecksOf(opportunityId, reviewed))), ct);
                    break;
                case SubmissionSignals.Submitted:
                    await services.GetRequiredService<RecordSubmissionHandler>().HandleAsync(new RecordSubmission(opportunityId, $"PCS-BENCH-{tender:D4}", EndToEndScenario.LeadEmail,
                        AcceptedChecks: BenchReasons(services.GetRequiredService<BidDocuments>().LatestChecks(opportunityId))), ct);
                    break;
                case SubmissionSignals.Outcome:
                    var lots = EndToEndScenario.Lots.Select(l => l.LotId).ToList();
                    await services.GetRequiredService<RecordOutcomeHandler>().HandleAsync(new RecordOutcome(opportunityId, lots, EndToEndScenario.LeadEmail), ct);
                    break;
                default:
                    continue; // withdrawals and other steps nobody takes in this run
            }

            _answered.Add(bookmark);
            Resumes++;
            answered = true;
            // Declarations are answered together; any other answer moves the bid on, so look again.
            if (bookmark.Name != DeclarationSignals.Declaration) return true;
        }

        return answered;
    }

    /// <summary>Each invited member's link as it reads it: from the invitation email the outbox holds for it.</summary>
    private async Task<Dictionary<string, (string Token, int Position)>> LinksAsync(CancellationToken ct)
    {
        if (_links is not null) return _links;
        var invitations = (await services.GetRequiredService<IInvitationStore>().ListAsync(opportunityId, ct)).OrderBy(i => i.Email, StringComparer.Ordinal).ToList();
        var mails = (await _queries.ListOutboxAsync(instanceId: InstanceId, take: 10_000, ct: ct))
            .Where(m => m.Event.StartsWith("invitation.member:", StringComparison.Ordinal))
            .Select(m => JsonSerializer.Deserialize<OutgoingMail>(m.Payload)!)
            .ToDictionary(m => m.To, m => Link().Match(m.TextBody).Groups[1].Value, StringComparer.Ordinal);
        _links = invitations.Select((invitation, position) => (invitation, position))
            .ToDictionary(x => x.invitation.MemberId, x => (mails[x.invitation.Email], x.position));
        return _links;
    }

    /// <summary>
    /// The benchmark measures the flow, not the pack's content: a failed check of its generated data is accepted with a
    /// reason saying so, as the rules require of a person.
    /// </summary>
    private static Dictionary<string, string> BenchReasons(BidPackChecks? checks) =>
        checks?.Checks.Where(c => c.Status == CheckStatus.Fail).ToDictionary(c => c.Id, _ => "Benchmark data, generated to measure the flow") ?? [];

    [GeneratedRegex(@"/d/([A-Za-z0-9_-]{43})")]
    private static partial Regex Link();
}
