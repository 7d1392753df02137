using TenderConsortium.Core.Delivery;

namespace TenderConsortium.Application.Delivery.Return;

/// <param name="Member">The member's id or registration number.</param>
public sealed record SubmitReturn(string Opportunity, string Member, int Period, IReadOnlyList<OutputLine> Outputs, IReadOnlyList<SocialValueDelivered> SocialValue,
    string? Evidence, string Actor, string? ConsortiumId = null);
