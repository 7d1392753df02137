namespace TenderConsortium.Core.BidPacks;

/// <summary>Pass, or Warning (the adviser should look), or Fail (the pack must not be submitted as it is).</summary>
public enum CheckStatus
{
    Pass,
    Warning,
    Fail,
}
