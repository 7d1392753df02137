namespace TenderConsortium.Application.Declarations.Close;

/// <param name="Opportunity">The opportunity's id or OCID.</param>
/// <param name="Confirm">The lead saw the consequence (members still to answer are left out) and closes anyway.</param>
public sealed record CloseDeclarations(string Opportunity, string Actor, bool Confirm = false, string? ConsortiumId = null);
