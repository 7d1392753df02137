using TenderConsortium.Application;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TenderConsortium.Core.Notifications;
using TenderConsortium.Mail;
using TenderConsortium.Persistence;
using TenderConsortium.Core.BidPacks;
using TenderConsortium.Documents.Activities;
using TenderConsortium.Persistence.BidPacks;
using TenderConsortium.Persistence.Invitations;
using TenderConsortium.Workflows;
using TenderConsortium.Workflows.Hosting;
using TenderConsortium.Workflows.Mail;
using TenderConsortium.Workflows.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TenderConsortium.Core.Members;
using TenderConsortium.Persistence.Contacts;
using TenderConsortium.Persistence.Privacy;
using TenderConsortium.Workflows.Persistence;
using TenderConsortium.Mail.Outbox;

namespace TenderConsortium.Host;

/// <summary>Wires a node: the runtime on its database, the mail transport, and (optionally) the background workers.</summary>
public static class NodeComposition
{
    public static IServiceCollection AddTenderNode(this IServiceCollection services, IConfiguration configuration, NodeSettings node,
        Action<WorkflowRuntimeOptions>? configureRuntime = null)
    {
        services.AddSingleton(node);
        services.AddWorkflowRuntime(node.ConnectionString,
            o =>
            {
                configuration.GetSection("Runtime").Bind(o);
                o.DefinitionsFolder = node.WorkflowsFolder;
                configureRuntime?.Invoke(o);
            },
            o => configuration.GetSection("Outbox").Bind(o));
        services.AddSingleton(configuration.GetSection(Core.Delivery.LatePaymentOptions.Section).Get<Core.Delivery.LatePaymentOptions>() ?? new Core.Delivery.LatePaymentOptions());
        services.AddTenderDomain(node.ConnectionString, InvitationKeyFile.Load(node.DataFolder, configuration["Invitations:Key"]));
        services.AddBidPacks(node.ResolvedDocumentsFolder, node.TemplatesFolder);
        services.AddTenderStore<IBidPackSource>((contexts, _) => new BidPackSource(contexts));
        services.AddTenderApplication(node.ConnectionString, node.ResolvedDocumentsFolder);

        AddMail(services, configuration, node);
        if (node.RunWorkers) services.AddHostedService<RuntimeWorker>();
        var retention = configuration.GetSection(RetentionOptions.Section).Get<RetentionOptions>() ?? new RetentionOptions();
        if (retention.Problems() is { Count: > 0 } retentionProblems) throw new ConfigurationProblemException(retentionProblems);
        services.AddSingleton(retention);
        services.AddSingleton(sp => new RetentionSweeper(node.ConnectionString, PickupFolder(sp.GetRequiredService<MailOptions>(), node), retention, sp.GetService<TimeProvider>() ?? TimeProvider.System));
        if (node.RunWorkers) services.AddHostedService<Privacy.RetentionWorker>();
        services.AddSingleton(configuration.GetSection(Delivery.DeliveryWatchOptions.Section).Get<Delivery.DeliveryWatchOptions>() ?? new Delivery.DeliveryWatchOptions());
        if (node.RunWorkers) services.AddHostedService<Delivery.DeliveryWatchWorker>();
        // Times people read (pages, emails, documents, the CLI) in one zone, UK time unless "Display" says otherwise.
        var display = configuration.GetSection(Core.Common.DisplayTimeOptions.Section).Get<Core.Common.DisplayTimeOptions>() ?? new Core.Common.DisplayTimeOptions();
        if (display.Problems() is { Count: > 0 } displayProblems) throw new ConfigurationProblemException(displayProblems);
        Core.Common.DisplayTime.Use(display);
        services.AddSingleton(display);
        return services;
    }

    /// <summary>
    /// Mail: the transport (Mail:Transport, Mail:Smtp:*), the consortium's From (Mail:From, Mail:FromName), absolute links
    /// (Mail:PublicBaseUrl, default the node's own address), the lead body's templates (templates/email) and the daily digest.
    /// </summary>
    private static void AddMail(IServiceCollection services, IConfiguration configuration, NodeSettings node)
    {
        var mail = configuration.GetSection(MailOptions.Section).Get<MailOptions>() ?? new MailOptions();
        var smtp = configuration.GetSection(SmtpOptions.Section).Get<SmtpOptions>() ?? new SmtpOptions();
        services.AddSingleton(mail);
        services.AddSingleton(smtp);
        // Every send passes the guard: a recipient the relay refused for good is recorded, the lead told, and not tried again.
        services.AddSingleton<IMailTransport>(sp => new Telemetry.MeteredMailTransport(new RefusedAddressGuard(CreateTransport(mail, smtp, node, sp.GetService<TimeProvider>()),
            sp.GetRequiredService<IContactRefusals>(), sp.GetRequiredService<ContactRefusalFollowUp>(), sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<RefusedAddressGuard>>())));
        services.AddEmailOutbox();
        var links = new PublicLinks(string.IsNullOrWhiteSpace(mail.PublicBaseUrl) ? node.Url : mail.PublicBaseUrl);
        services.AddSingleton(links);
        services.AddSingleton<IEmailTemplates>(_ => new FileEmailTemplates(node.EmailTemplatesFolder, SiteName(mail), links));
        services.AddSingleton<IMailDigest, TemplateMailDigest>();
        services.TryAddSingleton<MailPreferences>();
        services.TryAddSingleton<OutboxAdmin>();
        services.AddSingleton(sp => new ContactRefusalFollowUp(node.ConnectionString, sp.GetRequiredService<IContactRefusals>(), sp.GetRequiredService<IEmailTemplates>(),
            links, sp.GetRequiredService<IDbContextFactory<WorkflowDbContext>>(), sp.GetRequiredService<WorkflowRuntime>(),
            sp.GetRequiredService<IOptions<WorkflowRuntimeOptions>>(), sp.GetService<TimeProvider>() ?? TimeProvider.System, mail.ReplyTo));
    }

    /// <summary>How emails name the consortium: its From display name.</summary>
    public static string SiteName(MailOptions mail) =>
        !string.IsNullOrWhiteSpace(mail.FromName) ? mail.FromName.Trim() : string.IsNullOrWhiteSpace(mail.From) ? "TenderConsortium" : mail.From.Trim();

    /// <summary>Refuses a mail configuration that cannot work, at start rather than at the first email. Never shows the password.</summary>
    public static IMailTransport CreateTransport(MailOptions mail, SmtpOptions smtp, NodeSettings node, TimeProvider? time = null)
    {
        var problems = mail.Problems().ToList();
        if (mail.IsSmtp) problems.AddRange(smtp.Problems());
        if (problems.Count > 0) throw new ConfigurationProblemException(problems);
        return mail.IsSmtp
            ? new SmtpTransport(smtp, mail, time: time)
            : new PickupFolderTransport(PickupFolder(mail, node), mail, time);
    }

    /// <summary>Where the pickup transport writes .eml files (Mail:PickupFolder, default &lt;data&gt;/outbox).</summary>
    public static string PickupFolder(MailOptions mail, NodeSettings node) => mail.PickupFolder ?? Path.Combine(node.DataFolder, "outbox");

    /// <summary>Migrates both schemas and stores any new or changed workflow definitions.</summary>
    public static async Task InitializeAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var node = services.GetRequiredService<NodeSettings>();
        await WorkflowDatabase.MigrateAsync(node.ConnectionString, ct);
        await TenderDatabase.MigrateAsync(node.ConnectionString, ct);
        var outbox = services.GetRequiredService<IOptions<OutboxOptions>>().Value.Problems();
        if (outbox.Count > 0) throw new ConfigurationProblemException(outbox);
        _ = services.GetRequiredService<IMailTransport>();
        var runtime = services.GetRequiredService<WorkflowRuntime>();
        if (Directory.Exists(node.WorkflowsFolder))
        {
            var loaded = runtime.Definitions.Loader.LoadDirectory(node.WorkflowsFolder);
            var errors = loaded.SelectMany(r => r.Errors).ToList();
            if (errors.Count > 0) throw new Workflows.Definitions.DefinitionException(errors);
            await runtime.Definitions.SyncAsync(loaded.Select(r => r.Definition!), ct);
        }
    }
}
