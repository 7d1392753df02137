using TenderConsortium.Core.Invitations;
using TenderConsortium.Core.Opportunities;

namespace TenderConsortium.Core.Declarations;

/// <summary>What a member sees behind its link: the opportunity, the lots and their terms, its deadline, its latest answer.</summary>
public sealed record MemberDeclarationView(
    Invitation Invitation,
    string OpportunityTitle,
    string BuyerName,
    Opportunity Opportunity,
    DeclarationRound Round,
    CapacityDeclaration? Latest,
    int Revisions,
    bool Open);
