using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TenderConsortium.Host;

namespace TenderConsortium.Cli.Infrastructure;

/// <summary>Builds the services of a node for one-shot commands (no web host), configured like `tender serve`.</summary>
public static class NodeFactory
{
    public static string DefaultWorkflowsFolder()
    {
        var local = Path.Combine(Directory.GetCurrentDirectory(), "workflows");
        return Directory.Exists(local) ? local : Path.Combine(AppContext.BaseDirectory, "workflows");
    }

    public static IConfiguration Configuration(string dataFolder) =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(dataFolder, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();

    /// <param name="time">The node's clock; the system clock when null (the demo passes its own to play out months of delivery).</param>
    public static async Task<ServiceProvider> StartAsync(DataLocation location, string? workflowsFolder = null, bool runWorkers = false,
        CancellationToken ct = default, TimeProvider? time = null)
    {
        var node = new NodeSettings(location.DataFolder, location.ConnectionString, workflowsFolder ?? DefaultWorkflowsFolder()) { RunWorkers = runWorkers };
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddFilter(level => level >= LogLevel.Error));
        if (time is not null) services.AddSingleton(time);
        services.AddTenderNode(Configuration(location.DataFolder), node);
        var provider = services.BuildServiceProvider();
        try
        {
            await NodeComposition.InitializeAsync(provider, ct);
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }

        return provider;
    }
}
