using TenderConsortium.Cli.Mail;
using TenderConsortium.Cli.Outbox;
using TenderConsortium.Tests.TestSupport;

namespace TenderConsortium.Tests.Notifications;

[NonParallelizable]
public sealed class MailCliTests
{
    [Test]
    public async Task Templates_check_passes_on_the_shipped_templates()
    {
        var result = await CliRunner.RunAsync(MailCommands.Create(), "mail", "templates", "check", "--templates", Path.Combine(RepoFiles.RepoRoot, "templates", "email"));
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(result.Out, Does.Contain($"{Core.Notifications.EmailTemplateNames.All.Count} email templates OK"));
    }

    [Test]
    public async Task Templates_check_names_the_template_and_placeholder_that_fail()
    {
        var folder = Path.Combine(Path.GetTempPath(), "tender-templates", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(Path.Combine(RepoFiles.RepoRoot, "templates", "email"))) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        var path = Path.Combine(folder, "reminder.member.email");
        File.WriteAllText(path, File.ReadAllText(path).Replace("{{timeLeft}} left", "{{time_left}} left"));
        try
        {
            var result = await CliRunner.RunAsync(MailCommands.Create(), "mail", "templates", "check", "--templates", folder);
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(result.Error, Does.Contain("'reminder.member'").And.Contain("{{time_left}}"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task Preview_prints_a_rendered_template()
    {
        var result = await CliRunner.RunAsync(MailCommands.Create(), "mail", "templates", "preview", "consent-request.member", "--templates", Path.Combine(RepoFiles.RepoRoot, "templates", "email"));
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(result.Out, Does.StartWith("Subject: Please confirm your share by").And.Contain("Accept or decline").Or.Contain("accept or decline"));
        var unknown = await CliRunner.RunAsync(MailCommands.Create(), "mail", "templates", "preview", "nope.member");
        Assert.That(unknown.ExitCode, Is.EqualTo(2));
        Assert.That(unknown.Error, Does.Contain("name: \"nope.member\" is not a template"));
    }

    [TestCase(new[] { "mail", "test", "--to", "not-an-address" }, "--to:")]
    [TestCase(new[] { "mail", "digest", "member@example.org", "sometimes" }, "state: expected on or off")]
    [TestCase(new[] { "mail", "digest", "nobody", "on" }, "address:")]
    public async Task Bad_mail_input_exits_2_naming_the_field(string[] args, string message)
    {
        var data = Path.Combine(Path.GetTempPath(), "tender-cli", Guid.NewGuid().ToString("N"));
        var result = await CliRunner.RunAsync(MailCommands.Create(), [.. args, "--data", data]);
        Assert.That(result.ExitCode, Is.EqualTo(2), result.Out + result.Error);
        Assert.That(result.Error, Does.Contain(message));
    }

    [TestCase("{\"Mail\":{\"Transport\":\"smtp\",\"Smtp\":{\"Host\":\"relay.example.org\",\"Security\":\"Sometimes\"}}}", "Mail:Smtp:Security: expected Auto, StartTls, SslOnConnect or None")]
    [TestCase("{\"Mail\":{\"Transport\":\"smtp\",\"Smtp\":{\"Host\":\"relay.example.org\",\"TrustedCertificate\":\"/nowhere/relay.pem\"}}}", "Mail:Smtp:TrustedCertificate: the file /nowhere/relay.pem does not exist")]
    [TestCase("{\"Mail\":{\"Transport\":\"smtp\",\"Smtp\":{\"Host\":\"smtp.office365.com\",\"Port\":587,\"UserName\":\"bids@fifesen.example\",\"OAuth\":{\"TenantId\":\"t\",\"ClientId\":\"c\"}}}}", "Mail:Smtp:OAuth:ClientSecret: required for OAuth")]
    [TestCase("{\"Mail\":{\"Transport\":\"smtp\",\"Smtp\":{\"Host\":\"relay.example.org\",\"Port\":465,\"Security\":\"StartTls\"}}}", "Mail:Smtp:Port: 465 is for TLS from the first byte")]
    [TestCase("{\"Mail\":{\"Dkim\":{\"Domain\":\"fifesen.example\",\"Selector\":\"tender\"}}}", "Mail:Dkim:PrivateKeyFile: required for DKIM signing")]
    [TestCase("{\"Mail\":{\"ReplyTo\":\"the lead\"}}", "Mail:ReplyTo:")]
    [TestCase("{\"Mail\":{\"Transport\":\"smtp\",\"Smtp\":{\"Host\":\"relay.example.org\"}}}",
        "Mail:From: not set. Set it to the address your consortium's emails are sent from, such as tenders@your-consortium.org.uk (in appsettings.json in the data folder, or the environment variable Mail__From)",
        TestName = "SMTP without Mail:From stops with what to set")]
    public async Task A_mail_setting_that_cannot_work_exits_2_naming_the_key(string settings, string message)
    {
        var data = Path.Combine(Path.GetTempPath(), "tender-cli", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        await File.WriteAllTextAsync(Path.Combine(data, "appsettings.json"), settings);
        var result = await CliRunner.RunAsync(MailCommands.Create(), "mail", "test", "--to", "lead@fifesen.example", "--data", data);
        Assert.That(result.ExitCode, Is.EqualTo(2), result.Out + result.Error);
        Assert.That(result.Error, Does.Contain(message));
        Assert.That(result.Out + result.Error, Does.Not.Contain("Exception").And.Not.Contain("   at "));
    }

    [Test]
    public async Task A_dkim_key_file_that_is_not_a_private_key_exits_2_naming_the_key()
    {
        var data = Path.Combine(Path.GetTempPath(), "tender-cli", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var publicOnly = Path.Combine(data, "dkim.pub.pem");
        await File.WriteAllTextAsync(publicOnly, rsa.ExportSubjectPublicKeyInfoPem());
        await File.WriteAllTextAsync(Path.Combine(data, "appsettings.json"),
            "{\"Mail\":{\"Dkim\":{\"Domain\":\"fifesen.example\",\"Selector\":\"tender\",\"PrivateKeyFile\":" + System.Text.Json.JsonSerializer.Serialize(publicOnly) + "}}}");

        var result = await CliRunner.RunAsync(MailCommands.Create(), "mail", "test", "--to", "lead@fifesen.example", "--data", data);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.Out + result.Error);
        Assert.That(result.Error, Does.Contain("Mail:Dkim:PrivateKeyFile:").And.Contain("is not an RSA private key in PEM"));
    }

    [TestCase(new[] { "outbox", "retry" }, "id: give the id of one failed email, or --all-failed")]
    [TestCase(new[] { "outbox", "retry", "abc" }, "id: expected the number of an email")]
    [TestCase(new[] { "outbox", "list", "--status", "Lost" }, "--status: expected one of")]
    public async Task Bad_outbox_input_exits_2_naming_the_field(string[] args, string message)
    {
        var data = Path.Combine(Path.GetTempPath(), "tender-cli", Guid.NewGuid().ToString("N"));
        var result = await CliRunner.RunAsync(OutboxCommands.Create(), [.. args, "--data", data]);
        Assert.That(result.ExitCode, Is.EqualTo(2), result.Out + result.Error);
        Assert.That(result.Error, Does.Contain(message));
    }

    [Test]
    public async Task An_empty_outbox_lists_plainly_and_a_digest_preference_is_stored()
    {
        var data = Path.Combine(Path.GetTempPath(), "tender-cli", Guid.NewGuid().ToString("N"));
        var list = await CliRunner.RunAsync(OutboxCommands.Create(), "outbox", "list", "--failed", "--data", data);
        Assert.That(list.ExitCode, Is.EqualTo(0), list.Error);
        Assert.That(list.Out, Does.Contain("No failed emails."));
        var digest = await CliRunner.RunAsync(MailCommands.Create(), "mail", "digest", "Member@Example.org", "on", "--data", data);
        Assert.That(digest.ExitCode, Is.EqualTo(0), digest.Error);
        Assert.That(digest.Out, Does.Contain("daily digest"));
    }
}
