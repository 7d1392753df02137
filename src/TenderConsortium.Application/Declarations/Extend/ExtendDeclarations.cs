namespace TenderConsortium.Application.Declarations.Extend;

/// <param name="Opportunity">The opportunity's id or OCID.</param>
/// <param name="Until">The new deadline for members' declarations; their links stay valid until then.</param>
public sealed record ExtendDeclarations(string Opportunity, DateTimeOffset Until, string Actor, string? ConsortiumId = null);
