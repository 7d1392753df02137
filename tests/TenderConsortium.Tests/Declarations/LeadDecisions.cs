using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Application.Allocation.Override;
using TenderConsortium.Application.Allocation.Rerun;
using TenderConsortium.Application.Bids;
using TenderConsortium.Application.Bids.Start;
using TenderConsortium.Application.Declarations.Extend;
using TenderConsortium.Application.Shortlist.Confirm;
using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.Matching;
using TenderConsortium.Core.Workflow;
using TenderConsortium.Persistence.Opportunities;

namespace TenderConsortium.Tests.Declarations;

/// <summary>The lead's decision handlers over a <see cref="BidHarness"/>'s services and clock, wired as the host wires them.</summary>
internal static class LeadDecisions
{
    private static BidOpportunities Opportunities(BidHarness bid) =>
        new(bid.Services.GetRequiredService<IMatchingSource>(), new OpportunityQueries(bid.Db.ConnectionString));

    public static OverrideAllocationHandler Override(BidHarness bid) =>
        new(Opportunities(bid), bid.AllocationStore, bid.DeclarationStore, bid.Invitations, bid.Services.GetRequiredService<AllocationPlanner>(), bid.Allocations,
            bid.Services.GetRequiredService<BidSignals>(), bid.Clock);

    public static RerunAllocationHandler Rerun(BidHarness bid) =>
        new(Opportunities(bid), bid.AllocationStore, bid.Allocations, bid.Services.GetRequiredService<BidSignals>());

    public static ExtendDeclarationsHandler Extend(BidHarness bid) =>
        new(Opportunities(bid), bid.Invitations, bid.Declarations, new BidStartOptions(), bid.Clock);

    public static ConfirmShortlistHandler ConfirmShortlist(BidHarness bid) =>
        new(Opportunities(bid), bid.Services.GetRequiredService<BidSignals>());
}
