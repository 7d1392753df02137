using MimeKit;
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
            var raw = await File.ReadAllBytesAsync(file);
            using var message = MimeMessage.Load(new MemoryStream(raw));
            var expected = node.Templates.Render(request.Template, request.Model);
            Assert.Multiple(() =>
            {
                Assert.That(raw.All(b => b < 128), Is.True, "7-bit: readable by a relay without 8BITMIME");
                Assert.That(System.Text.Encoding.ASCII.GetString(raw).Split("\r\n").Where(l => l.Length > 998).Select(l => l[..60]), Is.Empty, "no line longer than SMTP allows");
                Assert.That(message.Headers[HeaderId.MessageId], Is.EqualTo(row.MessageId));
                Assert.That(message.Headers[HeaderId.MimeVersion], Is.EqualTo("1.0"));
                Assert.That(message.Headers[HeaderId.Date], Is.Not.Null);
                Assert.That(message.Subject, Is.EqualTo(expected.Subject));
                Assert.That(message.From.ToString(), Does.Contain("bids@fifesen.example"));
                Assert.That(message.To.ToString(), Does.Contain(request.To));
                var alternative = (Multipart)message.Entities().Single(p => p.ContentType.MimeType == "multipart/alternative");
                Assert.That(alternative.Select(p => p.ContentType.MimeType), Is.EqualTo(new[] { "text/plain", "text/html" }), "plain text first, HTML preferred");
                Assert.That(alternative.Select(p => p.ContentType.Charset?.ToLowerInvariant()), Is.All.EqualTo("utf-8"));
                Assert.That(((TextPart)alternative[0]).Text.ReplaceLineEndings("\n"), Is.EqualTo(expected.Text));
                Assert.That(((TextPart)alternative[1]).Text.ReplaceLineEndings("\n"), Is.EqualTo(expected.Html));
                var attachments = message.Attachments.OfType<MimePart>().ToList();
                Assert.That(attachments.Select(a => a.FileName), Is.EqualTo(request.Attachments is null ? Array.Empty<string>() : new[] { "Sub-contract.docx" }));
                if (request.Attachments is not null)
                {
                    Assert.That(message.Body?.ContentType.MimeType, Is.EqualTo("multipart/mixed"));
                    Assert.That(attachments[0].DecodedBytes(), Is.EqualTo(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x00, 0xFF, 0x10 }));
                }
            });
        }
    }
}
