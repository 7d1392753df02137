using System.Text.Json.Nodes;
using TenderConsortium.Application.Allocation.Override;
using TenderConsortium.Application.Allocation.Rerun;
using TenderConsortium.Application.Declarations.Extend;
using TenderConsortium.Application.Shortlist.Confirm;
using TenderConsortium.Cli.Allocations;
using TenderConsortium.Cli.Bids;
using TenderConsortium.Cli.Declarations;
using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.Common;
using TenderConsortium.Persistence.Opportunities;
using TenderConsortium.Tests.TestSupport;

namespace TenderConsortium.Tests.Declarations;

/// <summary>
/// The lead's decisions as handlers: confirm the shortlist, extend declarations, set shares, re-run the allocation.
/// Each refuses with typed problems (a path, a code, a sentence that says what to do) and changes nothing; each is
/// also driven through the `tender` command, which names the option the person typed and exits 2.
/// </summary>
public sealed class LeadDecisionTests
{
    private static readonly JsonObject HoursTerms = new() { ["1"] = new JsonObject { ["unit"] = "hours", ["demand"] = 10_000 } };
    private BidHarness _bid = null!;

    [SetUp]
    public async Task Start() => _bid = await BidHarness.CreateAsync();

    [TearDown]
    public async Task Stop() => await _bid.DisposeAsync();

    /// <summary>The Glasgow notice with its tender deadline moved to <paramref name="deadline"/>, so the bid has time to run.</summary>
    private async Task<string> ImportOpenAsync(DateTimeOffset deadline)
    {
        var source = RepoFiles.OcdsNotices().Single(f => Path.GetFileName(f).Contains("0000567519", StringComparison.Ordinal));
        var text = (await File.ReadAllTextAsync(source)).Replace("2019-06-11T12:00:00Z", deadline.ToString("yyyy-MM-ddTHH:mm:ssZ"), StringComparison.Ordinal);
        await new OpportunityImporter(_bid.Db.ConnectionString).ImportFileAsync(_bid.Db.File("open-notice.json", text));
        return (await new OpportunityQueries(_bid.Db.ConnectionString).FindAsync(BidHarness.Glasgow))!.Id;
    }

    /// <summary>The shipped allocation flow with the whole bid's shortlist step (a WaitForSignal) between matching and invitations.</summary>
    private async Task RegisterWithShortlistAsync()
    {
        var definition = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepoFiles.RepoRoot, "workflows", "lead-partner-allocation.json")))!.AsObject();
        definition["id"] = "allocation-with-shortlist";
        definition["activities"]!.AsArray().Add(JsonNode.Parse("""
            {"id": "confirm-shortlist", "type": "WaitForSignal", "properties": {"bookmark": "shortlist", "key": "=variables.opportunityId",
             "payload": {"decision": {"type": "string", "required": true, "enum": ["confirm"]}}}}
            """));
        var connections = definition["connections"]!.AsArray();
        var matchToInvite = connections.Single(c => c!["from"]!.GetValue<string>() == "match");
        connections.Remove(matchToInvite);
        connections.Add(JsonNode.Parse("""{"from": "match", "to": "confirm-shortlist"}"""));
        connections.Add(JsonNode.Parse("""{"from": "confirm-shortlist", "to": "invite"}"""));
        await _bid.Runtime.Definitions.RegisterAsync(_bid.Runtime.Definitions.Loader.Parse(definition.ToJsonString(), "allocation-with-shortlist.json"));
    }

    private async Task<string> DeclaredAndClosedAsync(JsonObject? settings = null)
    {
        var opportunity = await _bid.ImportAsync(BidHarness.Glasgow);
        settings ??= new JsonObject();
        settings["lotTerms"] = HoursTerms.DeepClone();
        await _bid.StartAsync(opportunity, settings);
        var invited = (await _bid.InvitedAsync(opportunity)).OrderBy(i => i.MemberId, StringComparer.Ordinal).ToList();
        for (var i = 0; i < 2; i++)
        {
            var instance = (await _bid.Invitations.RoundAsync(opportunity))!.InstanceId;
            await _bid.Declarations.SubmitWithTokenAsync(await _bid.TokenAsync(instance, invited[i].Email), BidHarness.Offer("1", 5_000, 30m + i));
        }

        await _bid.Declarations.CloseAsync(opportunity, "lead:test");
        return opportunity;
    }

    [Test]
    public async Task Extending_declarations_moves_the_deadline_and_refuses_a_date_that_is_past_earlier_or_too_near_the_tender_deadline()
    {
        var tender = BidHarness.Epoch.AddDays(60);
        var opportunity = await ImportOpenAsync(tender);
        var handler = LeadDecisions.Extend(_bid);
        var before = Assert.ThrowsAsync<ProblemException>(() => handler.HandleAsync(new ExtendDeclarations(opportunity, BidHarness.Epoch.AddDays(20), "lead:jo")));
        await _bid.StartAsync(opportunity, new JsonObject { ["lotTerms"] = HoursTerms.DeepClone() });
        var deadline = (await _bid.Invitations.RoundAsync(opportunity))!.Deadline;

        var past = Assert.ThrowsAsync<ProblemException>(() => handler.HandleAsync(new ExtendDeclarations(opportunity, BidHarness.Epoch.AddDays(-1), "lead:jo")));
        var earlier = Assert.ThrowsAsync<ProblemException>(() => handler.HandleAsync(new ExtendDeclarations(opportunity, deadline.AddHours(-1), "lead:jo")));
        var tooLate = Assert.ThrowsAsync<ProblemException>(() => handler.HandleAsync(new ExtendDeclarations(opportunity, tender.AddDays(-2), "lead:jo")));
        var unchanged = (await _bid.Invitations.RoundAsync(opportunity))!.Deadline;
        var moved = await handler.HandleAsync(new ExtendDeclarations(opportunity, BidHarness.Epoch.AddDays(20), "lead:jo"));
        await _bid.Declarations.CloseAsync(opportunity, "lead:jo");
        var closed = Assert.ThrowsAsync<ProblemException>(() => handler.HandleAsync(new ExtendDeclarations(opportunity, BidHarness.Epoch.AddDays(25), "lead:jo")));

        Assert.Multiple(() =>
        {
            Assert.That((before!.Items.Single().Path, before.Code), Is.EqualTo(("declarations", ProblemCode.Conflict)));
            Assert.That(before.Items.Single().Message, Is.EqualTo("No members have been invited to declare yet; start the bid first"));
            Assert.That((past!.Items.Single().Path, past.Code), Is.EqualTo(("until", ProblemCode.Invalid)));
            Assert.That(past.Items.Single().Message, Is.EqualTo("Choose a new deadline in the future"));
            Assert.That(earlier!.Items.Single().Message, Does.StartWith("Choose a new deadline after the current one, ").And.EndWith("; to end declarations sooner, close them now"));
            Assert.That(tooLate!.Items.Single().Message, Is.EqualTo(
                "Choose a new deadline on or before 27 December 2026 at 9am (UK time): the tender closes on 1 January 2027 at 9am (UK time), " +
                "and the shares, the bid pack and the review need at least 5 days after members answer"));
            Assert.That(unchanged, Is.EqualTo(deadline), "nothing moved while refused");
            Assert.That(moved.ClosesAt, Is.EqualTo(BidHarness.Epoch.AddDays(20)), "declarations now close then");
            Assert.That((closed!.Items.Single().Path, closed.Code), Is.EqualTo(("declarations", ProblemCode.Conflict)));
            Assert.That(closed.Items.Single().Message, Does.StartWith("Declarations closed on ").And.EndWith("so their deadline cannot move; reopen them for a member instead"));
        });
    }

    [Test]
    public async Task Confirming_the_shortlist_invites_members_once_and_is_refused_where_the_bid_does_not_wait_for_it()
    {
        var opportunity = await ImportOpenAsync(BidHarness.Epoch.AddDays(90));
        var handler = LeadDecisions.ConfirmShortlist(_bid);
        var notStarted = Assert.ThrowsAsync<ProblemException>(() => handler.HandleAsync(new ConfirmShortlist(opportunity, "lead:jo")));
        await RegisterWithShortlistAsync();
        await _bid.StartAsync(opportunity, new JsonObject { ["lotTerms"] = HoursTerms.DeepClone() }, "allocation-with-shortlist");
        var invitedBefore = await _bid.InvitedAsync(opportunity);

        await handler.HandleAsync(new ConfirmShortlist(opportunity, "lead:jo"));
        var invitedAfter = await _bid.InvitedAsync(opportunity);
        var again = Assert.ThrowsAsync<ProblemException>(() => handler.HandleAsync(new ConfirmShortlist(opportunity, "lead:jo")));

        Assert.Multiple(() =>
        {
            Assert.That(notStarted!.Items.Single(), Is.EqualTo(new Problem("opportunity", ProblemCode.Conflict, "No bid has been started for this opportunity; start the bid first")));
            Assert.That(invitedBefore, Is.Empty, "nobody is invited before the lead confirms");
            Assert.That(invitedAfter, Is.Not.Empty);
            Assert.That(again!.Items.Single(), Is.EqualTo(new Problem("shortlist", ProblemCode.Conflict,
                "The shortlist is not waiting to be confirmed: it was confirmed already, or this bid invites members without asking")));
        });
    }

    [Test]
    public async Task Re_running_makes_a_new_round_while_waiting_for_approval_and_is_a_conflict_before_an_allocation_or_after_approval()
    {
        var fresh = await _bid.ImportCopyAsync(BidHarness.Glasgow, "ocds-r6ebe6-9999567519");
        var handler = LeadDecisions.Rerun(_bid);
        var none = Assert.ThrowsAsync<ProblemException>(() => handler.HandleAsync(new RerunAllocation(fresh, "lead:jo")));
        var opportunity = await DeclaredAndClosedAsync();

        var rerun = await handler.HandleAsync(new RerunAllocation(opportunity, "lead:jo"));
        await _bid.Allocations.ApproveAsync(opportunity, "lead:jo");
        var approved = Assert.ThrowsAsync<ProblemException>(() => handler.HandleAsync(new RerunAllocation(opportunity, "lead:jo")));

        Assert.Multiple(async () =>
        {
            Assert.That((none!.Items.Single().Path, none.Code), Is.EqualTo(("allocation", ProblemCode.Conflict)));
            Assert.That(none.Items.Single().Message, Does.EndWith("has no allocation yet: members' shares are worked out when declarations close"));
            Assert.That(rerun.Round, Is.EqualTo(2));
            Assert.That(rerun.Status, Is.EqualTo(AllocationStatus.Proposed));
            Assert.That(approved!.Items.Single(), Is.EqualTo(new Problem("allocation", ProblemCode.Conflict,
                "You can only re-run the allocation while the shares wait for your approval; round 2 was already approved. If a member has withdrawn, record the withdrawal instead")));
            Assert.That((await _bid.AllocationStore.CurrentAsync(opportunity))!.Round, Is.EqualTo(2), "the refused re-run made no round");
        });
    }

    [Test]
    public async Task The_same_share_set_twice_is_refused_naming_the_second_and_the_member()
    {
        var opportunity = await DeclaredAndClosedAsync();
        var members = (await _bid.AllocationStore.CurrentAsync(opportunity))!.Result.Lot("1").Shares.Select(s => s.MemberId).ToList();
        var ex = Assert.ThrowsAsync<ProblemException>(() => LeadDecisions.Override(_bid).HandleAsync(new OverrideAllocation(opportunity,
            [new ShareOverride(members[0], "1", 5_000, "Both ready in April"), new ShareOverride(members[0], "1", 4_000, "Twice")], "lead:jo")));

        Assert.That(ex!.Items.Select(p => (p.Path, p.Message)), Is.EqualTo(new[]
        {
            ("overrides[1]", $"{(await _bid.InvitedAsync(opportunity)).Single(i => i.MemberId == members[0]).MemberName}'s share of lot 1 is set twice; set it once"),
        }));
    }

    [Test]
    public async Task The_command_line_sets_and_re_runs_shares_through_the_handlers_and_names_its_own_options_when_refused()
    {
        // The CLI runs on the real clock: declarations must still be open today.
        var opportunity = await _bid.ImportAsync(BidHarness.Glasgow);
        await _bid.StartAsync(opportunity, new JsonObject { ["declarationPeriod"] = "P3650D", ["lotTerms"] = HoursTerms.DeepClone() });
        var invited = (await _bid.InvitedAsync(opportunity)).OrderBy(i => i.MemberId, StringComparer.Ordinal).ToList();
        var data = _bid.Db.Folder;
        var pastExtend = await CliRunner.RunAsync(InvitationCommands.Create(), "invitations", "extend", opportunity, "--until", "2020-01-01T17:00:00Z", "--data", data);
        var shortlist = await CliRunner.RunAsync(BidCommands.Create(), "bid", "confirm-shortlist", opportunity, "--data", data);
        var instance = (await _bid.Invitations.RoundAsync(opportunity))!.InstanceId;
        await _bid.Declarations.SubmitWithTokenAsync(await _bid.TokenAsync(instance, invited[0].Email), BidHarness.Offer("1", 5_000, 30m));
        await CliRunner.RunAsync(InvitationCommands.Create(), "invitations", "close", opportunity, "--data", data, "--confirm");

        var tooMuch = await CliRunner.RunAsync(AllocateCommand.Create(), "allocate", opportunity, "--data", data,
            "--override", $"{invited[0].MemberId}:1=6000", "--reason", "Ready in April");
        var rerun = await CliRunner.RunAsync(AllocateCommand.Create(), "allocate", opportunity, "--data", data, "--rerun");
        var approve = await CliRunner.RunAsync(AllocateCommand.Create(), "allocate", opportunity, "--data", data, "--approve", "--confirm");
        var lateRerun = await CliRunner.RunAsync(AllocateCommand.Create(), "allocate", opportunity, "--data", data, "--rerun");

        Assert.Multiple(() =>
        {
            Assert.That(pastExtend.ExitCode, Is.EqualTo(2), pastExtend.Out);
            Assert.That(pastExtend.Error.Trim(), Is.EqualTo("error: --until: Choose a new deadline in the future"));
            Assert.That(shortlist.ExitCode, Is.EqualTo(2), shortlist.Out);
            Assert.That(shortlist.Error, Does.Contain("shortlist: The shortlist is not waiting to be confirmed"));
            Assert.That(tooMuch.ExitCode, Is.EqualTo(2), tooMuch.Out);
            Assert.That(tooMuch.Error.Trim(), Is.EqualTo($"error: --override: Enter a share for {invited[0].MemberName} in lot 1 from 0 to 5,000 hours, which is what it declared"));
            Assert.That(rerun.ExitCode, Is.Zero, rerun.Error);
            Assert.That(rerun.Out, Does.Contain("allocation round 2, proposed"));
            Assert.That(approve.ExitCode, Is.Zero, approve.Error);
            Assert.That(lateRerun.ExitCode, Is.EqualTo(2));
            Assert.That(lateRerun.Error, Does.Contain("allocation: You can only re-run the allocation while the shares wait for your approval; round 2 was already approved"));
        });
    }
}
