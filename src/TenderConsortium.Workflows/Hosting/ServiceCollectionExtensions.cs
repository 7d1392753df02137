using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TenderConsortium.Workflows.Activities;
using TenderConsortium.Workflows.Definitions;
using TenderConsortium.Workflows.Outbox;
using TenderConsortium.Workflows.Persistence;
using TenderConsortium.Workflows.Persistence.Writes;

namespace TenderConsortium.Workflows.Hosting;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the runtime on a database. Add activities with <see cref="AddActivity{T}"/>, a handler per outbox message
    /// type as <see cref="IOutboxHandler"/> (email: <c>AddEmailOutbox</c> in the mail project), and
    /// <see cref="RuntimeWorker"/> as a hosted service on nodes that do work.
    /// </summary>
    public static IServiceCollection AddWorkflowRuntime(this IServiceCollection services, string connectionString,
        Action<WorkflowRuntimeOptions>? configure = null, Action<OutboxOptions>? configureOutbox = null)
    {
        services.AddOptions<WorkflowRuntimeOptions>().Configure(o => configure?.Invoke(o));
        services.AddOptions<OutboxOptions>().Configure(o => configureOutbox?.Invoke(o));
        services.AddPooledDbContextFactory<WorkflowDbContext>(b => DatabaseConnection.Configure(b, connectionString, WorkflowDbContext.MigrationsHistoryTable));
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        foreach (var activity in BuiltInActivities.All()) services.AddSingleton<IActivity>(activity);
        services.TryAddSingleton(sp => new ActivityCatalogue(sp.GetServices<IActivity>()));
        services.TryAddSingleton<DefinitionLoader>();
        services.TryAddSingleton<DefinitionRegistry>();
        services.TryAddSingleton<IWritePath>(sp => WritePaths.For(connectionString, sp.GetRequiredService<IDbContextFactory<WorkflowDbContext>>()));
        services.TryAddSingleton<WorkflowRuntime>();
        services.TryAddSingleton<WorkflowQueries>();
        services.TryAddSingleton<OutboxDispatcher>();
        return services;
    }

    public static IServiceCollection AddActivity<T>(this IServiceCollection services) where T : class, IActivity =>
        services.AddSingleton<IActivity, T>();
}
