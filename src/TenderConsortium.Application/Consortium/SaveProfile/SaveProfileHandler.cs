using TenderConsortium.Core.Consortium;

namespace TenderConsortium.Application.Consortium.SaveProfile;

/// <summary>
/// Completes or changes the consortium profile. Refuses with a problem per missing or wrong field and writes
/// nothing then. Bids already running keep the facts they started with; new bids take the saved ones.
/// </summary>
public sealed class SaveProfileHandler(ILeadProfileStore profiles, TimeProvider time)
{
    public async Task<LeadProfile> HandleAsync(SaveProfile command, CancellationToken cancellationToken = default)
    {
        var profile = LeadProfile.Create(command.ConsortiumId, command.LegalName, command.RegistrationNumber, command.SignatoryName, command.SignatoryRole,
            command.ContactEmail, command.ContactPhone, command.Address, command.AdviserEmail, time.GetUtcNow(), command.Actor);
        await profiles.SaveAsync(profile, cancellationToken);
        return profile;
    }
}
