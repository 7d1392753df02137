using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TenderConsortium.Mail;
using TenderConsortium.Workflows.Activities;
using TenderConsortium.Workflows.Hosting;
using TenderConsortium.Workflows.Mail;
using TenderConsortium.Workflows.Outbox;
using TenderConsortium.Workflows.Persistence;
using TenderConsortium.Mail.Outbox;

namespace TenderConsortium.Workflows.Tests.Support;

/// <summary>
/// One runtime node on a real SQLite file in a temporary folder, with a hand-moved clock and a pickup-folder mail
/// transport. Disposing the node and opening another on the same folder is a restart.
/// </summary>
public sealed class RuntimeHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Epoch = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private RuntimeHarness(string folder, string connectionString, ManualTimeProvider clock, ServiceProvider services)
    {
        Folder = folder;
        ConnectionString = connectionString;
        Clock = clock;
        Services = services;
    }

    public string Folder { get; }
    public string ConnectionString { get; }
    public ManualTimeProvider Clock { get; }
    public ServiceProvider Services { get; }
    public string OutboxFolder => Path.Combine(Folder, "outbox");
    public WorkflowRuntime Runtime => Services.GetRequiredService<WorkflowRuntime>();
    public WorkflowQueries Queries => Services.GetRequiredService<WorkflowQueries>();
    public OutboxDispatcher Dispatcher => Services.GetRequiredService<OutboxDispatcher>();

    public static async Task<RuntimeHarness> StartAsync(string? folder = null, ManualTimeProvider? clock = null,
        Action<IServiceCollection>? configure = null, Action<WorkflowRuntimeOptions>? options = null, string? connectionString = null,
        params string[] definitions)
    {
        folder ??= Path.Combine(Path.GetTempPath(), "tender-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        connectionString ??= DatabaseConnection.ForDataFolder(folder);
        clock ??= new ManualTimeProvider(Epoch);
        await WorkflowDatabase.MigrateAsync(connectionString);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Error));
        services.AddSingleton<TimeProvider>(clock);
        services.AddWorkflowRuntime(connectionString, o =>
        {
            o.RetryBaseDelay = TimeSpan.FromMinutes(1);
            options?.Invoke(o);
        });
        services.AddSingleton<IMailTransport>(new PickupFolderTransport(Path.Combine(folder, "outbox"), new MailOptions()));
        services.AddEmailOutbox();
        services.AddActivity<AwaitAllActivity>();
        services.AddActivity<FlakyActivity>();
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        var harness = new RuntimeHarness(folder, connectionString, clock, provider);
        foreach (var json in definitions) await harness.RegisterAsync(json);
        return harness;
    }

    public async Task RegisterAsync(string json) =>
        await Runtime.Definitions.RegisterAsync(Runtime.Definitions.Loader.Parse(json, "test.json"));

    /// <summary>Stops this node and starts a fresh one on the same database file and clock.</summary>
    public async Task<RuntimeHarness> RestartAsync(Action<IServiceCollection>? configure = null)
    {
        await Services.DisposeAsync();
        return await StartAsync(Folder, Clock, configure, connectionString: ConnectionString);
    }

    public async Task<InstanceDetails> InstanceAsync(Guid id) => (await Queries.GetInstanceAsync(id))!;

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    public void DeleteFolder()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
