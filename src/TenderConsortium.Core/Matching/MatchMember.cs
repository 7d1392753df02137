using TenderConsortium.Core.Members;

namespace TenderConsortium.Core.Matching;

/// <param name="Id">The id results name the member by (the registry's id, or the registration number where there is none).</param>
public sealed record MatchMember(string Id, Member Member);
