using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Core.Matching;
using TenderConsortium.Persistence.Matching;
using TenderConsortium.Workflows.Hosting;

namespace TenderConsortium.Persistence;

/// <summary>Registers the consortium domain on a node: the ports the tender activities use, and the activities.</summary>
public static class TenderDomainServices
{
    public static IServiceCollection AddTenderDomain(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton<IMatchingSource>(new MatchingSource(connectionString));
        services.AddActivity<MatchPartnersActivity>();
        return services;
    }
}
