using System.Text;
using System.Text.Json.Nodes;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Intake;
using TenderConsortium.Core.Invitations;
using TenderConsortium.Core.Reference;
using TenderConsortium.Tests.Declarations;

namespace TenderConsortium.Tests.Hostile;

/// <summary>
/// The declaration corpus through the real service and store, as the lead enters it for a member of a running bid
/// (the same reader the web form and the token API use): accepted, and then the stored revision is the one returned
/// and keeps every rule (lot of the opportunity once, volume within demand, price within bounds, areas inside the
/// lot), or refused with specific problems and no revision stored.
/// </summary>
public sealed class HostileDeclarationTests
{
    private BidHarness _bid = null!;
    private string _opportunity = null!;
    private string _member = null!;
    private DeclarationRound _round = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _bid = await BidHarness.CreateAsync();
        _opportunity = await _bid.ImportAsync(BidHarness.Glasgow);
        await _bid.StartAsync(_opportunity, new JsonObject
        {
            ["declarationPeriod"] = "P30D",
            ["completeWhenAllAnswered"] = false,
            ["lotTerms"] = DeclarationCorpus.LotTerms(),
        });
        _member = (await _bid.InvitedAsync(_opportunity)).OrderBy(i => i.MemberId, StringComparer.Ordinal).First().MemberId;
        _round = (await _bid.Invitations.RoundAsync(_opportunity))!;
    }

    [OneTimeTearDown]
    public async Task Stop() => await _bid.DisposeAsync();

    public static IEnumerable<TestCaseData> Cases() => DeclarationCorpus.All().Select(c => c.Case());

    [TestCaseSource(nameof(Cases))]
    public async Task Is_accepted_consistently_or_refused_with_a_specific_message(HostileInput input)
    {
        // Hosts decode the body or file as UTF-8 text (refusing bytes that are not) before the reader sees it.
        var before = (await _bid.DeclarationStore.HistoryAsync(_opportunity, _member)).Count;
        CapacityDeclaration saved;
        try
        {
            var json = TextEncoding.Decode(input.Content(), "declaration.json");
            saved = await _bid.Declarations.SubmitForMemberAsync(_opportunity, _member, json, "lead:hostile-corpus");
        }
        catch (BadInputException ex)
        {
            Refusal.AssertSpecific(ex, input.ToString());
            Assert.That((await _bid.DeclarationStore.HistoryAsync(_opportunity, _member)).Count, Is.EqualTo(before), "nothing stored when refused");
            return;
        }

        var history = await _bid.DeclarationStore.HistoryAsync(_opportunity, _member);
        // An answer that says exactly what the latest one says is that revision again, not a new one.
        Assert.That(history, Has.Count.EqualTo(saved.Revision == before ? before : before + 1));
        var stored = history[^1];
        Assert.That(stored.Revision, Is.EqualTo(saved.Revision));
        Assert.That(stored.DeclineReason, Is.EqualTo(saved.DeclineReason));
        Assert.That(stored.Lots.Select(l => (l.LotId, l.Volume, l.PricePerUnit, l.EarliestStart)), Is.EqualTo(saved.Lots.Select(l => (l.LotId, l.Volume, l.PricePerUnit, l.EarliestStart))));
        Assert.That(stored.Declined || stored.Lots.Count > 0, Is.True, "an answer offers lots or declines");
        Assert.That(stored.Lots.Select(l => l.LotId), Is.Unique);
        foreach (var lot in stored.Lots)
        {
            var terms = _round.TermsOf(lot.LotId);
            Assert.Multiple(() =>
            {
                Assert.That(terms, Is.Not.Null, $"lot {lot.LotId} is a lot of the opportunity");
                Assert.That(lot.Volume, Is.InRange(1, terms!.Demand));
                Assert.That(lot.PricePerUnit, Is.GreaterThan(0m).And.LessThanOrEqualTo((terms.ReferencePricePerUnit ?? 10_000m) * 10m));
                Assert.That(lot.Staff, Is.InRange(0, 100_000));
                Assert.That(lot.Areas, Is.All.Matches<string>(a => ScottishPlaces.Default.FindByCode(a) is not null));
                Assert.That(lot.KeyRoles, Has.Count.LessThanOrEqualTo(DeclarationReader.MaxListItems).And.All.Length.InRange(1, DeclarationReader.MaxText));
                Assert.That(lot.SocialValue.Select(s => s.MeasureId), Is.Unique);
                Assert.That(lot.SocialValue, Is.All.Matches<SocialValueCommitment>(s => s.Quantity > 0));
            });
        }

        Assert.That(stored.Spd.InvoicesPaidOnTimePercent ?? 0, Is.InRange(0m, 100m));
        Assert.That(stored.Spd.AnnualTurnover ?? 0, Is.GreaterThanOrEqualTo(0m));
        Assert.That(stored.Conflicts, Has.All.Length.InRange(1, DeclarationReader.MaxText));
    }
}
