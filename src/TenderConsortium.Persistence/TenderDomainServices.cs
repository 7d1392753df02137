using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.Bids;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Delivery;
using TenderConsortium.Core.Invitations;
using TenderConsortium.Core.Matching;
using TenderConsortium.Core.Members;
using TenderConsortium.Core.Notifications;
using TenderConsortium.Core.Opportunities;
using TenderConsortium.Core.Reviews;
using TenderConsortium.Core.Submission;
using TenderConsortium.Core.Workflow;
using TenderConsortium.Persistence.Allocations;
using TenderConsortium.Persistence.Bids;
using TenderConsortium.Persistence.Declarations;
using TenderConsortium.Persistence.Invitations;
using TenderConsortium.Persistence.Matching;
using TenderConsortium.Persistence.Members;
using TenderConsortium.Persistence.Reviews;
using TenderConsortium.Workflows.Activities;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.Persistence;

/// <summary>Registers the consortium domain on a node: the ports the tender activities use, their services, and the activities.</summary>
public static class TenderDomainServices
{
    /// <param name="invitationKey">The node secret members' links derive from (see <see cref="InvitationKeyFile"/>).</param>
    public static IServiceCollection AddTenderDomain(this IServiceCollection services, string connectionString, byte[] invitationKey)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new TenderContexts(connectionString));
        // The doors' reads and the accounts, from DI on the node's database rather than made from its connection string.
        services.TryAddSingleton(sp => new Opportunities.OpportunityQueries(sp.GetRequiredService<TenderContexts>()));
        services.TryAddSingleton(sp => new MemberQueries(sp.GetRequiredService<TenderContexts>()));
        services.TryAddSingleton(sp => new Tenancy.TenancyQueries(sp.GetRequiredService<TenderContexts>()));
        services.TryAddSingleton(sp => new Accounts.AccountStore(sp.GetRequiredService<TenderContexts>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new Tenancy.ConsortiumStore(sp.GetRequiredService<TenderContexts>(), sp.GetRequiredService<TimeProvider>()));
        services.AddTenderStore<IMatchingSource>((contexts, sp) => new MatchingSource(contexts, null, sp.GetRequiredService<TimeProvider>()));
        services.AddTenderStore<IMemberDirectory>((contexts, _) => new MemberDirectory(contexts));
        services.AddTenderStore<IContactRefusals>((contexts, _) => new Contacts.ContactRefusalStore(contexts));
        services.AddTenderStore<IInvitationStore>((contexts, _) => new InvitationStore(contexts));
        services.AddTenderStore<IDeclarationStore>((contexts, _) => new DeclarationStore(contexts));
        services.AddTenderStore<IAllocationStore>((contexts, _) => new AllocationStore(contexts));
        services.AddTenderStore<IBidStore>((contexts, _) => new BidStore(contexts));
        services.AddTenderStore<Core.Consortium.ILeadProfileStore>((contexts, _) => new Consortium.LeadProfileStore(contexts));
        services.AddSingleton(new InvitationTokenIssuer(invitationKey));
        services.AddSingleton(new DigestUnsubscribeTokens(invitationKey));
        services.AddSingleton<AllocationPlanner>();
        // The planner an activity uses reads through the activity's unit of work, so it sees what the step wrote.
        services.AddSingleton<IStoreFactory<AllocationPlanner>>(sp => new StoreFactory<AllocationPlanner>(unit => new AllocationPlanner(
            sp.GetRequiredService<IStoreFactory<IMatchingSource>>().For(unit), sp.GetRequiredService<IStoreFactory<IInvitationStore>>().For(unit),
            sp.GetRequiredService<IStoreFactory<IDeclarationStore>>().For(unit), sp.GetRequiredService<IStoreFactory<IMemberDirectory>>().For(unit),
            sp.GetRequiredService<IStoreFactory<IAllocationStore>>().For(unit))));
        services.AddSingleton<BidSignals>();
        services.AddSingleton(sp => new DeclarationService(
            sp.GetRequiredService<IInvitationStore>(), sp.GetRequiredService<IDeclarationStore>(), sp.GetRequiredService<IMatchingSource>(),
            sp.GetRequiredService<Workflows.WorkflowRuntime>(), sp.GetRequiredService<BidSignals>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<AllocationService>();
        services.AddTenderStore<IReviewStore>((contexts, _) => new ReviewStore(contexts));
        services.AddSingleton<ReviewService>();
        services.AddSingleton<IIncidentObserver, FaultEmails>();
        services.AddTenderStore<IDeliveryStore>((contexts, _) => new Delivery.DeliveryStore(contexts));
        services.TryAddSingleton(new LatePaymentOptions());
        services.AddSingleton<DeliveryLinks>();
        services.AddSingleton<DeliveryContractPlanner>();
        // The award's StartDelivery step plans from the sub-contracts its own burst just wrote: read through its unit of work.
        services.AddSingleton<IStoreFactory<DeliveryContractPlanner>>(sp => new StoreFactory<DeliveryContractPlanner>(unit => new DeliveryContractPlanner(
            sp.GetRequiredService<IStoreFactory<IBidStore>>().For(unit), sp.GetRequiredService<IStoreFactory<IAllocationStore>>().For(unit),
            sp.GetRequiredService<IStoreFactory<IDeclarationStore>>().For(unit), sp.GetRequiredService<IStoreFactory<IMemberDirectory>>().For(unit))));
        foreach (var activity in Activities()) services.AddSingleton(activity);
        return services;
    }

    /// <summary>
    /// Registers a store twice: on its own (each write its own transaction, for the doors) and as an
    /// <see cref="IStoreFactory{T}"/> that joins it to a unit of work (an activity's, so that its writes commit with the step).
    /// </summary>
    public static IServiceCollection AddTenderStore<T>(this IServiceCollection services, Func<TenderContexts, IServiceProvider, T> create) where T : class
    {
        services.AddSingleton(sp => create(sp.GetRequiredService<TenderContexts>(), sp));
        services.AddSingleton<IStoreFactory<T>>(sp => new StoreFactory<T>(unit => create(sp.GetRequiredService<TenderContexts>().Join(unit), sp)));
        return services;
    }

    /// <summary>The tender activities, also for checking definitions without a node (<c>tender workflows check</c>).</summary>
    public static IReadOnlyList<IActivity> Activities() =>
    [
        new AnnounceOpportunityActivity(),
        new MatchPartnersActivity(),
        new InviteMembersActivity(),
        new AwaitDeclarationsActivity(),
        new AllocateSubcontractsActivity(),
        new AwaitLeadApprovalActivity(),
        new AwaitMemberConsentActivity(),
        new WatchWithdrawalsActivity(),
        new AwaitAdviserReviewActivity(),
        new AwaitSubmissionActivity(),
        new AwaitOutcomeActivity(),
        new WatchContractDeliveryActivity(),
        new StartDeliveryActivity(),
    ];
}
