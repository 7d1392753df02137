using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TenderConsortium.Workflows.Outbox;

namespace TenderConsortium.Mail.Outbox;

public static class EmailOutboxServices
{
    /// <summary>
    /// Lets this node deliver the outbox's emails, through whichever <see cref="Workflows.Mail.IMailTransport"/> is
    /// registered (the last one, as DI resolves it). Without it, email rows wait for a node that has it.
    /// </summary>
    public static IServiceCollection AddEmailOutbox(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOutboxHandler, EmailOutboxHandler>());
        return services;
    }
}
