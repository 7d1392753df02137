using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Cli.Infrastructure;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Notifications;
using TenderConsortium.Mail;
using TenderConsortium.Host;
using TenderConsortium.Workflows.Mail;
using TenderConsortium.Workflows.Outbox;

namespace TenderConsortium.Cli.Mail;

/// <summary><c>tender mail test|templates|digest</c>: try the mail configuration, check the templates, set digest preferences.</summary>
public static class MailCommands
{
    public static Command Create()
    {
        var command = new Command("mail", "Email: send a test message, check the templates, daily digest preferences");
        command.Subcommands.Add(Test());
        command.Subcommands.Add(Templates());
        command.Subcommands.Add(Digest());
        command.Subcommands.Add(RefusedAddressCommands.Refused());
        command.Subcommands.Add(RefusedAddressCommands.Reachable());
        return command;
    }

    private static Command Test()
    {
        var data = CommonOptions.Data();
        var to = new Option<string>("--to") { Description = "Address to send the test email to", Required = true };
        var command = new Command("test", "Send one email now through the configured transport (Mail:Transport, Mail:Smtp:*) and report the server's answer") { data, to };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var address = parse.GetValue(to)?.Trim() ?? "";
            if (!IsAddress(address)) throw new BadInputException($"--to: \"{address}\" is not an email address such as someone@example.org");
            var location = DataLocation.From(parse.GetValue(data)!, null);
            var configuration = NodeFactory.Configuration(location.DataFolder);
            var mail = configuration.GetSection(MailOptions.Section).Get<MailOptions>() ?? new MailOptions();
            var smtp = configuration.GetSection(SmtpOptions.Section).Get<SmtpOptions>() ?? new SmtpOptions();
            var node = new NodeSettings(location.DataFolder, location.ConnectionString, NodeFactory.DefaultWorkflowsFolder()) { RunWorkers = false };
            var transport = NodeComposition.CreateTransport(mail, smtp, node);
            var domain = configuration["Runtime:MessageIdDomain"] ?? "tender-consortium.local";
            var site = NodeComposition.SiteName(mail);
            var via = mail.IsSmtp ? $"SMTP {smtp}" : $"the pickup folder {((PickupFolderTransport)transport).Folder}";
            var message = new OutgoingMail(
                $"<test-{Guid.NewGuid():N}@{domain}>",
                address,
                $"Test email from {site}",
                $"This is a test email from {site}'s tender engine.\n\nIf you can read it, email from the engine reaches {address}.\nSent through {via} at {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss} UTC.\n",
                $"<p>This is a test email from <strong>{System.Net.WebUtility.HtmlEncode(site)}</strong>'s tender engine.</p><p>If you can read it, email from the engine reaches {System.Net.WebUtility.HtmlEncode(address)}.</p>");
            var watch = Stopwatch.StartNew();
            SmtpNegotiation? negotiated = null;
            try
            {
                if (transport is SmtpTransport smtpTransport) negotiated = await smtpTransport.SendAndDescribeAsync(message, ct);
                else await transport.SendAsync(message, ct);
            }
            catch (MailDeliveryException ex)
            {
                Console.Error.WriteLine($"error: the test email to {address} was not accepted through {via}: {ex.Message}");
                Console.Error.WriteLine(ex.Permanent
                    ? "The server refused it for good: check the address, Mail:From and the relay's rules."
                    : "This may pass: check Mail:Smtp:Host, Mail:Smtp:Port, Mail:Smtp:Security, the sign-in settings and that the relay is running.");
                return CliExit.Failure;
            }
            finally
            {
                (transport as IDisposable)?.Dispose();
            }

            if (negotiated is not null)
            {
                Console.WriteLine($"Sent a test email to {address} through {via}, from {mail.From ?? MailMessageComposer.LocalSender}, in {watch.ElapsedMilliseconds} ms. Message-ID {message.MessageId}");
                Console.WriteLine($"Connection: {negotiated.TlsName}{(negotiated.Cipher is null ? "" : $", cipher {negotiated.Cipher}")}");
                Console.WriteLine($"Signed in with: {negotiated.AuthMechanism ?? "no sign-in"}");
                Console.WriteLine($"Relay offers: 8BITMIME {(negotiated.EightBitMime ? "yes" : "no")}, PIPELINING {(negotiated.Pipelining ? "yes" : "no")}, SMTPUTF8 {(negotiated.SmtpUtf8 ? "yes" : "no")}");
            }
            else
            {
                Console.WriteLine($"Wrote a test email to {address} as {Path.Combine(((PickupFolderTransport)transport).Folder, PickupFolderTransport.FileNameFor(message.MessageId))}");
            }

            return CliExit.Ok;
        }));
        return command;
    }

    private static Command Templates()
    {
        var command = new Command("templates", "The lead body's email templates (templates/email)");
        command.Subcommands.Add(TemplatesCheck());
        command.Subcommands.Add(TemplatesPreview());
        return command;
    }

    private static Option<string?> TemplatesOption() => new("--templates") { Description = "Email templates folder (default: ./templates/email, else the one installed with tender)" };

    private static FileEmailTemplates Open(string? folder, out PublicLinks links)
    {
        var path = Path.GetFullPath(folder ?? Path.Combine(NodeSettings.DefaultTemplatesFolder(), "email"));
        if (!Directory.Exists(path)) throw new BadInputException($"--templates: the folder {path} does not exist");
        // The node's own links (Mail:PublicBaseUrl of ./data, else the address serve listens on): a preview pasted into
        // an email to a colleague never points at an invented site.
        var configured = NodeFactory.Configuration(Path.GetFullPath("data"))[$"{MailOptions.Section}:{nameof(MailOptions.PublicBaseUrl)}"];
        links = new PublicLinks(string.IsNullOrWhiteSpace(configured) ? NodeSettings.DefaultUrl : configured.Trim());
        return new FileEmailTemplates(path, "Fife Social Enterprise Network", links);
    }

    private static Command TemplatesCheck()
    {
        var templates = TemplatesOption();
        var command = new Command("check", "Render every template with a sample model, visiting every branch: missing files, syntax, unknown placeholders, relative links") { templates };
        command.SetAction(parse => CommandRunner.RunAsync(() =>
        {
            var files = Open(parse.GetValue(templates), out var links);
            var problems = files.Check(EmailTemplateNames.All, name => EmailSampleModels.For(name, links));
            if (problems.Count > 0)
            {
                foreach (var problem in problems) Console.Error.WriteLine($"error: {problem}");
                Console.Error.WriteLine($"{problems.Count} problem(s) in {files.Folder}");
                return Task.FromResult(CliExit.BadInput);
            }

            Console.WriteLine($"{EmailTemplateNames.All.Count} email templates OK in {files.Folder}");
            return Task.FromResult(CliExit.Ok);
        }));
        return command;
    }

    private static Command TemplatesPreview()
    {
        var templates = TemplatesOption();
        var name = new Argument<string>("name") { Description = "Template, e.g. invitation.member" };
        var html = new Option<bool>("--html") { Description = "Print the HTML part instead of the plain text" };
        var command = new Command("preview", "Print one template rendered with its sample model") { templates, name, html };
        command.SetAction(parse => CommandRunner.RunAsync(() =>
        {
            var files = Open(parse.GetValue(templates), out var links);
            var template = parse.GetValue(name)!;
            var model = EmailSampleModels.For(template, links)
                        ?? throw new BadInputException($"name: \"{template}\" is not a template; expected one of {string.Join(", ", EmailTemplateNames.All)}");
            try
            {
                var rendered = files.Render(template, model);
                Console.WriteLine($"Subject: {rendered.Subject}");
                Console.WriteLine();
                Console.Write(parse.GetValue(html) ? rendered.Html : rendered.Text);
            }
            catch (EmailTemplateException ex)
            {
                throw new BadInputException(ex.Message);
            }

            return Task.FromResult(CliExit.Ok);
        }));
        return command;
    }

    private static Command Digest()
    {
        var data = CommonOptions.Data();
        var db = CommonOptions.Database();
        var address = new Argument<string>("address") { Description = "The member's email address" };
        var state = new Argument<string>("state") { Description = "on (news once a day) or off (every email at once)" };
        var command = new Command("digest", "Turn a member's daily digest on or off (invitations, reminders, consent requests and sub-contracts always go at once)") { data, db, address, state };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var to = parse.GetValue(address)?.Trim() ?? "";
            if (!IsAddress(to)) throw new BadInputException($"address: \"{to}\" is not an email address such as someone@example.org");
            var on = parse.GetValue(state)?.Trim().ToLowerInvariant() switch
            {
                "on" => true,
                "off" => false,
                var other => throw new BadInputException($"state: expected on or off, got \"{other}\""),
            };
            await using var services = await NodeFactory.StartAsync(DataLocation.From(parse.GetValue(data)!, parse.GetValue(db)), ct: ct);
            await services.GetRequiredService<MailPreferences>().SetDigestAsync(to, on, ct);
            Console.WriteLine(on
                ? $"{to} now gets a daily digest of news that can wait; invitations, reminders, consent requests and sub-contracts still go at once."
                : $"{to} now gets every email at once; anything held for its digest goes out now.");
            return CliExit.Ok;
        }));
        return command;
    }

    private static bool IsAddress(string text) => MailOptions.IsAddress(text);
}
