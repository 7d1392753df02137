using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TenderConsortium.Core.Notifications;
using TenderConsortium.IntegrationTests.Support;
using TenderConsortium.Host;
using TenderConsortium.Workflows;
using TenderConsortium.Workflows.Activities;
using TenderConsortium.Workflows.Definitions;
using TenderConsortium.Workflows.Hosting;
using TenderConsortium.Workflows.Mail;
using TenderConsortium.Workflows.Outbox;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.IntegrationTests.Mail.Support;

/// <summary>
/// A node composed as `tender serve` composes it (configuration keys, templates folder, transport), in a temporary
/// data folder, with a workflow whose one activity renders and queues the emails a test asks for. The dispatcher is
/// driven by the test, so each step is visible.
/// </summary>
public sealed class MailNode : IAsyncDisposable
{
    private const string Definition = """
    {
      "id": "mail-test",
      "name": "Sends the emails a test asks for",
      "activities": [
        { "id": "start", "type": "Start" },
        { "id": "send", "type": "SendTestEmails" },
        { "id": "end", "type": "End" }
      ],
      "connections": [ { "from": "start", "to": "send" }, { "from": "send", "to": "end" } ]
    }
    """;

    private MailNode(string folder, ServiceProvider services)
    {
        Folder = folder;
        Services = services;
    }

    public string Folder { get; }
    public ServiceProvider Services { get; }
    public WorkflowRuntime Runtime => Services.GetRequiredService<WorkflowRuntime>();
    public WorkflowQueries Queries => Services.GetRequiredService<WorkflowQueries>();
    public OutboxDispatcher Dispatcher => Services.GetRequiredService<OutboxDispatcher>();
    public IEmailTemplates Templates => Services.GetRequiredService<IEmailTemplates>();
    public PublicLinks Links => Services.GetRequiredService<PublicLinks>();

    /// <summary>Fast retries for tests; the caller's settings win.</summary>
    public static readonly IReadOnlyDictionary<string, string?> QuickOutbox = new Dictionary<string, string?>
    {
        ["Outbox:QuickRetries"] = "0",
        ["Outbox:RetryBaseDelay"] = "00:00:00.200",
        ["Outbox:RetryMaxDelay"] = "00:00:00.500",
        ["Outbox:BreakAfterFailures"] = "3",
        ["Outbox:BreakDuration"] = "00:00:00.500",
        ["Outbox:MaxAttempts"] = "8",
        ["Mail:From"] = "bids@fifesen.example",
        ["Mail:FromName"] = "Fife Social Enterprise Network",
        ["Mail:PublicBaseUrl"] = "https://bids.fifesen.example",
    };

    public static async Task<MailNode> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var folder = Path.Combine(Path.GetTempPath(), "tender-mail", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var values = new Dictionary<string, string?>(QuickOutbox);
        foreach (var (k, v) in settings) values[k] = v;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var node = new NodeSettings(folder, DatabaseConnection.ForDataFolder(folder), Path.Combine(folder, "no-workflows"))
        {
            RunWorkers = false,
            TemplatesFolder = RepoFiles.Path("templates"),
        };
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Error));
        services.AddTenderNode(configuration, node);
        services.AddActivity<SendTestEmailsActivity>();
        var provider = services.BuildServiceProvider();
        await NodeComposition.InitializeAsync(provider);
        var runtime = provider.GetRequiredService<WorkflowRuntime>();
        await runtime.Definitions.RegisterAsync(runtime.Definitions.Loader.Parse(Definition, "mail-test.json"));
        return new MailNode(folder, provider);
    }

    /// <summary>Runs one instance that queues these emails (committed to the outbox together); returns the instance id.</summary>
    public async Task<Guid> QueueAsync(params EmailRequest[] emails)
    {
        var key = Guid.NewGuid().ToString("N");
        SendTestEmailsActivity.Requests[key] = emails;
        var started = await Runtime.StartAsync("mail-test", new JsonObject { ["requests"] = key });
        Assert.That(started.Status, Is.EqualTo(InstanceStatus.Finished), "the sending instance ran to its end");
        return started.InstanceId;
    }

    /// <summary>Dispatches (with real time passing) until no row is pending or the timeout passes.</summary>
    public async Task DispatchUntilSettledAsync(TimeSpan? timeout = null)
    {
        var limit = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < limit)
        {
            await Dispatcher.DispatchOnceAsync();
            var pending = await Queries.ListDeliveriesAsync(OutboxStatus.Pending, take: 1);
            if (pending.Count == 0) return;
            await Task.Delay(50);
        }

        var stuck = await Queries.ListDeliveriesAsync(OutboxStatus.Pending);
        Assert.Fail($"Timed out with {stuck.Count} email(s) still pending in the outbox: "
                    + string.Join("; ", stuck.Select(r => $"{r.Recipient} attempts {r.Attempts} next {r.NextAttemptAt:HH:mm:ss.fff} ({r.LastError})").Take(3))
                    + $"; relay paused: {Dispatcher.RelayPaused}");
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}

/// <summary>One email a test wants sent: a template, its recipient and model, and any attachments.</summary>
public sealed record EmailRequest(string Template, string To, IReadOnlyDictionary<string, object?> Model, IReadOnlyList<MailAttachment>? Attachments = null);

/// <summary>Renders each requested template with the node's <see cref="IEmailTemplates"/> and queues it through the burst's outbox.</summary>
public sealed class SendTestEmailsActivity : IActivity
{
    public static readonly ConcurrentDictionary<string, EmailRequest[]> Requests = new();

    public ActivityDescriptor Descriptor { get; } = new() { Type = "SendTestEmails", Description = "Test: queues the requested emails." };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var key = context.GetVariable("requests")!.GetValue<string>();
        var templates = (IEmailTemplates)context.Services.GetService(typeof(IEmailTemplates))!;
        foreach (var request in Requests[key])
        {
            var email = templates.Render(request.Template, request.Model);
            context.SendEmail(request.Template, [request.To], email.Subject, email.Text, email.Html, request.Attachments);
        }

        return ValueTask.FromResult(ActivityResult.Done);
    }
}
