namespace TenderConsortium.Application.Consortium.SaveProfile;

/// <summary>The consortium profile as a person gives it; every field is required (see <see cref="Core.Consortium.LeadProfile.Create"/>).</summary>
public sealed record SaveProfile(
    string ConsortiumId,
    string Actor,
    string? LegalName,
    string? RegistrationNumber,
    string? SignatoryName,
    string? SignatoryRole,
    string? ContactEmail,
    string? ContactPhone,
    string? Address,
    string? AdviserEmail);
