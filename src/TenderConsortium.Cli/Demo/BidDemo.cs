using System.Text.Json.Nodes;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Application.Allocation.Approve;
using TenderConsortium.Application.Allocation.Override;
using TenderConsortium.Application.Shortlist.Confirm;
using TenderConsortium.Application.Bids.Outcome;
using TenderConsortium.Application.Bids.Start;
using TenderConsortium.Application.Bids.Submit;
using TenderConsortium.Application.Bids;
using TenderConsortium.Application.Consortium.SaveProfile;
using TenderConsortium.Application.Intake.ImportMembers;
using TenderConsortium.Application.Intake.ImportNotice;
using TenderConsortium.Application.Reviews.Comment;
using TenderConsortium.Application.Reviews.Decide;
using TenderConsortium.Cli.Infrastructure;
using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.BidPacks;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Invitations;
using TenderConsortium.Core.Notifications;
using TenderConsortium.Core.Reviews;
using TenderConsortium.Core.Submission;
using TenderConsortium.Persistence.Members;
using TenderConsortium.Persistence.Opportunities;
using TenderConsortium.Persistence.Tenancy;
using TenderConsortium.Workflows.Mail;
using TenderConsortium.Workflows.Outbox;
using TenderConsortium.Workflows.Persistence;
using TenderConsortium.Workflows;
using TenderConsortium.Core.Common;

namespace TenderConsortium.Cli.Demo;

/// <summary>
/// The whole lead-partner bid on sample data: a real notice, the sample consortium, and the people's steps answered
/// from samples/declarations through the same services the web app and the API use. Each step looks at what the
/// workflow waits for now, so a demo interrupted anywhere carries on from where it stopped when run again.
/// </summary>
public sealed partial class BidDemo(IServiceProvider services, TextWriter output, Action<string>? onStage = null)
{
    public const string DefinitionId = "lead-partner-bid";
    public const string Ocid = "ocds-r6ebe6-0000567519";
    public const string LeadEmail = "bids@clyde-consortium.example";
    public const string AdviserEmail = "morag.campbell@p4p.example";

    private readonly WorkflowRuntime _runtime = services.GetRequiredService<WorkflowRuntime>();
    private readonly WorkflowQueries _queries = services.GetRequiredService<WorkflowQueries>();
    private readonly OutboxDispatcher _dispatcher = services.GetRequiredService<OutboxDispatcher>();
    private readonly HashSet<string> _stages = [];
    private string _opportunityId = "";
    private long _seen;

    /// <summary>Runs (or resumes) the demo; with <paramref name="stopAtReview"/> it stops when the pack waits for the adviser.</summary>
    public async Task<(Guid Instance, string OpportunityId, bool Finished)> RunAsync(bool stopAtReview, CancellationToken ct)
    {
        var samples = SampleFiles.Folder();
        var plan = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(samples, "declarations", "glasgow-residential-recovery.json"), ct))!.AsObject();
        var instance = await FindAsync(ct);
        if (instance is { } resumed)
        {
            output.WriteLine($"Resuming the interrupted demo {resumed}.");
            _opportunityId = (await services.GetRequiredService<OpportunityQueries>().FindAsync(Ocid, ct))!.Id;
        }
        else
        {
            instance = await StartAsync(samples, plan, ct);
        }

        var id = instance.Value;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            await DeliverAsync(ct);
            await _runtime.FireDueTimersAsync(ct: ct);
            await PrintStagesAsync(id, ct);
            var details = (await _queries.GetInstanceAsync(id, ct))!;
            if (details.Summary.Status == InstanceStatus.Faulted)
                throw new InvalidOperationException($"the demo bid stopped with an incident: {details.Summary.Incident} (tender instances retry {id})");
            if (details.Summary.Status == InstanceStatus.Finished)
            {
                // As a node's sweep would: the award's payment watch, if an interrupted run had not started it yet.
                await services.GetRequiredService<Application.Delivery.Start.DeliveryWatch>().SweepAsync(ct);
                await DeliverAsync(ct);
                return (id, _opportunityId, true);
            }

            var waiting = details.Bookmarks.Select(b => b.Name).ToHashSet();
            if (stopAtReview && waiting.Contains(ReviewSignals.Decision)) return (id, _opportunityId, false);
            if (await AnswerAsync(id, details.Bookmarks, plan, ct)) continue;
            // Nothing for a person to do: the bid waits for a timer, e.g. a failed step's retry.
            var wait = details.Summary.NextDueAt - services.GetRequiredService<TimeProvider>().GetUtcNow();
            if (wait is null || wait > TimeSpan.FromMinutes(1))
                throw new InvalidOperationException($"the demo does not know how to answer: {string.Join(", ", details.Bookmarks.Select(b => $"{b.Name}/{b.Key}"))}");
            if (wait > TimeSpan.Zero) await Task.Delay(wait.Value, ct);
        }
    }

    private async Task<Guid> StartAsync(string samples, JsonObject plan, CancellationToken ct)
    {
        var notice = Directory.EnumerateFiles(Path.Combine(samples, "notices"), "*0000567519*.json").Single();
        var days = DemoDates.DaysToMove(notice, services.GetRequiredService<TimeProvider>().GetUtcNow());
        await using (var moved = DemoDates.Notice(notice, days))
            await services.GetRequiredService<ImportNoticeHandler>().HandleAsync(new ImportNotice(Consortia.Default, Path.GetFileName(notice), moved), ct);
        MemberImportResult imported;
        await using (var members = DemoDates.Members(Path.Combine(samples, "members", "sample-consortium.csv"), days))
            imported = await services.GetRequiredService<ImportMembersHandler>().HandleAsync(new ImportMembers(Consortia.Default, "sample-consortium.csv", Content: members), ct);
        _opportunityId = (await services.GetRequiredService<OpportunityQueries>().FindAsync(Ocid, ct))!.Id;
        output.WriteLine($"Imported the notice {Ocid} (samples/notices; its dates and the members' certificates moved forward {days} days so that its deadline is {DemoDates.WeeksAhead} weeks away) and {imported.Created + imported.Updated + imported.Unchanged} members of the sample consortium.");
        // The lead body's own facts, invented for the demo like the sample consortium: the profile every bid needs first.
        await services.GetRequiredService<SaveProfileHandler>().HandleAsync(new SaveProfile(Consortia.Default, LeadEmail, "Clyde Social Enterprise Consortium Ltd",
            "SC700123", "Jamie Reid", "Chief Executive", LeadEmail, "0141 496 0123", "12 Trongate\nGlasgow\nG1 5EN", AdviserEmail), ct);
        var settings = new JsonObject
        {
            ["consortiumName"] = "Clyde Social Enterprise Consortium",
            ["adviserEmail"] = AdviserEmail,
            ["lotTerms"] = plan["lotTerms"]!.DeepClone(),
        };
        var started = await services.GetRequiredService<StartBidHandler>().HandleAsync(new StartBid(_opportunityId, LeadEmail, DefinitionId, null, settings), ct);
        output.WriteLine($"Started the bid {started.InstanceId} ({DefinitionId} v{started.WorkflowVersion}).");
        return started.InstanceId;
    }

    /// <summary>Answers every step the bid waits for now; false when there is nothing the demo can answer.</summary>
    private async Task<bool> AnswerAsync(Guid id, IReadOnlyList<BookmarkView> bookmarks, JsonObject plan, CancellationToken ct)
    {
        var answered = false;
        foreach (var bookmark in bookmarks)
        {
            switch (bookmark.Name)
            {
                case DeclarationSignals.Declaration:
                    answered |= await DeclareAsync(id, bookmark.Key, plan, ct);
                    break;
                case AllocationSignals.Approval:
                    await ApproveAsync(ct);
                    return true;
                case AllocationSignals.Consent or AllocationSignals.Reconsent:
                    var token = await TokenAsync(id, bookmark.Key, ct);
                    await services.GetRequiredService<AllocationService>().ConsentWithTokenAsync(token, accept: true, null, ct);
                    output.WriteLine($"  member {await NameAsync(bookmark.Key, ct)} accepts its share (from its link)");
                    answered = true;
                    break;
                case ReviewSignals.Decision:
                    await ReviewAsync(ct);
                    return true;
                case "revision":
                    await ReviseAsync(ct);
                    await _runtime.ResumeAsync(id, "revision", bookmark.Key, new JsonObject { ["next"] = "assembly" }, "demo-revision", LeadEmail, ct);
                    output.WriteLine("  lead: assemble the pack again");
                    return true;
                case ConfirmShortlistHandler.Bookmark:
                    await services.GetRequiredService<ConfirmShortlistHandler>().HandleAsync(new ConfirmShortlist(_opportunityId, LeadEmail), ct);
                    output.WriteLine("  lead confirms the shortlist; members are invited");
                    return true;
                case SubmissionSignals.Submitted:
                    var stillFailing = Accepting(services.GetRequiredService<BidDocuments>().LatestChecks(_opportunityId), "lead");
                    await services.GetRequiredService<RecordSubmissionHandler>().HandleAsync(new RecordSubmission(_opportunityId, "PCS-DEMO-0001", LeadEmail, AcceptedChecks: stillFailing), ct);
                    output.WriteLine("  lead: bid submitted on Public Contracts Scotland (reference PCS-DEMO-0001)");
                    return true;
                case SubmissionSignals.Outcome:
                    var lots = (await services.GetRequiredService<IAllocationStore>().CurrentAsync(_opportunityId, ct))!.Result.Lots.Select(l => l.LotId).ToList();
                    await services.GetRequiredService<RecordOutcomeHandler>().HandleAsync(new RecordOutcome(_opportunityId, lots, LeadEmail), ct);
                    output.WriteLine($"  lead: the buyer awarded {Wording.Lots(lots)}");
                    return true;
            }
        }

        return answered;
    }

    private async Task<bool> DeclareAsync(Guid id, string memberId, JsonObject plan, CancellationToken ct)
    {
        var store = services.GetRequiredService<IDeclarationStore>();
        if ((await store.HistoryAsync(_opportunityId, memberId, ct)).Count > 0)
        {
            // Stored before an interruption, but the workflow never heard of it: tell it now, as the service would have.
            await services.GetRequiredService<DeclarationService>().ReplayLatestAsync(_opportunityId, memberId, ct);
            return true;
        }

        var member = await services.GetRequiredService<MemberQueries>().FindAsync(memberId, ct);
        var declaration = plan["declarations"]?[member?.Member.RegistrationNumber ?? ""]
                          ?? new JsonObject { ["decline"] = "(demo) no capacity for this opportunity" };
        var token = await TokenAsync(id, memberId, ct);
        var saved = await services.GetRequiredService<DeclarationService>().SubmitWithTokenAsync(token, declaration.ToJsonString(), ct);
        output.WriteLine(saved.Declined
            ? $"  member {member?.Member.Name} declines from its link: {saved.DeclineReason}"
            : $"  member {member?.Member.Name} declares from its link: {string.Join("; ", saved.Lots.Select(l => $"lot {l.LotId} {l.Volume:N0} h at £{l.PricePerUnit:0.00}"))}");
        return true;
    }

    private async Task ApproveAsync(CancellationToken ct)
    {
        var service = services.GetRequiredService<AllocationService>();
        var current = (await service.CurrentAsync(_opportunityId, ct)).Current!;
        if (current.Result.Overrides.Count == 0 && await GapFillerAsync(current, ct) is { } pin)
        {
            var after = await services.GetRequiredService<OverrideAllocationHandler>().HandleAsync(new OverrideAllocation(_opportunityId, [pin], LeadEmail), ct);
            output.WriteLine($"  lead overrides lot {pin.LotId}: {await NameAsync(pin.MemberId, ct)} → {pin.Volume:N0} h, above the cap, to narrow the gap " +
                             $"(reason recorded in the journal); round {after.Round}");
            return;
        }

        // The demo's lead has seen the gap it narrowed and approves with what is left (the confirm step a person would see).
        await services.GetRequiredService<ApproveAllocationHandler>().HandleAsync(new ApproveAllocation(_opportunityId, LeadEmail, Confirm: true), ct);
        output.WriteLine($"  lead approves allocation round {current.Round}");
    }

    /// <summary>A member that declared more than the cap let it take, in a lot with a gap: the lead pins its full offer.</summary>
    private async Task<ShareOverride?> GapFillerAsync(StoredAllocation current, CancellationToken ct)
    {
        var declarations = (await services.GetRequiredService<IDeclarationStore>().LatestAsync(_opportunityId, ct)).ToDictionary(d => d.MemberId);
        foreach (var lot in current.Result.Lots.Where(l => l.Uncovered > 0))
        {
            foreach (var share in lot.Shares)
            {
                var offered = declarations.GetValueOrDefault(share.MemberId)?.Lot(lot.LotId)?.Volume ?? 0;
                if (offered > share.Volume)
                    return new ShareOverride(share.MemberId, lot.LotId, Math.Min(offered, share.Volume + lot.Uncovered),
                        "Only member with detox beds ready in April; takes its full offer rather than leave the gap to the buyer");
            }
        }

        return null;
    }

    private async Task ReviewAsync(CancellationToken ct)
    {
        var review = (await services.GetRequiredService<ReviewService>().CurrentAsync(_opportunityId, ct))!;
        var decide = services.GetRequiredService<DecideReviewHandler>();
        if (review.Round == 1)
        {
            await services.GetRequiredService<CommentOnReviewHandler>().HandleAsync(new CommentOnReview(_opportunityId, AdviserEmail, "Member capability and evidence",
                "Say how Clyde Recovery Community recruits its three peer recovery workers locally."), ct);
            await decide.HandleAsync(new DecideReview(_opportunityId, AdviserEmail, ReviewDecision.ChangesRequested,
                "Strengthen the member capability section, then send it back.", null), ct);
            output.WriteLine("  adviser requests changes (member capability section)");
            return;
        }

        var accepted = Accepting(services.GetRequiredService<BidDocuments>().ChecksOf(_opportunityId, review.BidPackVersion), "adviser");
        await decide.HandleAsync(new DecideReview(_opportunityId, AdviserEmail, ReviewDecision.Approved, "Clear and well evidenced.", accepted), ct);
        output.WriteLine($"  adviser approves review round {review.Round}");
    }

    /// <summary>
    /// The change the adviser asked for: the lead records in the member registry how Clyde Recovery Community recruits
    /// its peer workers (an import of its one updated row), so the next pack version's capability section differs.
    /// </summary>
    private async Task ReviseAsync(CancellationToken ct)
    {
        var lines = await File.ReadAllLinesAsync(Path.Combine(SampleFiles.Folder(), "members", "sample-consortium.csv"), ct);
        var clyde = lines.Single(l => l.StartsWith("Clyde Recovery Community SCIO,", StringComparison.Ordinal));
        var updated = clyde[..clyde.LastIndexOf('"')] + " Its peer recovery workers are recruited locally, from the people its Glasgow recovery cafés support, and trained on a paid 12-week programme.\"";
        using var csv = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(lines[0] + "\n" + updated + "\n"));
        await services.GetRequiredService<ImportMembersHandler>().HandleAsync(new ImportMembers(Consortia.Default, "clyde-recovery-update.csv", Content: csv), ct);
        output.WriteLine("  lead: Clyde Recovery Community's capability statement now says how its peer workers are recruited");
    }

    /// <summary>
    /// The checks still failing when the demo's people decide, each accepted with a reason that says why: on sample
    /// data, a check that fails (say a deadline already passed) is shown, not hidden, and the decision records it.
    /// </summary>
    private Dictionary<string, string> Accepting(BidPackChecks? checks, string who)
    {
        var failed = checks?.Checks.Where(c => c.Status == CheckStatus.Fail).ToList() ?? [];
        foreach (var check in failed) output.WriteLine($"  {who} accepts the failed check \"{check.Title}\": {check.Detail}");
        return failed.ToDictionary(c => c.Id, c => $"Demo on sample data: accepted so the demo can show the later steps. A real bid fixes it first. {CheckRemedies.WhereToFix(c.Id)}");
    }

    /// <summary>The member's link as it reads it: from the invitation email the outbox holds for it.</summary>
    private async Task<string> TokenAsync(Guid id, string memberId, CancellationToken ct)
    {
        var invitation = (await services.GetRequiredService<IInvitationStore>().FindAsync(_opportunityId, memberId, ct))!;
        var mail = (await _queries.ListOutboxAsync(instanceId: id, take: 1000, ct: ct))
            .Where(m => m.Event.StartsWith("invitation.member:", StringComparison.Ordinal) && m.Recipient == invitation.Email)
            .Select(m => JsonSerializer.Deserialize<OutgoingMail>(m.Payload)!).Single();
        return Link().Match(mail.TextBody).Groups[1].Value;
    }

    private async Task<string> NameAsync(string memberId, CancellationToken ct) =>
        (await services.GetRequiredService<MemberQueries>().FindAsync(memberId, ct))?.Member.Name ?? memberId;

    private async Task DeliverAsync(CancellationToken ct)
    {
        while (await _dispatcher.DispatchOnceAsync(ct) > 0)
        {
        }
    }

    /// <summary>One line per stage as the workflow enters it, from the journal.</summary>
    private async Task PrintStagesAsync(Guid id, CancellationToken ct)
    {
        foreach (var entry in await _queries.GetJournalAsync(id, _seen, ct))
        {
            _seen = entry.Id;
            if (entry.Kind == "ActivityStarted" && entry.Detail is { Length: > 0 } stage)
            {
                output.WriteLine(_stages.Add(stage) ? $"Stage: {stage}" : $"Stage again: {stage}");
                onStage?.Invoke(stage);
            }
            else if (entry.Kind == "Note" && entry.Detail is { } note)
                output.WriteLine($"  {note}");
        }
    }

    /// <summary>The demo opportunity's bid, when an earlier run started it: the demo carries it on (or reports it finished).</summary>
    private async Task<Guid?> FindAsync(CancellationToken ct)
    {
        if (await services.GetRequiredService<OpportunityQueries>().FindAsync(Ocid, ct) is not { } stored) return null;
        return (await services.GetRequiredService<BidLocator>().FindAsync(stored.Id, ct))?.InstanceId;
    }

    [GeneratedRegex(@"/d/([A-Za-z0-9_-]{43})")]
    private static partial Regex Link();
}
