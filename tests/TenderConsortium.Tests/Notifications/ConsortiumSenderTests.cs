using System.Text.Json.Nodes;
using TenderConsortium.Mail;
using TenderConsortium.Tests.Declarations;

namespace TenderConsortium.Tests.Notifications;

/// <summary>
/// A member's email comes from the consortium, not the software: From shows the consortium's name, Reply-To is the
/// bid's lead contact, the body is signed by the named contact and never names the software as the bidder.
/// </summary>
public sealed class ConsortiumSenderTests
{
    private BidHarness _bid = null!;

    [SetUp]
    public async Task Start() => _bid = await BidHarness.CreateAsync();

    [TearDown]
    public async Task Stop() => await _bid.DisposeAsync();

    [Test]
    public async Task An_invitation_is_from_the_consortium_replies_reach_the_lead_and_the_named_contact_signs_it()
    {
        var opportunity = await _bid.ImportAsync(BidHarness.Glasgow);
        var instance = await _bid.StartAsync(opportunity, new JsonObject
        {
            ["consortiumName"] = "Clyde Social Enterprise Consortium",
            ["leadName"] = "Morag Innes, Clyde Social Enterprise Consortium",
            ["leadEmail"] = "morag@clyde-consortium.org.uk",
        });
        var invitation = (await _bid.EmailsAsync(instance, "invitation.member")).First();
        var composed = new MailMessageComposer(new MailOptions { From = "tenders@clyde-consortium.org.uk", FromName = "TenderConsortium" }).Compose(invitation);

        Assert.Multiple(() =>
        {
            Assert.That(composed.From.Mailboxes.Single().Name, Is.EqualTo("Clyde Social Enterprise Consortium"));
            Assert.That(composed.From.Mailboxes.Single().Address, Is.EqualTo("tenders@clyde-consortium.org.uk"), "sent from the node's own address");
            Assert.That(composed.ReplyTo.Mailboxes.Single().Address, Is.EqualTo("morag@clyde-consortium.org.uk"), "replies reach the lead");
            Assert.That(invitation.TextBody, Does.Contain("Questions? Just reply to this email.\n\nMorag Innes, Clyde Social Enterprise Consortium"));
            Assert.That(invitation.TextBody, Does.Not.Contain("TenderConsortium is bidding").And.Not.Contain("bid team").And.Not.Match(@"@[\w.-]+\.example\b"), "no placeholder contact");
            Assert.That(invitation.HtmlBody, Does.Contain("<p>Morag Innes, Clyde Social Enterprise Consortium</p>"));
        });
    }
}
