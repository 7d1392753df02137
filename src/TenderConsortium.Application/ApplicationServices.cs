using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TenderConsortium.Application.Bids;
using TenderConsortium.Application.Bids.Outcome;
using TenderConsortium.Application.Bids.Show;
using TenderConsortium.Application.Bids.Start;
using TenderConsortium.Application.Bids.Submit;
using TenderConsortium.Application.Consortium.SaveProfile;
using TenderConsortium.Application.Consortium.ShowProfile;
using TenderConsortium.Persistence.Opportunities;

namespace TenderConsortium.Application;

/// <summary>Registers the use cases' handlers and queries; the domain and the runtime are registered by their own projects.</summary>
public static class ApplicationServices
{
    /// <param name="documentsFolder">Where bid packs and sub-contracts are written (&lt;data&gt;/documents).</param>
    public static IServiceCollection AddTenderApplication(this IServiceCollection services, string connectionString, string documentsFolder)
    {
        services.TryAddSingleton(new OpportunityQueries(connectionString));
        services.AddSingleton(new BidDocuments(documentsFolder));
        services.AddSingleton<BidOpportunities>();
        services.AddSingleton<BidLocator>();
        services.AddSingleton<StartBidHandler>();
        services.AddSingleton<ShowBidHandler>();
        services.AddSingleton<RecordSubmissionHandler>();
        services.AddSingleton<RecordOutcomeHandler>();
        services.TryAddSingleton(new BidStartOptions());
        services.TryAddSingleton(sp => new Persistence.Tenancy.ConsortiumStore(connectionString, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ShowProfileHandler>();
        services.AddSingleton<SaveProfileHandler>();
        services.AddSingleton<Declarations.Close.CloseDeclarationsHandler>();
        services.AddSingleton<Allocation.Approve.ApproveAllocationHandler>();
        return services;
    }
}
