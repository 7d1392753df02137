using TenderConsortium.Core.Opportunities;
using TenderConsortium.Workflows.Definitions;

namespace TenderConsortium.Application.Bids;

/// <summary>
/// Which workflow a bid runs when the lead names none: the whole lead-partner flow, or its small-contract variant
/// for a notice worth less than that variant's review threshold. The allocation-only definition and the runtime's
/// tour stay startable by name, but are never a lead's default way to bid.
/// </summary>
public static class BidWorkflows
{
    public const string Whole = "lead-partner-bid";
    public const string Small = "lead-partner-bid-small";
    public const string ReviewThresholdSetting = "reviewThreshold";

    public static async Task<string> DefaultForAsync(Opportunity opportunity, DefinitionRegistry definitions, CancellationToken cancellationToken)
    {
        if (opportunity.Value is not { Currency: "GBP" } value) return Whole;
        try
        {
            var (small, _) = await definitions.GetLatestAsync(Small, cancellationToken);
            return small.Settings.TryGetValue(ReviewThresholdSetting, out var threshold) && threshold.Default?.GetValue<decimal>() is { } limit && value.Amount < limit
                ? Small
                : Whole;
        }
        catch (Exception ex) when (ex is Workflows.WorkflowNotFoundException or KeyNotFoundException or InvalidOperationException)
        {
            return Whole;
        }
    }
}
