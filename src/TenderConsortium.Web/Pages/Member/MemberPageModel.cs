using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Web.Pages.Shared;

namespace TenderConsortium.Web.Pages.Member;

/// <summary>Everything the member's page shows, gathered in C# so the components only render values.</summary>
/// <param name="Action">The page's own address (/d/{token}), which its forms post under.</param>
/// <param name="Done">The success message after a post, already chosen from the page's own messages.</param>
/// <param name="Capacity">The member's total across bids and contracts, once it holds a share or a contract anywhere.</param>
public sealed record MemberPageModel(
    string Action,
    MemberDeclarationView View,
    FormState Form,
    FormState ShareForm,
    MemberShareView? Share,
    DateTimeOffset Now,
    string? Done,
    Html? Capacity = null)
{
    public IReadOnlyList<FieldError> Errors => [.. Form.Errors, .. ShareForm.Errors];
}

/// <summary>The member's proposed or agreed share, and what it may do about it now.</summary>
/// <param name="AnswerBy">When its answer is due, while it is asked to accept.</param>
public sealed record MemberShareView(
    MemberConsent Consent,
    IReadOnlyList<MemberShareLine> Lines,
    DateTimeOffset? AnswerBy,
    bool CanWithdraw,
    bool HasSubcontract);

/// <summary>One lot of the share, in words for the member.</summary>
public sealed record MemberShareLine(string Lot, string Amount, string Value, string Why);
