namespace TenderConsortium.Core.Reviews;

public static class ReviewSignals
{
    /// <summary>The adviser's decision (key: opportunity id): approve or request changes.</summary>
    public const string Decision = "adviser-review";
}
