namespace TenderConsortium.Core.Delivery;

/// <summary>Social value a member delivered in a period against one measure (e.g. SV01, 1 local person hired), with what shows it.</summary>
public sealed record SocialValueDelivered(string MeasureId, decimal Quantity, string Unit);
