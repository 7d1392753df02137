using MimeKit;
using TenderConsortium.Core.Notifications;
using TenderConsortium.IntegrationTests.Mail.Support;
using TenderConsortium.IntegrationTests.Support;
using TenderConsortium.Workflows.Mail;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.IntegrationTests.Mail;

/// <summary>
/// Email through the whole path: a workflow burst commits outbox rows, the dispatcher sends them with SmtpTransport,
/// a real SMTP server (aiosmtpd) receives them, and the test reads what arrived.
/// </summary>
[NonParallelizable]
public sealed class SmtpDeliveryTests
{
    private static IReadOnlyDictionary<string, string?> With(SmtpTestServer server, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>(server.Configuration);
        foreach (var (k, v) in extra) settings[k] = v;
        return settings;
    }

    [Test]
    public async Task Every_template_arrives_with_its_recipient_subject_absolute_links_and_attachment()
    {
        await using var server = await SmtpTestServer.StartAsync();
        await using var node = await MailNode.StartAsync(server.Configuration);
        var document = Path.Combine(node.Folder, "subcontract.docx");
        var documentBytes = "PK\u0003\u0004 sub-contract for Kirkcaldy Community Links"u8.ToArray();
        await File.WriteAllBytesAsync(document, documentBytes);

        var requests = EmailTemplateNames.All.Select((name, i) => new EmailRequest(
            name,
            $"recipient{i}@members.example",
            EmailSampleModels.For(name, node.Links)!,
            name == EmailTemplateNames.SubcontractIssuedMember
                ? [new MailAttachment("Sub-contract - Kirkcaldy Community Links.docx", document, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
                : null)).ToList();
        var instance = await node.QueueAsync([.. requests]);
        await node.DispatchUntilSettledAsync();

        var received = await server.WaitForAsync(requests.Count);
        Assert.That(received, Has.Count.EqualTo(requests.Count));
        var rows = await node.Queries.ListOutboxAsync(instanceId: instance);
        Assert.That(rows.Select(r => r.Status), Is.All.EqualTo(OutboxStatus.Sent));
        foreach (var request in requests)
        {
            var expected = node.Templates.Render(request.Template, request.Model);
            var mail = received.Single(m => m.Recipients.Single() == request.To);
            var row = rows.Single(r => r.Recipient == request.To);
            var message = mail.Message;
            Assert.Multiple(() =>
            {
                Assert.That(mail.MailFrom, Is.EqualTo("bids@fifesen.example"), request.Template);
                Assert.That(message.From.ToString(), Does.Contain("Fife Social Enterprise Network").And.Contain("<bids@fifesen.example>"), request.Template);
                Assert.That(message.To.ToString(), Does.Contain(request.To), request.Template);
                Assert.That(message.Subject, Is.EqualTo(expected.Subject), request.Template);
                Assert.That(message.Headers[HeaderId.MessageId], Is.EqualTo(row.MessageId), request.Template);
                Assert.That(message.Headers["Auto-Submitted"], Is.EqualTo("auto-generated"), request.Template);
                var text = message.TextBody ?? "";
                var html = message.HtmlBody ?? "";
                Assert.That(text.ReplaceLineEndings("\n"), Is.EqualTo(expected.Text), request.Template);
                Assert.That(html.ReplaceLineEndings("\n"), Is.EqualTo(expected.Html), request.Template);
                var link = request.Model["link"] as string;
                Assert.That(link, Does.StartWith("https://bids.fifesen.example"), request.Template);
                Assert.That(text, Does.Contain(link), request.Template);
                Assert.That(html, Does.Contain($"href=\"{link}\""), request.Template);
                Assert.That(System.Text.RegularExpressions.Regex.Matches(html, "href=\"([^\"]+)\"").Select(m => m.Groups[1].Value),
                    Is.All.Match("^(https://|mailto:)"), $"{request.Template}: every link is absolute");
            });
            var attachments = message.Attachments.OfType<MimePart>().ToList();
            if (request.Attachments is null)
            {
                Assert.That(attachments, Is.Empty, request.Template);
                continue;
            }

            Assert.That(attachments, Has.Count.EqualTo(1));
            Assert.That(attachments[0].FileName, Is.EqualTo("Sub-contract - Kirkcaldy Community Links.docx"));
            Assert.That(attachments[0].ContentType.MimeType, Is.EqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
            Assert.That(attachments[0].DecodedBytes(), Is.EqualTo(documentBytes));
            Assert.That(message.Body?.ContentType.MimeType, Is.EqualTo("multipart/mixed"));
        }
    }

    [Test]
    public async Task A_member_called_script_stays_text()
    {
        await using var server = await SmtpTestServer.StartAsync();
        await using var node = await MailNode.StartAsync(server.Configuration);
        var model = new Dictionary<string, object?>(EmailSampleModels.For(EmailTemplateNames.InvitationMember, node.Links)!)
        {
            ["member"] = new Dictionary<string, object?> { ["name"] = "<script>alert('x')</script> & Co", ["contactName"] = null },
        };
        await node.QueueAsync(new EmailRequest(EmailTemplateNames.InvitationMember, "script@members.example", model));
        await node.DispatchUntilSettledAsync();

        var message = (await server.WaitForAsync(1)).Single().Message;
        var html = message.HtmlBody ?? "";
        Assert.That(html, Does.Not.Contain("<script>"));
        Assert.That(html, Does.Contain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co"));
        Assert.That(message.TextBody, Does.Contain("Hello <script>alert('x')</script> & Co,"));
    }

    [Test]
    public async Task Server_stopped_for_a_while_then_started_again_every_message_arrives_and_none_twice()
    {
        await using var server = await SmtpTestServer.StartAsync();
        await using var node = await MailNode.StartAsync(server.Configuration);
        await server.StopAsync();
        var requests = Enumerable.Range(0, 12).Select(i => new EmailRequest(EmailTemplateNames.ReminderMember, $"member{i}@members.example",
            EmailSampleModels.For(EmailTemplateNames.ReminderMember, node.Links)!)).ToArray();
        await node.QueueAsync(requests);

        // While it is down: failures, then the relay counts as down and sending pauses without using up attempts.
        for (var i = 0; i < 5; i++)
        {
            await node.Dispatcher.DispatchOnceAsync();
            await Task.Delay(100);
        }

        var waiting = await node.Queries.ListDeliveriesAsync(OutboxStatus.Pending);
        Assert.That(waiting, Has.Count.EqualTo(12), "nothing is lost or failed while the server is down");
        Assert.That(waiting.Max(r => r.Attempts), Is.LessThan(4), "a down relay does not use up the messages' attempts");
        Assert.That(waiting.Select(r => r.LastError), Is.All.Not.Null);

        await server.StartAgainAsync();
        await node.DispatchUntilSettledAsync();
        var received = await server.WaitForAsync(12);
        await Task.Delay(300);
        received = server.Received();
        Assert.That(received.Select(m => m.Message.Headers[HeaderId.MessageId]).Distinct().Count(), Is.EqualTo(12), "every message arrived");
        Assert.That(received, Has.Count.EqualTo(12), "none arrived twice");
        Assert.That((await node.Queries.ListDeliveriesAsync(OutboxStatus.Sent)).Count, Is.EqualTo(12));
    }

    [Test]
    public async Task A_server_answering_450_then_250_gets_the_message_on_a_later_attempt()
    {
        await using var server = await SmtpTestServer.StartAsync("--tempfail", "1");
        await using var node = await MailNode.StartAsync(server.Configuration);
        await node.QueueAsync(new EmailRequest(EmailTemplateNames.DeclarationReceiptMember, "busy@members.example",
            EmailSampleModels.For(EmailTemplateNames.DeclarationReceiptMember, node.Links)!));

        await node.Dispatcher.DispatchOnceAsync();
        var first = (await node.Queries.ListDeliveriesAsync()).Single();
        Assert.That(first.Status, Is.EqualTo(OutboxStatus.Pending), "450 is transient");
        Assert.That(first.Attempts, Is.EqualTo(1));
        Assert.That(first.LastError, Does.StartWith("450").And.Contain("Mailbox busy"));

        await node.DispatchUntilSettledAsync();
        var done = (await node.Queries.ListDeliveriesAsync()).Single();
        Assert.That(done.Status, Is.EqualTo(OutboxStatus.Sent));
        Assert.That(done.Attempts, Is.EqualTo(2));
        Assert.That((await server.WaitForAsync(1)).Single().Recipients, Is.EqualTo(new[] { "busy@members.example" }));
    }

    [Test]
    public async Task A_server_answering_550_marks_the_email_failed_with_its_reason_for_the_lead()
    {
        await using var server = await SmtpTestServer.StartAsync("--reject", "nobody@=550");
        await using var node = await MailNode.StartAsync(With(server, ("Outbox:QuickRetries", "2")));
        await node.QueueAsync(
            new EmailRequest(EmailTemplateNames.InvitationMember, "nobody@members.example", EmailSampleModels.For(EmailTemplateNames.InvitationMember, node.Links)!),
            new EmailRequest(EmailTemplateNames.InvitationMember, "somebody@members.example", EmailSampleModels.For(EmailTemplateNames.InvitationMember, node.Links)!));
        await node.DispatchUntilSettledAsync();

        var failed = await node.Queries.ListFailedDeliveriesAsync();
        Assert.That(failed, Has.Count.EqualTo(1));
        Assert.That(failed[0].Recipient, Is.EqualTo("nobody@members.example"));
        Assert.That(failed[0].Attempts, Is.EqualTo(1), "a permanent failure is not retried");
        Assert.That(failed[0].LastError, Does.StartWith("550").And.Contain("mailbox does not exist"));
        Assert.That((await server.WaitForAsync(1)).Single().Recipients, Is.EqualTo(new[] { "somebody@members.example" }));
        Assert.That((await node.Queries.HealthAsync()).OutboxFailed, Is.EqualTo(1), "/health counts it too");

        await node.Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var (exit, output) = await TenderProcess.RunAsync(["outbox", "list", "--failed", "--data", node.Folder]);
        Assert.That(exit, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("nobody@members.example").And.Contain("550").And.Contain("1 failed"));
        (exit, output) = await TenderProcess.RunAsync(["outbox", "retry", "--all-failed", "--data", node.Folder]);
        Assert.That(exit, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("Queued 1 failed email(s) again."));
    }

    [Test]
    public async Task Tender_mail_test_sends_through_the_relay_named_by_environment_variables()
    {
        await using var server = await SmtpTestServer.StartAsync();
        var data = Path.Combine(Path.GetTempPath(), "tender-mail", Guid.NewGuid().ToString("N"));
        var environment = new Dictionary<string, string>(server.Environment) { ["Mail__From"] = "bids@fifesen.example" };
        var (exit, output) = await TenderProcess.RunAsync(["mail", "test", "--to", "lead@fifesen.example", "--data", data], environment);
        Assert.That(exit, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain($"127.0.0.1:{server.Port}"));
        var mail = (await server.WaitForAsync(1)).Single();
        Assert.That(mail.Recipients, Is.EqualTo(new[] { "lead@fifesen.example" }));
        Assert.That(mail.Message.Subject, Does.StartWith("Test email from"));

        Assert.That(output, Does.Contain("Connection: no TLS").And.Contain("Signed in with: no sign-in").And.Contain("8BITMIME yes"), "what was negotiated");

        // Port 465 is TLS from the first byte; asking for STARTTLS there is a setting that cannot work.
        environment["Mail__Smtp__Port"] = "465";
        environment["Mail__Smtp__Security"] = "StartTls";
        environment["Mail__Smtp__UserName"] = "bids";
        environment["Mail__Smtp__Password"] = "s3cret-pass";
        (exit, output) = await TenderProcess.RunAsync(["mail", "test", "--to", "lead@fifesen.example", "--data", data], environment);
        Assert.That(exit, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("Mail:Smtp:Port: 465 is for TLS from the first byte"));
        Assert.That(output, Does.Not.Contain("s3cret-pass"), "the password is never shown");
        try { Directory.Delete(data, recursive: true); } catch (IOException) { }
    }
}
