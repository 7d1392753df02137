using TenderConsortium.Core.Consortium;

namespace TenderConsortium.Application.Consortium.ShowProfile;

/// <summary>The consortium's profile as the lead's page, the API and `tender consortium profile show` show it.</summary>
/// <param name="ConsortiumName">The consortium's own name (the unit of tenancy), which the lead body bids for.</param>
/// <param name="Profile">Null until the profile is completed; bids cannot start before.</param>
public sealed record ProfileView(string ConsortiumId, string ConsortiumName, LeadProfile? Profile)
{
    public bool Complete => Profile is not null;
}
