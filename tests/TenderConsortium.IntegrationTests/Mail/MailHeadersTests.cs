using System.Security.Cryptography;
using System.Text;
using MimeKit;
using MimeKit.Cryptography;
using NSubstitute;
using Org.BouncyCastle.Security;
using TenderConsortium.IntegrationTests.Mail.Support;
using TenderConsortium.Mail;
using TenderConsortium.Workflows.Mail;

namespace TenderConsortium.IntegrationTests.Mail;

/// <summary>
/// The headers people and mail systems expect, read back from the delivered bytes: Date from the node's clock,
/// Message-ID, Reply-To, Auto-Submitted, List-Unsubscribe on the digest only, RFC 2047/2231 encoding of UTF-8 names,
/// subjects and file names, and a DKIM signature that verifies after the relay.
/// </summary>
[NonParallelizable]
public sealed class MailHeadersTests
{
    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = Path.Combine(Path.GetTempPath(), "tender-headers", Guid.NewGuid().ToString("N"));

    [TearDown]
    public void RemoveFolder()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private static readonly DateTimeOffset Now = new(2026, 12, 9, 11, 45, 0, TimeSpan.Zero);

    private static TimeProvider Clock()
    {
        var clock = Substitute.For<TimeProvider>();
        clock.GetUtcNow().Returns(Now);
        return clock;
    }

    private async Task<(MimeMessage Message, string Raw)> WriteAsync(MailOptions options, OutgoingMail mail)
    {
        var transport = new PickupFolderTransport(_folder, options, Clock());
        await transport.SendAsync(mail, CancellationToken.None);
        var path = Path.Combine(_folder, PickupFolderTransport.FileNameFor(mail.MessageId));
        return (await MimeMessage.LoadAsync(path), Encoding.ASCII.GetString(await File.ReadAllBytesAsync(path)));
    }

    [Test]
    public async Task Every_message_has_date_message_id_reply_to_and_auto_submitted_and_utf8_names_are_encoded()
    {
        var document = Path.Combine(_folder, "doc.bin");
        Directory.CreateDirectory(_folder);
        await File.WriteAllBytesAsync(document, [1, 2, 3]);
        var options = new MailOptions { From = "bids@fifesen.example", FromName = "Réseau Fife – entreprises", ReplyTo = "aileen.lead@fifesen.example" };
        var mail = new OutgoingMail("<invitation.member-1@fifesen.example>", "zoe@members.example", "Offre: café – Dunfermline", "Bonjour", "<p>Bonjour</p>",
            Attachments: [new MailAttachment("Sous-traité – Café.docx", document, "application/octet-stream")]);

        var (message, raw) = await WriteAsync(options, mail);

        Assert.Multiple(() =>
        {
            Assert.That(message.Date, Is.EqualTo(Now), "Date from the node's clock");
            Assert.That(message.Headers[HeaderId.MessageId], Is.EqualTo("<invitation.member-1@fifesen.example>"));
            Assert.That(message.ReplyTo.Mailboxes.Single().Address, Is.EqualTo("aileen.lead@fifesen.example"), "replies reach the lead");
            Assert.That(message.Headers["Auto-Submitted"], Is.EqualTo("auto-generated"));
            Assert.That(message.Headers[HeaderId.ListUnsubscribe], Is.Null, "an invitation is not something to unsubscribe from");
            Assert.That(message.From.Mailboxes.Single().Name, Is.EqualTo("Réseau Fife – entreprises"));
            Assert.That(message.Subject, Is.EqualTo("Offre: café – Dunfermline"));
            Assert.That(message.Attachments.Single().ContentDisposition?.FileName, Is.EqualTo("Sous-traité – Café.docx"));
            Assert.That(raw.Split("\r\n").Single(l => l.StartsWith("From:")), Does.Match(@"=\?utf-8\?[bq]\?").IgnoreCase, "RFC 2047 display name");
            Assert.That(raw.Split("\r\n").Single(l => l.StartsWith("Subject:")), Does.Match(@"=\?utf-8\?[bq]\?").IgnoreCase, "RFC 2047 subject");
            Assert.That(raw, Does.Contain("filename*=utf-8''").IgnoreCase, "RFC 2231 file name");
        });
    }

    [Test]
    public async Task The_digest_says_how_to_stop_it_and_nothing_else_does()
    {
        await using var node = await MailNode.StartAsync(new Dictionary<string, string?> { ["Mail:Transport"] = "pickup", ["Mail:ReplyTo"] = "aileen.lead@fifesen.example" });
        var digest = node.Services.GetService(typeof(IMailDigest)) as IMailDigest;
        var held = new HeldMail(new OutgoingMail("<submitted.member-1@fifesen.example>", "member@members.example", "We submitted the bid", "The bid went in."), Now);
        var composed = digest!.Compose("<digest-2026-12-09@fifesen.example>", "member@members.example", new DateOnly(2026, 12, 9), [held]);

        var (message, _) = await WriteAsync(new MailOptions { From = "bids@fifesen.example", ReplyTo = "aileen.lead@fifesen.example" }, composed);

        // RFC 8058: the node's own HTTPS address that stops the digest in one POST, then the lead's mailbox for clients without it.
        var token = ((Core.Notifications.DigestUnsubscribeTokens)node.Services.GetService(typeof(Core.Notifications.DigestUnsubscribeTokens))!).Issue("member@members.example");
        Assert.That(message.Headers[HeaderId.ListUnsubscribe],
            Is.EqualTo($"<https://bids.fifesen.example/mail/unsubscribe/{token}>, <mailto:aileen.lead@fifesen.example?subject=Stop%20my%20daily%20digest>"));
        Assert.That(message.Headers["List-Unsubscribe-Post"], Is.EqualTo("List-Unsubscribe=One-Click"));
        Assert.That(message.Headers["Auto-Submitted"], Is.EqualTo("auto-generated"));
        var (plain, _) = await WriteAsync(new MailOptions { From = "bids@fifesen.example" }, composed with { UnsubscribeUrl = "http://127.0.0.1:5080/mail/unsubscribe/x" });
        Assert.That(plain.Headers["List-Unsubscribe-Post"], Is.Null, "one click only to an HTTPS address, as RFC 8058 requires");
    }

    [Test]
    public async Task A_dkim_signature_made_by_the_node_verifies_after_the_relay()
    {
        Directory.CreateDirectory(_folder);
        using var key = RSA.Create(2048);
        var keyFile = Path.Combine(_folder, "dkim.key.pem");
        await File.WriteAllTextAsync(keyFile, key.ExportPkcs8PrivateKeyPem());
        var options = new MailOptions
        {
            From = "bids@fifesen.example",
            FromName = "Fife Social Enterprise Network",
            Dkim = new DkimOptions { Domain = "fifesen.example", Selector = "tender", PrivateKeyFile = keyFile },
        };
        await using var server = await SmtpTestServer.StartAsync();
        using var transport = new SmtpTransport(new SmtpOptions { Host = "127.0.0.1", Port = server.Port, Security = "None" }, options);
        await transport.SendAsync(new OutgoingMail("<dkim-1@fifesen.example>", "member@members.example", "Signé – café", "Text – é\n", "<p>HTML – é</p>"), CancellationToken.None);

        var message = (await server.WaitForAsync(1)).Single().Message;
        var signature = message.Headers[message.Headers.IndexOf(HeaderId.DkimSignature)];
        var locator = Substitute.For<IDkimPublicKeyLocator>();
        locator.LocatePublicKeyAsync(Arg.Any<string>(), "fifesen.example", "tender", Arg.Any<CancellationToken>())
            .Returns(PublicKeyFactory.CreateKey(key.ExportSubjectPublicKeyInfo()));

        Assert.That(signature.Value, Does.Contain("d=fifesen.example").And.Contain("s=tender"));
        Assert.That(await new DkimVerifier(locator).VerifyAsync(message, signature), Is.True, "the signature holds for the bytes the relay received");
        message.Subject = "Changed on the way";
        Assert.That(await new DkimVerifier(locator).VerifyAsync(message, signature), Is.False, "and breaks when a signed header changes");

        // RFC 8058 asks that the signature cover the one-click headers of a digest.
        await transport.SendAsync(new OutgoingMail("<dkim-2@fifesen.example>", "member@members.example", "Your daily digest", "News\n", CanUnsubscribe: true,
            UnsubscribeUrl: "https://bids.fifesen.example/mail/unsubscribe/abc.def"), CancellationToken.None);
        var digest = (await server.WaitForAsync(2)).Single(m => m.Message.Subject == "Your daily digest").Message;
        var digestSignature = digest.Headers[digest.Headers.IndexOf(HeaderId.DkimSignature)];
        Assert.That(digestSignature.Value.ToLowerInvariant(), Does.Contain("list-unsubscribe:list-unsubscribe-post").Or.Contain("list-unsubscribe-post"));
        Assert.That(await new DkimVerifier(locator).VerifyAsync(digest, digestSignature), Is.True);
        digest.Headers["List-Unsubscribe-Post"] = "List-Unsubscribe=Other";
        Assert.That(await new DkimVerifier(locator).VerifyAsync(digest, digestSignature), Is.False, "the one-click header is signed");
    }
}
