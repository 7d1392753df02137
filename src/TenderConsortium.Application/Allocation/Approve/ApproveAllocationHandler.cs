using System.Globalization;
using TenderConsortium.Application.Bids;
using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.Common;

namespace TenderConsortium.Application.Allocation.Approve;

/// <summary>
/// The lead approves the proposed shares, and allocated members are asked to accept them. Shares that leave work
/// uncovered mean bidding with a gap the buyer will see: refused as <see cref="ProblemCode.Unconfirmed"/> naming the
/// gap per lot, until the lead confirms.
/// </summary>
public sealed class ApproveAllocationHandler(BidOpportunities opportunities, IAllocationStore allocations, AllocationService service)
{
    public async Task<StoredAllocation> HandleAsync(ApproveAllocation command, CancellationToken cancellationToken = default)
    {
        var id = await opportunities.RequireAsync(command.Opportunity, command.ConsortiumId, cancellationToken);
        if (!command.Confirm && await ConsequenceAsync(id, cancellationToken) is { } consequence)
            throw new ProblemException("confirm", ProblemCode.Unconfirmed, consequence);
        return await service.ApproveAsync(id, command.Actor, cancellationToken);
    }

    /// <summary>"The shares leave 1,200 hours of lot 1 uncovered (30% of the lot); approving now bids with that gap." or null when all is covered.</summary>
    public async Task<string?> ConsequenceAsync(string opportunityId, CancellationToken cancellationToken = default)
    {
        var current = await allocations.CurrentAsync(opportunityId, cancellationToken);
        var gaps = current?.Result.Lots.Where(l => l.Uncovered > 0)
            .OrderBy(l => long.TryParse(l.LotId, out var n) ? n : long.MaxValue).ThenBy(l => l.LotId, StringComparer.Ordinal)
            .Select(l => $"{l.Uncovered.ToString("N0", CultureInfo.InvariantCulture)} {(l.Unit == "value" ? "pounds' worth" : l.Unit)} of lot {l.LotId} " +
                         $"({Math.Round(100m * l.Uncovered / Math.Max(1, l.Demand), 0).ToString(CultureInfo.InvariantCulture)}% of the lot)")
            .ToList() ?? [];
        return gaps.Count == 0 ? null : $"The shares leave {string.Join(" and ", gaps)} uncovered; approving now bids with that gap.";
    }
}
