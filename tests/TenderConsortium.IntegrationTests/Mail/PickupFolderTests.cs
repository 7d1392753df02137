using TenderConsortium.Core.Notifications;
using TenderConsortium.IntegrationTests.Mail.Support;
using TenderConsortium.Mail;
using TenderConsortium.Workflows.Mail;

namespace TenderConsortium.IntegrationTests.Mail;

/// <summary>The default transport: every template, written as .eml files, reads back as a valid MIME message.</summary>
public sealed class PickupFolderTests
{
    [Test]
    public async Task Every_eml_file_is_a_valid_mime_message_with_text_html_and_attachment()
    {
        await using var node = await MailNode.StartAsync(new Dictionary<string, string?> { ["Mail:Transport"] = "pickup" });
        var document = Path.Combine(node.Folder, "subcontract.docx");
        await File.WriteAllBytesAsync(document, [0x50, 0x4B, 0x03, 0x04, 0x00, 0xFF, 0x10]);
        var requests = EmailTemplateNames.All.Select((name, i) => new EmailRequest(name, $"r{i}@members.example", EmailSampleModels.For(name, node.Links)!,
            name == EmailTemplateNames.SubcontractIssuedMember ? [new MailAttachment("Sub-contract.docx", document, "application/octet-stream")] : null)).ToArray();
        var instance = await node.QueueAsync(requests);
        await node.DispatchUntilSettledAsync();

        var outbox = Path.Combine(node.Folder, "outbox");
        var files = Directory.GetFiles(outbox, "*.eml");
        Assert.That(files, Has.Length.EqualTo(requests.Length));
        Assert.That(Directory.Exists(Path.Combine(outbox, ".staging")) ? Directory.GetFileSystemEntries(Path.Combine(outbox, ".staging")) : [], Is.Empty);
        var rows = await node.Queries.ListOutboxAsync(instanceId: instance);
        foreach (var request in requests)
        {
            var row = rows.Single(r => r.Recipient == request.To);
            var file = Path.Combine(outbox, PickupFolderTransport.FileNameFor(row.MessageId));
            var message = MimeMessageReader.Parse(await File.ReadAllBytesAsync(file));
            var expected = node.Templates.Render(request.Template, request.Model);
            Assert.Multiple(() =>
            {
                Assert.That(message.Header("Message-ID"), Is.EqualTo(row.MessageId));
                Assert.That(message.Header("MIME-Version"), Is.EqualTo("1.0"));
                Assert.That(message.Header("Date"), Is.Not.Null);
                Assert.That(message.Header("Subject"), Is.EqualTo(expected.Subject));
                Assert.That(message.Header("From"), Does.Contain("bids@fifesen.example"));
                Assert.That(message.Header("To"), Does.Contain(request.To));
                var alternative = message.All().Single(p => p.MediaType == "multipart/alternative");
                Assert.That(alternative.Parts.Select(p => p.MediaType), Is.EqualTo(new[] { "text/plain", "text/html" }), "plain text first, HTML preferred");
                Assert.That(alternative.Parts.Select(p => p.Parameters["charset"].ToLowerInvariant()), Is.All.EqualTo("utf-8"));
                Assert.That(alternative.Parts[0].Text.ReplaceLineEndings("\n"), Is.EqualTo(expected.Text));
                Assert.That(alternative.Parts[1].Text.ReplaceLineEndings("\n"), Is.EqualTo(expected.Html));
                var attachments = message.All().Where(p => p.IsAttachment).ToList();
                Assert.That(attachments.Select(a => a.FileName), Is.EqualTo(request.Attachments is null ? Array.Empty<string>() : new[] { "Sub-contract.docx" }));
                if (request.Attachments is not null)
                {
                    Assert.That(message.MediaType, Is.EqualTo("multipart/mixed"));
                    Assert.That(attachments[0].Body, Is.EqualTo(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x00, 0xFF, 0x10 }));
                }
            });
        }
    }

    [Test]
    public void The_mime_reader_refuses_a_message_without_its_closing_boundary()
    {
        var raw = "Content-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\nhi\r\n"u8.ToArray();
        Assert.That(() => MimeMessageReader.Parse(raw), Throws.TypeOf<FormatException>().With.Message.Contains("closing boundary"));
    }
}
