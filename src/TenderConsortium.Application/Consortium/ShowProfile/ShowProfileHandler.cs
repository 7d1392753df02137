using TenderConsortium.Core.Consortium;
using TenderConsortium.Persistence.Tenancy;

namespace TenderConsortium.Application.Consortium.ShowProfile;

/// <summary>Reads the consortium's profile, or says it is still to be completed.</summary>
public sealed class ShowProfileHandler(ILeadProfileStore profiles, ConsortiumStore consortia)
{
    public async Task<ProfileView> HandleAsync(ShowProfile query, CancellationToken cancellationToken = default)
    {
        var name = (await consortia.FindAsync(query.ConsortiumId, cancellationToken))?.Name ?? query.ConsortiumId;
        return new ProfileView(query.ConsortiumId, name, await profiles.FindAsync(query.ConsortiumId, cancellationToken));
    }
}
