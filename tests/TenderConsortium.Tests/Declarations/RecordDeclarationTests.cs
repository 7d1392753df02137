using System.Text.Json.Nodes;
using TenderConsortium.Application.Declarations.Record;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Web.Pages.Member;
using TenderConsortium.Web.Pages.Shared;

namespace TenderConsortium.Tests.Declarations;

/// <summary>
/// Recording a declaration through the application's handler, as the member's form does: the form's answer is a JSON
/// value (never text), refusals are typed problems in the lot's own units, and each goes back to the field it names
/// by its path alone.
/// </summary>
public sealed class RecordDeclarationTests
{
    private BidHarness _bid = null!;
    private RecordDeclarationHandler _handler = null!;

    [SetUp]
    public async Task Start()
    {
        _bid = await BidHarness.CreateAsync();
        _handler = new RecordDeclarationHandler(_bid.Declarations);
    }

    [TearDown]
    public async Task Stop() => await _bid.DisposeAsync();

    private async Task<(string Opportunity, Guid Instance, string Token)> StartAsync()
    {
        var opportunity = await _bid.ImportAsync(BidHarness.Glasgow);
        var instance = await _bid.StartAsync(opportunity, new JsonObject
        {
            ["completeWhenAllAnswered"] = false,
            ["lotTerms"] = new JsonObject { ["1"] = new JsonObject { ["unit"] = "hours", ["demand"] = 200_000, ["referencePrice"] = 32.5m } },
        });
        var invited = await _bid.InvitedAsync(opportunity);
        Assert.That(invited, Is.Not.Empty, string.Join("\n", await _bid.JournalAsync(instance)));
        return (opportunity, instance, await _bid.TokenAsync(instance, invited[0].Email));
    }

    private static FormState Offer(int lot, string volume, string price, (string Day, string Month, string Year) start)
    {
        var form = new FormState();
        form.Set(DeclarationForm.Answer, "declare");
        form.Set(DeclarationForm.Lot(lot, "offer"), "yes");
        form.Set(DeclarationForm.Lot(lot, "volume"), volume);
        form.Set(DeclarationForm.Lot(lot, "price"), price);
        form.Set(DeclarationForm.Lot(lot, "start-day"), start.Day);
        form.Set(DeclarationForm.Lot(lot, "start-month"), start.Month);
        form.Set(DeclarationForm.Lot(lot, "start-year"), start.Year);
        return form;
    }

    [Test]
    public async Task A_refused_form_shows_plain_messages_in_the_lots_units_on_the_fields_they_name()
    {
        var (_, _, token) = await StartAsync();
        var view = await _bid.Declarations.ViewAsync(token);
        var lot1 = view.Opportunity.Lots.ToList().FindIndex(l => l.Id == "1");
        var form = Offer(lot1, "300000", "0", ("31", "2", "2027"));
        form.SetMany(DeclarationForm.Lot(lot1, "measures"), ["SV09"]); // chosen, but no number of weeks given
        var built = DeclarationForm.Build(view.Opportunity, view.Round, form);

        var refusal = Assert.ThrowsAsync<ProblemException>(() => _handler.HandleAsync(RecordDeclaration.FromLink(token, built.Answer!.Value)));
        DeclarationForm.Show(refusal!.Items, built.Fields, form);

        var sv09 = DeclarationForm.Measures.ToList().FindIndex(m => m.Id == "SV09");
        Assert.Multiple(() =>
        {
            Assert.That(refusal.Items.Select(p => p.Code), Is.All.EqualTo(ProblemCode.Invalid));
            Assert.That(form.ErrorFor(DeclarationForm.Lot(lot1, "volume")), Is.EqualTo("Lot 1: Enter a number of hours between 1 and 200,000"));
            Assert.That(form.ErrorFor(DeclarationForm.Lot(lot1, "price")), Is.EqualTo("Lot 1: Enter your price per hour in pounds, more than £0 and no more than £325"));
            Assert.That(form.ErrorFor(DeclarationForm.Lot(lot1, "start-day")),
                Is.EqualTo("Lot 1: Enter the date you could start as day, month and year, for example 1 4 2027"), "31 February is no date");
            Assert.That(form.ErrorFor(DeclarationForm.Measure(lot1, sv09)), Is.EqualTo("Lot 1: Enter a number of weeks for SV09, above 0 and no more than 1,000,000"));
            Assert.That(form.Errors.Select(e => e.Message), Has.None.Contains("expected").And.None.Contains("got "), "no developer words");
        });
    }

    [Test]
    public async Task A_value_lot_is_priced_as_a_percentage_of_the_buyers_estimate_and_only_chosen_measures_are_kept()
    {
        var (opportunity, _, token) = await StartAsync();
        var view = await _bid.Declarations.ViewAsync(token);
        var lot2 = view.Opportunity.Lots.ToList().FindIndex(l => l.Id == "2");
        var form = Offer(lot2, "150000", "90%", ("1", "4", "2027"));
        var sv01 = DeclarationForm.Measures.ToList().FindIndex(m => m.Id == "SV01");
        form.SetMany(DeclarationForm.Lot(lot2, "measures"), ["SV01"]);
        form.Set(DeclarationForm.Measure(lot2, sv01), "2");
        var built = DeclarationForm.Build(view.Opportunity, view.Round, form);

        var saved = await _handler.HandleAsync(RecordDeclaration.FromLink(token, built.Answer!.Value));

        var lot = saved.Lot("2")!;
        Assert.Multiple(() =>
        {
            Assert.That(lot.Volume, Is.EqualTo(150_000));
            Assert.That(lot.PricePerUnit, Is.EqualTo(0.9m), "90% of the estimate");
            Assert.That(lot.EarliestStart, Is.EqualTo(new DateOnly(2027, 4, 1)));
            Assert.That(lot.SocialValue.Select(s => (s.MeasureId, s.Quantity)), Is.EqualTo(new[] { ("SV01", 2m) }));
        });
        Assert.That((await _bid.DeclarationStore.HistoryAsync(opportunity, saved.MemberId)).Single().Revision, Is.EqualTo(saved.Revision));
    }

    [Test]
    public async Task An_answer_after_the_round_closed_is_a_conflict_about_the_whole_declaration()
    {
        var (_, _, token) = await StartAsync();
        await _bid.AdvanceAsync(TimeSpan.FromDays(40));

        var refusal = Assert.ThrowsAsync<ProblemException>(() => _handler.HandleAsync(RecordDeclaration.FromLink(token, BidHarness.Decline("Too late for us"))));

        Assert.That(refusal!.Items.Single().Path, Is.EqualTo(RecordDeclarationHandler.Whole));
        Assert.That(refusal.Code, Is.EqualTo(ProblemCode.Conflict));
        Assert.That(refusal.Items.Single().Message, Does.Contain("ask the consortium lead to reopen"));
    }
}
