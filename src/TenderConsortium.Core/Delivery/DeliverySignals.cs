namespace TenderConsortium.Core.Delivery;

/// <summary>The bookmark the delivery workflow waits on: "something changed on contract &lt;id&gt;", so it looks at its due dates again.</summary>
public static class DeliverySignals
{
    public const string Changed = "delivery-changed";
}
