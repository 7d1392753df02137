namespace TenderConsortium.Persistence.Delivery;

/// <summary>A row of <c>delivery_returns</c>: a member's latest return for a period; outputs and social value as JSON.</summary>
public sealed class DeliveryReturnRecord
{
    public required string ContractId { get; set; }

    public int Period { get; set; }

    public required string MemberId { get; set; }

    public int Revision { get; set; }

    public required string Outputs { get; set; }

    public required string SocialValue { get; set; }

    public string? Evidence { get; set; }

    public long SubmittedAt { get; set; }

    public required string SubmittedBy { get; set; }
}
