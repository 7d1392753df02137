using System.Net;
using System.Text.Json;
using TenderConsortium.IntegrationTests.Support;

namespace TenderConsortium.IntegrationTests.Hosting;

public sealed class ServeTests
{
    [Test]
    public async Task Health_reports_the_database_due_timers_and_outbox_backlog()
    {
        await using var node = await WebNode.StartAsync();
        var response = await node.Http.GetAsync("/health");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(body.RootElement.GetProperty("status").GetString(), Is.EqualTo("ok"));
        Assert.That(body.RootElement.GetProperty("database").GetProperty("reachable").GetBoolean(), Is.True);
        Assert.That(body.RootElement.GetProperty("timers").GetProperty("due").GetInt32(), Is.EqualTo(0));
        Assert.That(body.RootElement.GetProperty("outbox").GetProperty("backlog").GetInt32(), Is.EqualTo(0));
    }

    [Test]
    public async Task Live_answers_from_the_process_and_ready_only_while_documents_can_be_written()
    {
        await using var node = await WebNode.StartAsync();
        var live = await node.Http.GetAsync("/health/live");
        var ready = await node.Http.GetAsync("/health/ready");

        var documents = Path.Combine(node.DataFolder, "documents");
        if (Directory.Exists(documents)) Directory.Delete(documents, recursive: true);
        await File.WriteAllTextAsync(documents, "a file where the folder should be"); // unwritable even for root
        var broken = await node.Http.GetAsync("/health/ready");
        var brokenBody = await broken.Content.ReadAsStringAsync();
        var stillLive = await node.Http.GetAsync("/health/live");
        File.Delete(documents);
        var back = await node.Http.GetAsync("/health/ready");

        Assert.Multiple(async () =>
        {
            Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), await ready.Content.ReadAsStringAsync());
            Assert.That(broken.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(brokenBody, Does.Contain("the documents folder cannot be written"));
            Assert.That(stillLive.StatusCode, Is.EqualTo(HttpStatusCode.OK), "not ready is not dead");
            Assert.That(back.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task An_unusable_mail_configuration_is_refused_at_start_naming_the_setting()
    {
        var (exit, output) = await TenderProcess.RunAsync(
            ["workflows", "list", "--data", Path.Combine(Path.GetTempPath(), "tender-cfg-" + Guid.NewGuid().ToString("N"))],
            new Dictionary<string, string>
            {
                ["Mail__Transport"] = "smtp", ["Mail__Smtp__Host"] = "relay.example.org", ["Mail__Smtp__Port"] = "465", ["Mail__Smtp__Security"] = "StartTls",
            });
        Assert.That(exit, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("Mail:Smtp:Port: 465 is for TLS from the first byte"));
        Assert.That(output, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public async Task Smtp_without_a_sender_address_stops_start_up_saying_what_to_set()
    {
        var (exit, output) = await TenderProcess.RunAsync(
            ["workflows", "list", "--data", Path.Combine(Path.GetTempPath(), "tender-cfg-" + Guid.NewGuid().ToString("N"))],
            new Dictionary<string, string> { ["Mail__Transport"] = "smtp", ["Mail__Smtp__Host"] = "relay.example.org" });
        Assert.That(exit, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("Mail:From: not set. Set it to the address your consortium's emails are sent from"));
        Assert.That(output, Does.Not.Contain("   at ").And.Not.Contain("consortium.example"), "no stack trace, no invented sender");
    }

    [Test]
    public async Task The_cli_exits_2_for_a_malformed_definition_folder_with_file_and_path()
    {
        var folder = Path.Combine(Path.GetTempPath(), "tender-bad-defs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "broken.json"), """{ "id": "x", "name": "X", "activities": [ { "id": "start", "type": "Strat" } ] }""");
        var (exit, output) = await TenderProcess.RunAsync(["workflows", "check", folder]);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(output, Does.Contain("broken.json: $.activities[0].type"));
        Directory.Delete(folder, recursive: true);
    }

    [TestCase("serve --urls nonsense", "--urls: 'nonsense' is not an address", TestName = "serve refuses a bad --urls")]
    [TestCase("instances show not-a-guid", "id: expected an instance id", TestName = "instances show refuses a malformed id")]
    [TestCase("instances retry 00000000-0000-0000-0000-000000000001", "No workflow instance 00000000-0000-0000-0000-000000000001", TestName = "instances retry of an unknown instance says so")]
    [TestCase("demo --no-such-option", "'--no-such-option' is not an option of 'tender demo'", TestName = "an unknown option is bad input")]
    public async Task Bad_command_lines_exit_2_with_a_message_and_no_stack_trace(string commandLine, string expected)
    {
        var data = Path.Combine(Path.GetTempPath(), "tender-cli-" + Guid.NewGuid().ToString("N"));
        var (exit, output) = await TenderProcess.RunAsync([.. commandLine.Split(' '), "--data", data]);
        Assert.That(exit, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain(expected));
        Assert.That(output, Does.Not.Contain("   at "));
        if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
    }
}
