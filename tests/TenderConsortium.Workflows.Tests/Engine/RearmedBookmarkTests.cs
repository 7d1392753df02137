using System.Text.Json.Nodes;
using TenderConsortium.Workflows.Engine;

namespace TenderConsortium.Workflows.Tests.Engine;

/// <summary>
/// A wait consumed and armed again in the same burst under the same name and key is not deleted and re-inserted (a
/// page per resume): the row stays, and it still says which activity waits on it.
/// </summary>
public sealed class RearmedBookmarkTests : RuntimeTestBase
{
    private const string Loop = """
    {
      "id": "rearm", "name": "Re-armed waits",
      "activities": [
        { "id": "start", "type": "Start" },
        { "id": "first", "type": "WaitForSignal", "properties": { "bookmark": "step", "key": "k", "output": "one" } },
        { "id": "second", "type": "WaitForSignal", "properties": { "bookmark": "step", "key": "k", "output": "two" } },
        { "id": "again", "type": "WaitForSignal", "properties": { "bookmark": "step", "key": "k", "output": "three" } },
        { "id": "mail", "type": "SendEmail", "properties": { "to": ["member@example.org"], "subject": "Step", "body": "Step done." } }
      ],
      "connections": [
        { "from": "start", "to": "first" }, { "from": "first", "to": "second" }, { "from": "second", "to": "again" },
        { "from": "again", "to": "mail" }, { "from": "mail", "to": "again" }
      ]
    }
    """;

    [Test]
    public async Task The_same_wait_at_the_next_activity_and_again_at_the_same_one_keeps_one_bookmark_that_names_the_waiting_activity()
    {
        await Node.RegisterAsync(Loop);
        var id = (await Node.Runtime.StartAsync("rearm")).InstanceId;
        var armed = (await Node.InstanceAsync(id)).Bookmarks.Single();
        Assert.That((armed.Name, armed.Key, armed.ActivityId), Is.EqualTo(("step", "k", "first")));

        Node.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.That((await Node.Runtime.ResumeAsync(id, "step", "k", new JsonObject(), "s1")).Status, Is.EqualTo(ResumeStatus.Applied));
        var moved = (await Node.InstanceAsync(id)).Bookmarks.Single();
        Assert.That((moved.ActivityId, moved.CreatedAt), Is.EqualTo(("second", Node.Clock.GetUtcNow())), "moved to the next activity, armed now");

        foreach (var (key, expected) in new[] { ("s2", "again"), ("s3", "again"), ("s4", "again") })
        {
            Node.Clock.Advance(TimeSpan.FromMinutes(1));
            Assert.That((await Node.Runtime.ResumeAsync(id, "step", "k", new JsonObject(), key)).Status, Is.EqualTo(ResumeStatus.Applied), key);
            var now = (await Node.InstanceAsync(id)).Bookmarks.Single();
            Assert.That(now.ActivityId, Is.EqualTo(expected), key);
        }

        var details = await Node.InstanceAsync(id);
        Assert.That(details.Journal.Count(j => j.Kind == JournalKinds.Resumed), Is.EqualTo(4));
        Assert.That((await Node.Runtime.ResumeAsync(id, "step", "k", new JsonObject(), "s4")).Status, Is.EqualTo(ResumeStatus.Duplicate), "the same signal again is not applied twice");
    }
}
