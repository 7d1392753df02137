using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.Workflows.Tests.Engine;

public sealed class VersioningTests : RuntimeTestBase
{
    [Test]
    public async Task A_changed_definition_becomes_a_new_version_and_running_instances_keep_theirs()
    {
        var running = (await Node.Runtime.StartAsync("timer")).InstanceId;
        var unchanged = await Node.Runtime.Definitions.RegisterAsync(Node.Runtime.Definitions.Loader.Parse(Definitions.Timer, "timer.json"));
        Assert.That((unchanged.Version, unchanged.Added), Is.EqualTo((1, false)), "same content, same version");

        var changed = Definitions.Timer.Replace("\"subject\": \"Reminder\"", "\"subject\": \"Second reminder\"");
        var registered = await Node.Runtime.Definitions.RegisterAsync(Node.Runtime.Definitions.Loader.Parse(changed, "timer.json"));
        Assert.That((registered.Version, registered.Added), Is.EqualTo((2, true)));

        var newer = (await Node.Runtime.StartAsync("timer")).InstanceId;
        Node.Clock.Advance(TimeSpan.FromMinutes(10));
        await Node.Runtime.FireDueTimersAsync();

        Assert.That((await Node.InstanceAsync(running)).Summary.DefinitionVersion, Is.EqualTo(1));
        Assert.That((await Node.InstanceAsync(newer)).Summary.DefinitionVersion, Is.EqualTo(2));
        Assert.That((await Node.Queries.ListOutboxAsync(instanceId: running)).Single().Subject, Is.EqualTo("Reminder"));
        Assert.That((await Node.Queries.ListOutboxAsync(instanceId: newer)).Single().Subject, Is.EqualTo("Second reminder"));
        Assert.That((await Node.InstanceAsync(running)).Summary.Status, Is.EqualTo(InstanceStatus.Finished));

        var listed = await Node.Runtime.Definitions.ListAsync();
        Assert.That(listed.Where(d => d.Id == "timer").Select(d => (d.Version, d.Instances)), Is.EqualTo(new[] { (1, 1), (2, 1) }));
    }
}
