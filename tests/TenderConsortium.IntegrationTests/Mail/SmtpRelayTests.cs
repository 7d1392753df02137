using System.Security.Authentication;
using MimeKit;
using NSubstitute;
using TenderConsortium.IntegrationTests.Mail.Support;
using TenderConsortium.Mail;
using TenderConsortium.Workflows.Mail;

namespace TenderConsortium.IntegrationTests.Mail;

/// <summary>
/// <see cref="SmtpTransport"/> against a real relay (aiosmtpd) set up the ways relays are today: STARTTLS and implicit
/// TLS with a private certificate trusted by file, sign-in by PLAIN, LOGIN and XOAUTH2, a connection dropped during
/// DATA, and one connection carrying many messages.
/// </summary>
[NonParallelizable]
public sealed class SmtpRelayTests
{
    private const string User = "bids@fifesen.example";
    private const string Password = "right-pass-7f3a";
    private string _folder = "";
    private SelfSignedCertificate _certificate = null!;

    private static readonly MailOptions Mail = new() { From = User, FromName = "Fife Social Enterprise Network" };

    [SetUp]
    public void CreateCertificate()
    {
        _folder = Path.Combine(Path.GetTempPath(), "tender-relay", Guid.NewGuid().ToString("N"));
        _certificate = SelfSignedCertificate.Create(_folder);
    }

    [TearDown]
    public void RemoveFolder()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private string[] Tls(string mode) => ["--tls", mode, "--tls-cert", _certificate.CertificatePath, "--tls-key", _certificate.KeyPath];

    /// <summary>
    /// A transport set up as for Microsoft 365 (sign-in by an app), whose token comes from a substitute source handing
    /// out <paramref name="token"/> instead of from Microsoft.
    /// </summary>
    private (SmtpTransport Transport, ISmtpTokenSource Tokens) OAuthTransport(SmtpTestServer server, string token)
    {
        var tokens = Substitute.For<ISmtpTokenSource>();
        tokens.GetAccessTokenAsync(Arg.Any<CancellationToken>()).Returns(token);
        var options = Options(server, "StartTls", user: User);
        options.OAuth = new SmtpOAuthOptions { TenantId = "8f2c0d1e-tenant", ClientId = "3b9a7c55-client", ClientSecret = "not-used-by-the-test" };
        return (new SmtpTransport(options, Mail, tokens), tokens);
    }

    private SmtpOptions Options(SmtpTestServer server, string security, bool trusted = true, string? user = null, string? password = null) => new()
    {
        Host = "127.0.0.1",
        Port = server.Port,
        Security = security,
        TrustedCertificate = trusted ? _certificate.CertificatePath : null,
        UserName = user,
        Password = password,
        TimeoutSeconds = 10,
    };

    private static OutgoingMail Message(int i = 0) => new($"<relay-{i}-{Guid.NewGuid():N}@fifesen.example>", $"member{i}@members.example",
        $"Ein Angebot für Kirkcaldy – Nr. {i}", $"Hello Aileen,\n\nThe bid for Fife – café services – needs your reply.\n", "<p>Hello Aileen,</p><p>Café services – reply please.</p>");

    [Test]
    public async Task Starttls_with_a_private_certificate_trusted_by_file_and_plain_sign_in_delivers()
    {
        await using var server = await SmtpTestServer.StartAsync([.. Tls("starttls"), "--user", $"{User}:{Password}"]);
        using var transport = new SmtpTransport(Options(server, "StartTls", user: User, password: Password), Mail);

        var negotiated = await transport.SendAndDescribeAsync(Message(), CancellationToken.None);

        Assert.That(negotiated.Tls, Is.EqualTo(SslProtocols.Tls12).Or.EqualTo(SslProtocols.Tls13));
        Assert.That(negotiated.AuthMechanism, Is.EqualTo("PLAIN"));
        Assert.That(negotiated.EightBitMime, Is.True, "aiosmtpd offers 8BITMIME");
        var received = (await server.WaitForAsync(1)).Single();
        Assert.That(received.Recipients, Is.EqualTo(new[] { "member0@members.example" }));
        Assert.That(received.Message.Subject, Does.StartWith("Ein Angebot für Kirkcaldy – Nr. 0"));
        Assert.That(received.Message.TextBody, Does.Contain("café services"));
    }

    [Test]
    public async Task Login_is_used_where_the_relay_offers_only_login()
    {
        await using var server = await SmtpTestServer.StartAsync([.. Tls("starttls"), "--user", $"{User}:{Password}", "--exclude-auth", "PLAIN"]);
        using var transport = new SmtpTransport(Options(server, "StartTls", user: User, password: Password), Mail);

        var negotiated = await transport.SendAndDescribeAsync(Message(), CancellationToken.None);

        Assert.That(negotiated.AuthMechanism, Is.EqualTo("LOGIN"));
        Assert.That(await server.WaitForAsync(1), Has.Count.EqualTo(1));
    }

    [TestCase("PLAIN")]
    [TestCase("LOGIN")]
    public async Task A_wrong_password_is_refused_says_which_setting_and_never_shows_it(string mechanism)
    {
        await using var server = await SmtpTestServer.StartAsync(
            [.. Tls("starttls"), "--user", $"{User}:{Password}", "--exclude-auth", mechanism == "PLAIN" ? "LOGIN" : "PLAIN"]);
        using var transport = new SmtpTransport(Options(server, "StartTls", user: User, password: "wrong-pass-91c2"), Mail);

        var ex = Assert.ThrowsAsync<MailDeliveryException>(() => transport.SendAsync(Message(), CancellationToken.None))!;

        Assert.That(ex.Permanent, Is.False, "a setting to fix, not a member's address: the relay pause holds the mail");
        Assert.That(ex.Message, Does.Contain("refused the sign-in").And.Contain("Mail:Smtp:Password").And.Not.Contain("wrong-pass-91c2"), ex.Message);
        Assert.That(server.Received(), Is.Empty);
    }

    [Test]
    public async Task An_untrusted_certificate_is_refused_not_ignored()
    {
        await using var server = await SmtpTestServer.StartAsync(Tls("starttls"));
        using var transport = new SmtpTransport(Options(server, "StartTls", trusted: false), Mail);

        var ex = Assert.ThrowsAsync<MailDeliveryException>(() => transport.SendAsync(Message(), CancellationToken.None))!;

        Assert.That(ex.Permanent, Is.False);
        Assert.That(ex.Message, Does.Contain("TLS refused").And.Contain("Mail:Smtp:TrustedCertificate"));
        Assert.That(server.Received(), Is.Empty);
    }

    [Test]
    public async Task A_certificate_for_another_host_is_refused_even_when_trusted_by_file()
    {
        var other = SelfSignedCertificate.Create(_folder, "relay.elsewhere.example");
        await using var server = await SmtpTestServer.StartAsync(["--tls", "starttls", "--tls-cert", other.CertificatePath, "--tls-key", other.KeyPath]);
        var options = Options(server, "StartTls");
        options.Host = "localhost";
        options.TrustedCertificate = other.CertificatePath;
        using var transport = new SmtpTransport(options, Mail);

        var ex = Assert.ThrowsAsync<MailDeliveryException>(() => transport.SendAsync(Message(), CancellationToken.None))!;

        Assert.That(ex.Message, Does.Contain("not for this host name"));
    }

    [Test]
    public async Task Implicit_tls_delivers_and_starttls_is_not_required_there()
    {
        await using var server = await SmtpTestServer.StartAsync(Tls("implicit"));
        using var transport = new SmtpTransport(Options(server, "SslOnConnect"), Mail);

        var negotiated = await transport.SendAndDescribeAsync(Message(), CancellationToken.None);

        Assert.That(negotiated.Tls, Is.Not.EqualTo(SslProtocols.None));
        Assert.That(negotiated.AuthMechanism, Is.Null);
        Assert.That((await server.WaitForAsync(1)).Single().Recipients, Is.EqualTo(new[] { "member0@members.example" }));
    }

    [Test]
    public async Task Xoauth2_signs_in_with_the_token_from_the_token_source()
    {
        await using var server = await SmtpTestServer.StartAsync([.. Tls("starttls"), "--xoauth2", $"{User}:known-token-4d1e"]);
        var (transport, tokens) = OAuthTransport(server, "known-token-4d1e");
        using var _ = transport;

        var negotiated = await transport.SendAndDescribeAsync(Message(), CancellationToken.None);

        Assert.That(negotiated.AuthMechanism, Is.EqualTo("XOAUTH2"));
        Assert.That(await server.WaitForAsync(1), Has.Count.EqualTo(1));
        await tokens.Received(1).GetAccessTokenAsync(Arg.Any<CancellationToken>());
    }

    [Test]
    public async Task Xoauth2_with_a_token_the_relay_does_not_accept_is_refused()
    {
        await using var server = await SmtpTestServer.StartAsync([.. Tls("starttls"), "--xoauth2", $"{User}:known-token-4d1e"]);
        using var transport = OAuthTransport(server, "expired-token").Transport;

        var ex = Assert.ThrowsAsync<MailDeliveryException>(() => transport.SendAsync(Message(), CancellationToken.None))!;

        Assert.That(ex.Message, Does.Contain("refused the sign-in").And.Contain("SMTP permission").And.Not.Contain("expired-token"));
        Assert.That(server.Received(), Is.Empty);
    }

    [Test]
    public async Task One_connection_carries_many_messages_one_after_another()
    {
        await using var server = await SmtpTestServer.StartAsync([.. Tls("starttls"), "--user", $"{User}:{Password}"]);
        using var transport = new SmtpTransport(Options(server, "StartTls", user: User, password: Password), Mail);

        for (var i = 0; i < 25; i++) await transport.SendAsync(Message(i), CancellationToken.None);

        var received = await server.WaitForAsync(25);
        Assert.That(received.Select(m => m.Connection).Distinct(), Is.EqualTo(new[] { 1 }), "one TLS handshake and one sign-in for all 25");
        Assert.That(received.Select(m => m.Recipients.Single()), Is.EqualTo(Enumerable.Range(0, 25).Select(i => $"member{i}@members.example")));
    }

    [Test]
    public async Task A_connection_dropped_during_data_is_transient_and_the_next_attempt_delivers_once()
    {
        await using var server = await SmtpTestServer.StartAsync("--drop-data", "1");
        using var transport = new SmtpTransport(Options(server, "None", trusted: false), Mail);
        var message = Message();

        var ex = Assert.ThrowsAsync<MailDeliveryException>(() => transport.SendAsync(message, CancellationToken.None))!;
        Assert.That(ex.Permanent, Is.False);
        Assert.That(ex.Message, Does.Contain($"127.0.0.1:{server.Port}"));

        await transport.SendAsync(message, CancellationToken.None);
        var received = await server.WaitForAsync(1);
        await Task.Delay(200);
        Assert.That(server.Received(), Has.Count.EqualTo(1));
        Assert.That(received[0].Message.Headers[HeaderId.MessageId], Is.EqualTo(message.MessageId));
    }

    [Test]
    public async Task A_refused_address_is_permanent_names_the_recipient_and_the_connection_serves_the_next_message()
    {
        await using var server = await SmtpTestServer.StartAsync("--reject", "member1@=550", "--reject", "member2@=451");
        using var transport = new SmtpTransport(Options(server, "None", trusted: false), Mail);

        var refused = Assert.ThrowsAsync<MailDeliveryException>(() => transport.SendAsync(Message(1), CancellationToken.None))!;
        var deferred = Assert.ThrowsAsync<MailDeliveryException>(() => transport.SendAsync(Message(2), CancellationToken.None))!;
        await transport.SendAsync(Message(3), CancellationToken.None);

        Assert.That(refused.Permanent && refused.RecipientRefused, Is.True, "5xx to RCPT: this address will not take mail");
        Assert.That(refused.Message, Does.StartWith("550").And.Contain("member1@members.example"), "the relay's own words for the lead");
        Assert.That(deferred.Permanent, Is.False, "4xx may pass");
        Assert.That(deferred.Message, Does.StartWith("451"));
        var received = await server.WaitForAsync(1);
        Assert.That(received.Single().Recipients, Is.EqualTo(new[] { "member3@members.example" }));
        Assert.That(received.Single().Connection, Is.EqualTo(1), "the refusals did not cost the connection");
    }

    [Test]
    public async Task A_utf8_message_reaches_the_relay_as_seven_bit()
    {
        await using var server = await SmtpTestServer.StartAsync();
        using var transport = new SmtpTransport(Options(server, "None", trusted: false), new MailOptions { From = User, FromName = "Réseau d’entreprises sociales" });

        await transport.SendAsync(Message(), CancellationToken.None);

        var eml = Directory.GetFiles(server.Spool, "*.eml").Single();
        var raw = await File.ReadAllBytesAsync(eml);
        Assert.That(raw.All(b => b < 128), Is.True, "nothing relies on 8BITMIME");
        var text = System.Text.Encoding.ASCII.GetString(raw);
        Assert.That(text.Split("\r\n").Single(l => l.StartsWith("Subject:")), Does.Match(@"=\?utf-8\?[bq]\?").IgnoreCase, "RFC 2047 encoded subject");
        Assert.That(text, Does.Contain("Content-Transfer-Encoding: quoted-printable"));
        var message = (await server.WaitForAsync(1)).Single().Message;
        Assert.That(message.From.Mailboxes.Single().Name, Is.EqualTo("Réseau d’entreprises sociales"));
        Assert.That(message.Subject, Is.EqualTo("Ein Angebot für Kirkcaldy – Nr. 0"));
    }
}
