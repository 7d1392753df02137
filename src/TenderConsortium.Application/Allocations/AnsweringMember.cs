using TenderConsortium.Core.Common;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Matching;

namespace TenderConsortium.Application.Allocations;

/// <summary>
/// Who answers about a share: the member its link names (and is recorded as), or the member the lead or an operator
/// names for an opportunity. Shared by the consent and withdrawal handlers.
/// </summary>
internal static class AnsweringMember
{
    public static async Task<(string Opportunity, string Member, string Actor)> FindAsync(DeclarationService links, IMatchingSource opportunities,
        string? token, string? opportunity, string? memberId, string? actor, string missing, CancellationToken cancellationToken)
    {
        if (token is not null)
        {
            var invitation = await links.AuthenticateAsync(token, cancellationToken);
            return (invitation.OpportunityId, invitation.MemberId, $"member:{invitation.MemberId}");
        }

        if (opportunity is null || memberId is null) throw new ProblemException("member", ProblemCode.Invalid, missing);
        var found = await opportunities.RequireOpportunityAsync(opportunity, cancellationToken);
        return (found.Id, memberId, actor ?? "lead");
    }
}
