using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Mail;
using TenderConsortium.Persistence;
using TenderConsortium.Workflows;
using TenderConsortium.Workflows.Hosting;
using TenderConsortium.Workflows.Mail;
using TenderConsortium.Workflows.Outbox;

namespace TenderConsortium.Web.Composition;

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
        services.AddTenderDomain(node.ConnectionString);

        var mail = configuration.GetSection(MailOptions.Section).Get<MailOptions>() ?? new MailOptions();
        var smtp = configuration.GetSection(MailOptions.Section + ":Smtp").Get<SmtpOptions>() ?? new SmtpOptions();
        services.AddSingleton(mail);
        services.AddSingleton<IMailTransport>(_ => CreateTransport(mail, smtp, node));
        if (node.RunWorkers) services.AddHostedService<RuntimeWorker>();
        return services;
    }

    /// <summary>Refuses a mail configuration that cannot work, at start rather than at the first email.</summary>
    public static IMailTransport CreateTransport(MailOptions mail, SmtpOptions smtp, NodeSettings node) =>
        mail.Transport.ToLowerInvariant() switch
        {
            "pickup" => new PickupFolderTransport(mail.PickupFolder ?? Path.Combine(node.DataFolder, "outbox"), mail),
            "smtp" when smtp.Problems() is { Count: > 0 } problems => throw new ConfigurationProblemException(problems),
            "smtp" => new SmtpTransport(smtp, mail),
            _ => throw new ConfigurationProblemException([$"Mail:Transport: expected \"pickup\" or \"smtp\", got \"{mail.Transport}\""]),
        };

    /// <summary>Migrates both schemas and stores any new or changed workflow definitions.</summary>
    public static async Task InitializeAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var node = services.GetRequiredService<NodeSettings>();
        await WorkflowDatabase.MigrateAsync(node.ConnectionString, ct);
        await TenderDatabase.MigrateAsync(node.ConnectionString, ct);
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
