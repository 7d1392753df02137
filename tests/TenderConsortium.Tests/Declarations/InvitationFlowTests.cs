using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Invitations;
using TenderConsortium.Persistence.Opportunities;
using TenderConsortium.Tests.TestSupport;
using TenderConsortium.Workflows;
using TenderConsortium.Workflows.Mail;

namespace TenderConsortium.Tests.Declarations;

/// <summary>Invitations, personal links and declarations through the shipped workflow, on a clock the test moves.</summary>
public sealed class InvitationFlowTests
{
    private BidHarness _bid = null!;

    [SetUp]
    public async Task Start() => _bid = await BidHarness.CreateAsync();

    [TearDown]
    public async Task Stop() => await _bid.DisposeAsync();

    [Test]
    public async Task Each_shortlisted_member_gets_a_personal_link_whose_token_is_stored_only_as_its_hash()
    {
        var opportunity = await _bid.ImportAsync(BidHarness.Glasgow);
        var instance = await _bid.StartAsync(opportunity);
        var invited = await _bid.InvitedAsync(opportunity);
        var tokens = new List<string>();
        foreach (var invitation in invited) tokens.Add(await _bid.TokenAsync(instance, invitation.Email));

        var stored = new List<string>();
        await using (var connection = new SqliteConnection(_bid.Db.ConnectionString))
        {
            await connection.OpenAsync();
            var command = connection.CreateCommand();
            command.CommandText = "SELECT token_hash FROM invitations UNION ALL SELECT terms FROM declaration_rounds";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) stored.Add(reader.GetString(0));
        }

        Assert.Multiple(() =>
        {
            Assert.That(invited, Has.Count.EqualTo(4), "the four Glasgow candidates of the sample consortium");
            Assert.That(tokens, Is.Unique);
            Assert.That(tokens, Has.All.Length.EqualTo(43), "256 bits, base64url");
            Assert.That(stored.Take(4), Is.EquivalentTo(tokens.Select(t => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(t))))));
            Assert.That(stored, Has.None.Matches<string>(row => tokens.Any(row.Contains)), "no token in the tender tables");
        });
    }

    [Test]
    public async Task An_invitation_lists_the_lots_in_the_notices_order()
    {
        var opportunity = await _bid.ImportAsync(BidHarness.Glasgow);
        var instance = await _bid.StartAsync(opportunity);
        var invitations = await _bid.EmailsAsync(instance, "invitation");
        var both = invitations.Where(m => m.TextBody.Contains("- Lot 1:", StringComparison.Ordinal) && m.TextBody.Contains("- Lot 2:", StringComparison.Ordinal)).ToList();

        Assert.That(both, Is.Not.Empty, "a member shortlisted for both lots");
        Assert.That(both, Has.All.Matches<OutgoingMail>(m => m.TextBody.IndexOf("- Lot 1:", StringComparison.Ordinal) < m.TextBody.IndexOf("- Lot 2:", StringComparison.Ordinal)),
            "Lot 1 before Lot 2, as the notice lists them");
    }

    [Test]
    public async Task A_token_opens_its_own_members_declaration_for_its_own_opportunity_and_nothing_else()
    {
        var first = await _bid.ImportAsync(BidHarness.Glasgow);
        var second = await _bid.ImportCopyAsync(BidHarness.Glasgow, "ocds-r6ebe6-9999567519");
        var firstInstance = await _bid.StartAsync(first);
        var secondInstance = await _bid.StartAsync(second);
        var members = (await _bid.InvitedAsync(first)).Take(2).ToList();
        Assert.That((await _bid.InvitedAsync(second)).Select(i => i.MemberId), Is.SupersetOf(members.Select(m => m.MemberId)), "the same members are invited to both");
        var a1 = await _bid.TokenAsync(firstInstance, members[0].Email);
        var b1 = await _bid.TokenAsync(firstInstance, members[1].Email);
        var a2 = await _bid.TokenAsync(secondInstance, members[0].Email);
        var b2 = await _bid.TokenAsync(secondInstance, members[1].Email);

        var saved = await _bid.Declarations.SubmitWithTokenAsync(a1, BidHarness.Offer("1", 1500_000, 1m));

        var views = new[] { a1, b1, a2, b2 }.Select(t => _bid.Declarations.ViewAsync(t).Result).ToList();
        Assert.Multiple(() =>
        {
            Assert.That((saved.OpportunityId, saved.MemberId), Is.EqualTo((first, members[0].MemberId)));
            Assert.That(views.Select(v => (v.Invitation.OpportunityId, v.Invitation.MemberId)), Is.EqualTo(new[]
            {
                (first, members[0].MemberId), (first, members[1].MemberId), (second, members[0].MemberId), (second, members[1].MemberId),
            }));
            Assert.That(views.Select(v => v.Latest?.Revision), Is.EqualTo(new int?[] { 1, null, null, null }), "only a1's own declaration exists");
        });
        Assert.That(await _bid.DeclarationStore.LatestAsync(second), Is.Empty);
    }

    [Test]
    public async Task Forged_mistyped_and_revoked_links_are_refused_with_one_message_that_reveals_nothing()
    {
        var opportunity = await _bid.ImportAsync(BidHarness.Glasgow);
        var instance = await _bid.StartAsync(opportunity);
        var invited = await _bid.InvitedAsync(opportunity);
        var token = await _bid.TokenAsync(instance, invited[0].Email);
        var mistyped = (token[0] == 'A' ? "B" : "A") + token[1..];
        await _bid.Declarations.RevokeAsync(opportunity, invited[1].MemberId);
        var revoked = await _bid.TokenAsync(instance, invited[1].Email);

        foreach (var bad in new[] { mistyped, revoked, "", "not-a-token", new string('x', 43), token + "x", "../" + token })
        {
            var refusal = Assert.ThrowsAsync<InvitationRefusedException>(() => _bid.Declarations.SubmitWithTokenAsync(bad, BidHarness.Offer("1", 1000, 1m)), bad);
            Assert.That(refusal!.Message, Is.EqualTo(InvitationRefusedException.PublicMessage));
        }

        Assert.That(await _bid.DeclarationStore.LatestAsync(opportunity), Is.Empty);
        Assert.That((await _bid.Declarations.ViewAsync(token)).Invitation.MemberId, Is.EqualTo(invited[0].MemberId), "the genuine link still works");
    }

    [Test]
    public async Task Reminders_go_at_the_set_offsets_and_only_to_members_who_have_not_answered()
    {
        var opportunity = await _bid.ImportAsync(BidHarness.Glasgow);
        var instance = await _bid.StartAsync(opportunity, new JsonObject { ["reminders"] = new JsonArray("P3D", "P1D") });
        var invited = await _bid.InvitedAsync(opportunity);
        await _bid.Declarations.SubmitWithTokenAsync(await _bid.TokenAsync(instance, invited[0].Email), BidHarness.Offer("1", 1000_000, 1m));

        await _bid.AdvanceAsync(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        Assert.That(await _bid.EmailsAsync(instance, "reminder.member"), Is.Empty, "not a tick early");
        await _bid.AdvanceAsync(TimeSpan.FromSeconds(1));
        var first = await _bid.EmailsAsync(instance, "reminder.member:P3D:");
        await _bid.Declarations.SubmitWithTokenAsync(await _bid.TokenAsync(instance, invited[1].Email), BidHarness.Decline("No staff free in spring"));
        await _bid.AdvanceAsync(TimeSpan.FromDays(2));
        var second = await _bid.EmailsAsync(instance, "reminder.member:P1D:");

        Assert.Multiple(() =>
        {
            Assert.That(first.Select(m => m.To), Is.EquivalentTo(invited.Skip(1).Select(i => i.Email)));
            Assert.That(second.Select(m => m.To), Is.EquivalentTo(invited.Skip(2).Select(i => i.Email)));
            Assert.That(first.Concat(second).Select(m => BidHarness.TokenIn(m.TextBody)), Has.All.Length.EqualTo(43), "each reminder carries the member's link");
        });
        var link = BidHarness.TokenIn(second[0].TextBody);
        Assert.That((await _bid.Declarations.ViewAsync(link)).Invitation.Email, Is.EqualTo(second[0].To), "the reminder's link is the member's own");
    }

    [Test]
    public async Task At_the_deadline_the_round_closes_the_lead_gets_the_summary_and_late_answers_are_refused_unless_reopened()
    {
        var opportunity = await _bid.ImportAsync(BidHarness.Glasgow);
        var instance = await _bid.StartAsync(opportunity);
        var invited = await _bid.InvitedAsync(opportunity);
        await _bid.Declarations.SubmitWithTokenAsync(await _bid.TokenAsync(instance, invited[0].Email), BidHarness.Offer("1", 2000_000, 1m));
        var late = await _bid.TokenAsync(instance, invited[1].Email);

        await _bid.AdvanceAsync(TimeSpan.FromDays(10));
        var refusal = Assert.ThrowsAsync<DeclarationClosedException>(() => _bid.Declarations.SubmitWithTokenAsync(late, BidHarness.Offer("1", 1000_000, 1m)));
        var summary = await _bid.EmailsAsync(instance, "declarations-summary.lead");
        var allocation = await _bid.AllocationStore.CurrentAsync(opportunity);

        Assert.Multiple(() =>
        {
            Assert.That(refusal!.Message, Does.StartWith("Declarations for \"Glasgow Residential Recovery Services\" closed on 12 November 2026 at 9am (UK time)"));
            Assert.That(refusal.Message, Does.Contain("ask the consortium lead to reopen"));
            Assert.That(summary.Select(m => m.To), Is.EqualTo(new[] { "lead@clyde.example" }));
            Assert.That(allocation!.Status, Is.EqualTo(AllocationStatus.Proposed));
            Assert.That(allocation.Result.Lot("1").Shares.Select(s => s.MemberId), Is.EqualTo(new[] { invited[0].MemberId }));
        });

        await _bid.Declarations.ReopenAsync(opportunity, invited[1].MemberId, _bid.Clock.GetUtcNow().AddDays(2));
        await _bid.Declarations.SubmitWithTokenAsync(late, BidHarness.Offer("1", 1000_000, 1m));
        var rerun = await _bid.Allocations.RerunAsync(opportunity, "lead:test");
        Assert.That(rerun.Result.Lot("1").Shares.Select(s => s.MemberId), Is.EquivalentTo(new[] { invited[0].MemberId, invited[1].MemberId }),
            "the reopened member's declaration counts once the lead re-runs the allocation");
    }

    [Test]
    public async Task A_member_may_change_its_declaration_until_the_deadline_and_the_last_one_counts()
    {
        var opportunity = await _bid.ImportAsync(BidHarness.Glasgow);
        var instance = await _bid.StartAsync(opportunity);
        var invited = await _bid.InvitedAsync(opportunity);
        var token = await _bid.TokenAsync(instance, invited[0].Email);
        await _bid.Declarations.SubmitWithTokenAsync(token, BidHarness.Offer("1", 1000_000, 1m));
        await _bid.AdvanceAsync(TimeSpan.FromDays(2));
        await _bid.Declarations.SubmitWithTokenAsync(token, BidHarness.Offer("2", 500_000, 0.95m));

        var history = await _bid.DeclarationStore.HistoryAsync(opportunity, invited[0].MemberId);
        var receipts = await _bid.EmailsAsync(instance, $"declaration-receipt.member:{invited[0].MemberId}:");
        var leadNotes = await _bid.EmailsAsync(instance, $"response-received.lead:{invited[0].MemberId}:");
        await _bid.AdvanceAsync(TimeSpan.FromDays(8));
        var allocation = await _bid.AllocationStore.CurrentAsync(opportunity);

        Assert.Multiple(() =>
        {
            Assert.That(history.Select(h => (h.Revision, h.Lots.Single().LotId)), Is.EqualTo(new[] { (1, "1"), (2, "2") }));
            Assert.That(receipts.Select(m => m.MessageId).ToList(), Is.Unique.And.Count.EqualTo(2), "one receipt per answer, each its own message");
            Assert.That(leadNotes.Select(m => m.To), Is.EqualTo(new[] { "lead@clyde.example", "lead@clyde.example" }));
            Assert.That(allocation!.Result.Lot("1").Shares, Is.Empty, "the first answer no longer counts");
            Assert.That(allocation.Result.Lot("2").Shares.Single().MemberId, Is.EqualTo(invited[0].MemberId));
        });
    }

    [Test]
    public async Task The_round_closes_early_once_every_invited_member_has_answered()
    {
        var opportunity = await _bid.ImportAsync(BidHarness.Glasgow);
        var instance = await _bid.StartAsync(opportunity);
        var invited = await _bid.InvitedAsync(opportunity);
        for (var i = 0; i < invited.Count; i++)
        {
            var token = await _bid.TokenAsync(instance, invited[i].Email);
            await _bid.Declarations.SubmitWithTokenAsync(token, i == 3 ? BidHarness.Decline("Full this year") : BidHarness.Offer("1", 1000_000, 1m));
        }

        var round = await _bid.Invitations.RoundAsync(opportunity);
        var details = await _bid.Queries.GetInstanceAsync(instance);
        Assert.Multiple(() =>
        {
            Assert.That(round!.ClosedAt, Is.EqualTo(BidHarness.Epoch), "closed at once, days before the deadline");
            Assert.That(details!.Summary.Stage, Is.EqualTo("Lead approval"));
            Assert.That(details.Bookmarks.Select(b => b.Name), Is.EqualTo(new[] { AllocationSignals.Approval }));
        });
        var edit = await _bid.TokenAsync(instance, invited[0].Email);
        Assert.ThrowsAsync<DeclarationClosedException>(() => _bid.Declarations.SubmitWithTokenAsync(edit, BidHarness.Offer("1", 10, 1m)),
            "once closed early, answers are no longer taken");
    }

    [Test]
    public async Task The_same_answer_sent_again_is_not_a_new_revision_and_is_accepted_after_it_closed_the_round()
    {
        var opportunity = await _bid.ImportAsync(BidHarness.Glasgow);
        var instance = await _bid.StartAsync(opportunity);
        var invited = await _bid.InvitedAsync(opportunity);
        var tokens = new List<string>();
        foreach (var invitation in invited) tokens.Add(await _bid.TokenAsync(instance, invitation.Email));
        var first = await _bid.Declarations.SubmitWithTokenAsync(tokens[0], BidHarness.Offer("1", 1000_000, 1m));
        var again = await _bid.Declarations.SubmitWithTokenAsync(tokens[0], BidHarness.Offer("1", 1000_000, 1m));
        for (var i = 1; i < tokens.Count; i++) await _bid.Declarations.SubmitWithTokenAsync(tokens[i], BidHarness.Offer("1", 1000_000, 1m));
        // The last member's phone lost the answer that closed the round, and sends it again.
        var repeated = await _bid.Declarations.SubmitWithTokenAsync(tokens[^1], BidHarness.Offer("1", 1000_000, 1m));

        var receipts = await _bid.EmailsAsync(instance, $"declaration-receipt.member:{invited[0].MemberId}:");
        Assert.Multiple(async () =>
        {
            Assert.That(again.Revision, Is.EqualTo(first.Revision));
            Assert.That(await _bid.DeclarationStore.HistoryAsync(opportunity, invited[0].MemberId), Has.Count.EqualTo(1));
            Assert.That(receipts, Has.Count.EqualTo(1), "one receipt: the repeat was the same answer");
            Assert.That(repeated.Revision, Is.EqualTo(1));
            Assert.That((await _bid.Invitations.RoundAsync(opportunity))!.ClosedAt, Is.Not.Null);
        });
        Assert.ThrowsAsync<DeclarationClosedException>(() => _bid.Declarations.SubmitWithTokenAsync(tokens[^1], BidHarness.Offer("1", 999_999, 1m)),
            "a changed answer after the close is still refused");
    }

    [Test]
    public async Task The_lead_can_extend_the_deadline_and_the_old_deadline_then_passes_without_closing()
    {
        var opportunity = await _bid.ImportAsync(BidHarness.Glasgow);
        var instance = await _bid.StartAsync(opportunity);
        var invited = await _bid.InvitedAsync(opportunity);
        await _bid.Declarations.ExtendAsync(opportunity, BidHarness.Epoch.AddDays(14), "lead:test");
        await _bid.AdvanceAsync(TimeSpan.FromDays(11));
        var saved = await _bid.Declarations.SubmitWithTokenAsync(await _bid.TokenAsync(instance, invited[0].Email), BidHarness.Offer("1", 1000_000, 1m));
        await _bid.AdvanceAsync(TimeSpan.FromDays(3));

        Assert.Multiple(async () =>
        {
            Assert.That(saved.Revision, Is.EqualTo(1), "still open after the first deadline");
            Assert.That((await _bid.Invitations.RoundAsync(opportunity))!.ClosedAt, Is.EqualTo(BidHarness.Epoch.AddDays(14)));
            Assert.That((await _bid.AllocationStore.CurrentAsync(opportunity))!.Result.Lot("1").Shares, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Bad_settings_are_refused_at_start_naming_each_one_rather_than_faulting_the_bid_later()
    {
        var opportunity = await _bid.ImportAsync(BidHarness.Glasgow);
        var ex = Assert.ThrowsAsync<WorkflowInputException>(() => _bid.StartAsync(opportunity, new JsonObject
        {
            ["leadEmail"] = "not an email",
            ["allocation"] = new JsonObject { ["maxSharePerMember"] = "140%" },
            ["lotTerms"] = new JsonObject { ["1"] = new JsonObject { ["unit"] = "litres" } },
        }));
        Assert.That(ex!.Message.Split(Environment.NewLine), Is.EquivalentTo(new[]
        {
            "settings.leadEmail: expected an email address or an array of them, got \"not an email\"",
            "settings.maxSharePerMember: expected a fraction from 0 to 1 (or text like \"40%\"), got \"140%\"",
            "settings.lotTerms.1.unit: expected one of hours, places, sessions, value, got \"litres\"",
        }));
        Assert.That(await _bid.Queries.ListInstancesAsync(), Is.Empty, "nothing started");
    }

    [Test]
    public async Task Declaration_values_are_checked_field_by_field()
    {
        var opportunity = await _bid.ImportAsync(BidHarness.Glasgow);
        var instance = await _bid.StartAsync(opportunity, new JsonObject
        {
            ["lotTerms"] = new JsonObject { ["1"] = new JsonObject { ["unit"] = "places", ["demand"] = 40 } },
        });
        var token = await _bid.TokenAsync(instance, (await _bid.InvitedAsync(opportunity))[0].Email);
        var bad = """
                  {"lots": [
                     {"lotId": "1", "volume": 41, "pricePerUnit": -5, "earliestStart": "01/04/2027", "areas": ["S12000036", "Atlantis"],
                      "socialValue": [{"measure": "SV99", "quantity": 1}, {"measure": "SV02", "quantity": 150}], "colour": "blue"},
                     {"lotId": "7", "volume": 1, "pricePerUnit": 1, "earliestStart": "2027-01-01"},
                     {"lotId": "2", "volume": 2.5, "earliestStart": "2027-01-01"}],
                   "spd": {"invoicesPaidOnTimePercent": 101}}
                  """;
        var ex = Assert.ThrowsAsync<ProblemException>(() => _bid.Declarations.SubmitWithTokenAsync(token, bad));
        Assert.That(ex!.Items.Select(p => p.Code), Is.All.EqualTo(ProblemCode.Invalid), "typed problems, each naming its field");
        Assert.That(ex.Problems, Is.EquivalentTo(new[]
        {
            "lots[0].colour: Unknown field; expected one of lotId, volume, pricePerUnit, earliestStart, staff, keyRoles, areas, socialValue",
            "lots[0].volume: Enter a number of places between 1 and 40",
            "lots[0].pricePerUnit: Enter your price per place in pounds, more than £0 and no more than £1,250,000",
            "lots[0].earliestStart: Enter a real date, for example 1 April 2027 (in a file: 2027-04-01)",
            "lots[0].areas[0]: City of Edinburgh is outside this lot's areas (Glasgow City)",
            "lots[0].areas[1]: “Atlantis” is not a Scottish council area; choose one by name, for example City of Edinburgh (or its code, S12000036)",
            "lots[0].socialValue[0].measure: 'SV99' is not on the social-value measures list; choose a measure from the list, such as SV01",
            "lots[0].socialValue[1].quantity: Enter a percentage for SV02, above 0 and no more than 100",
            "lots[1].lotId: There is no lot '7' in this opportunity; choose one of lots 2, 1",
            "lots[2].volume: Enter an amount of work in pounds between £1 and £2,500,000",
            "spd.invoicesPaidOnTimePercent: Enter the percentage of invoices you paid on time, from 0 to 100",
        }));
        Assert.That(await _bid.DeclarationStore.LatestAsync(opportunity), Is.Empty, "nothing half-written");
    }
}
