using System.Text.Json.Nodes;
using TenderConsortium.Mail;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.Workflows.Tests.Engine;

public sealed class OutboxTests : RuntimeTestBase
{
    [Test]
    public async Task Queued_email_is_delivered_once_as_an_eml_file_named_by_its_message_id()
    {
        var id = (await Node.Runtime.StartAsync("approval", new JsonObject { ["title"] = "Lot <b>3</b>" })).InstanceId;
        await Node.Runtime.ResumeAsync(id, "approval", "lead", new JsonObject { ["decision"] = "approve" });
        Assert.That(Directory.Exists(Node.OutboxFolder) ? Directory.GetFiles(Node.OutboxFolder, "*.eml") : [], Is.Empty, "nothing is sent before dispatch");

        Assert.That(await Node.Dispatcher.DispatchOnceAsync(), Is.EqualTo(1));
        Assert.That(await Node.Dispatcher.DispatchOnceAsync(), Is.EqualTo(0));
        var row = (await Node.Queries.ListOutboxAsync(instanceId: id)).Single();
        Assert.That(row.Status, Is.EqualTo(OutboxStatus.Sent));
        var file = Directory.GetFiles(Node.OutboxFolder, "*.eml").Single();
        Assert.That(Path.GetFileName(file), Is.EqualTo(PickupFolderTransport.FileNameFor(row.MessageId)));
        var text = await File.ReadAllTextAsync(file);
        Assert.That(text, Does.Contain("Message-ID: " + row.MessageId));
        Assert.That(text, Does.Contain("To: lead@example.org"));
    }

    [Test]
    public async Task Message_ids_are_stable_per_instance_event_and_recipient()
    {
        var a = Activities.ActivityContext.StableMessageId(Guid.Parse("3f1c0a52-1111-2222-3333-444455556666"), "invite#0", "Member@Example.org", "x.test");
        var b = Activities.ActivityContext.StableMessageId(Guid.Parse("3f1c0a52-1111-2222-3333-444455556666"), "invite#0", "member@example.org", "x.test");
        var c = Activities.ActivityContext.StableMessageId(Guid.Parse("3f1c0a52-1111-2222-3333-444455556666"), "invite#1", "member@example.org", "x.test");
        Assert.That(a, Is.EqualTo(b));
        Assert.That(a, Is.Not.EqualTo(c));
        Assert.That(a, Does.Match("^<[0-9a-f]{32}@x\\.test>$"));
    }
}
