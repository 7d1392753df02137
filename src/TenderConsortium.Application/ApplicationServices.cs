using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TenderConsortium.Application.Allocations.Consent;
using TenderConsortium.Application.Allocations.Withdraw;
using TenderConsortium.Application.Bids;
using TenderConsortium.Application.Bids.Outcome;
using TenderConsortium.Application.Bids.Show;
using TenderConsortium.Application.Bids.Start;
using TenderConsortium.Application.Bids.Submit;
using TenderConsortium.Application.Intake.ImportMembers;
using TenderConsortium.Application.Intake.ImportNotice;
using TenderConsortium.Application.Reviews;
using TenderConsortium.Application.Reviews.Comment;
using TenderConsortium.Application.Reviews.Decide;
using TenderConsortium.Application.Declarations.Record;
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
        services.TryAddSingleton(new Persistence.TenderContexts(connectionString));
        services.TryAddSingleton(sp => new OpportunityQueries(sp.GetRequiredService<Persistence.TenderContexts>()));
        services.AddSingleton(new BidDocuments(documentsFolder));
        services.AddSingleton<BidOpportunities>();
        services.AddSingleton<BidLocator>();
        services.AddSingleton<StartBidHandler>();
        services.AddSingleton<ShowBidHandler>();
        services.AddSingleton<RecordSubmissionHandler>();
        services.AddSingleton<RecordOutcomeHandler>();
        services.AddSingleton(sp => new ImportNoticeHandler(connectionString, sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton(sp => new ImportMembersHandler(connectionString, sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<PendingReviews>();
        services.AddSingleton<CommentOnReviewHandler>();
        services.AddSingleton<DecideReviewHandler>();
        Delivery.DeliveryServices.Add(services);
        services.AddSingleton<RecordDeclarationHandler>();
        services.AddSingleton<RecordConsentHandler>();
        services.AddSingleton<RecordWithdrawalHandler>();
        services.AddSingleton<ConsentDeadlines>();
        services.TryAddSingleton(new BidStartOptions());
        services.TryAddSingleton(sp => new Persistence.Tenancy.ConsortiumStore(sp.GetRequiredService<Persistence.TenderContexts>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ShowProfileHandler>();
        services.AddSingleton<SaveProfileHandler>();
        services.AddSingleton<Declarations.Close.CloseDeclarationsHandler>();
        services.AddSingleton<Allocation.Approve.ApproveAllocationHandler>();
        services.AddSingleton<Allocation.Override.OverrideAllocationHandler>();
        services.AddSingleton<Allocation.Rerun.RerunAllocationHandler>();
        services.AddSingleton<Declarations.Extend.ExtendDeclarationsHandler>();
        services.AddSingleton<Shortlist.Confirm.ConfirmShortlistHandler>();
        return services;
    }
}
