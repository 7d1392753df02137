namespace TenderConsortium.Host.Delivery;

/// <summary>How often a node looks for contracts in delivery whose payment watch a crash kept from starting (Delivery:WatchSweep).</summary>
public sealed class DeliveryWatchOptions
{
    public const string Section = "Delivery:WatchSweep";

    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(5);
}
