namespace TenderConsortium.Core.Allocation;

/// <summary>How much work the share explanations may do.</summary>
public sealed record ExplanationOptions
{
    public static ExplanationOptions Default { get; } = new();

    /// <summary>
    /// Up to this many offers, each share's binding rules are found by re-solving with the rule loosened (a few
    /// solves per share, milliseconds for a consortium bid); above it, from marginal costs only.
    /// </summary>
    public int ExactBindingMaxOffers { get; init; } = 200;
}
