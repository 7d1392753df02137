using System.Text.Json;

namespace TenderConsortium.Application.Declarations.Record;

/// <summary>
/// A member's answer to its invitation: capacity per lot, or a decline (docs/declarations.md). Sent by the member from
/// its link (<see cref="Token"/>), or entered by the lead for a member (<see cref="Opportunity"/> and
/// <see cref="MemberId"/>). The answer is either a file or body as received (<see cref="Json"/>, read once with its
/// encoding checks) or a JSON value a door built (<see cref="Answer"/>, the member's form), never both.
/// </summary>
public sealed record RecordDeclaration
{
    public string? Token { get; init; }

    public string? Opportunity { get; init; }

    public string? MemberId { get; init; }

    /// <summary>Who entered it for the member ("lead:jo@…"); a member's own answer is recorded as the member.</summary>
    public string? Actor { get; init; }

    public string? Json { get; init; }

    public JsonElement? Answer { get; init; }

    public static RecordDeclaration FromLink(string? token, JsonElement answer) => new() { Token = token, Answer = answer };

    public static RecordDeclaration FromLink(string? token, string json) => new() { Token = token, Json = json };

    public static RecordDeclaration ForMember(string opportunity, string memberId, string json, string actor) =>
        new() { Opportunity = opportunity, MemberId = memberId, Json = json, Actor = actor };
}
