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

namespace TenderConsortium.Persistence;

/// <summary>Registers the consortium domain on a node: the ports the tender activities use, their services, and the activities.</summary>
public static class TenderDomainServices
{
    /// <param name="invitationKey">The node secret members' links derive from (see <see cref="InvitationKeyFile"/>).</param>
    public static IServiceCollection AddTenderDomain(this IServiceCollection services, string connectionString, byte[] invitationKey)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IMatchingSource>(sp => new MatchingSource(connectionString, null, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IMemberDirectory>(new MemberDirectory(connectionString));
        services.AddSingleton<IContactRefusals>(new Contacts.ContactRefusalStore(connectionString));
        services.AddSingleton<IInvitationStore>(new InvitationStore(connectionString));
        services.AddSingleton<IDeclarationStore>(new DeclarationStore(connectionString));
        services.AddSingleton<IAllocationStore>(new AllocationStore(connectionString));
        services.AddSingleton<IBidStore>(new BidStore(connectionString));
        services.AddSingleton<Core.Consortium.ILeadProfileStore>(new Consortium.LeadProfileStore(connectionString));
        services.AddSingleton(new InvitationTokenIssuer(invitationKey));
        services.AddSingleton(new DigestUnsubscribeTokens(invitationKey));
        services.AddSingleton<AllocationPlanner>();
        services.AddSingleton<BidSignals>();
        services.AddSingleton(sp => new DeclarationService(
            sp.GetRequiredService<IInvitationStore>(), sp.GetRequiredService<IDeclarationStore>(), sp.GetRequiredService<IMatchingSource>(),
            sp.GetRequiredService<Workflows.WorkflowRuntime>(), sp.GetRequiredService<BidSignals>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<AllocationService>();
        services.AddSingleton<IReviewStore>(new ReviewStore(connectionString));
        services.AddSingleton<ReviewService>();
        services.AddSingleton<IIncidentObserver, FaultEmails>();
        services.AddSingleton<IDeliveryStore>(new Delivery.DeliveryStore(connectionString));
        services.TryAddSingleton(new LatePaymentOptions());
        services.AddSingleton<DeliveryLinks>();
        services.AddSingleton<DeliveryContractPlanner>();
        foreach (var activity in Activities()) services.AddSingleton(activity);
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
