namespace TenderConsortium.Core.Reference;

/// <summary>A social-value measure a member can commit to (National TOMs style), with the unit its quantity is in.</summary>
public sealed record SocialValueMeasure(string Id, string Theme, string Description, string Unit, string? TomsCode);
