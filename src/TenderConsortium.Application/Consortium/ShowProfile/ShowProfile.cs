namespace TenderConsortium.Application.Consortium.ShowProfile;

/// <param name="ConsortiumId">The caller's consortium.</param>
public sealed record ShowProfile(string ConsortiumId);
