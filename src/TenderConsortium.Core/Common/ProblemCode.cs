namespace TenderConsortium.Core.Common;

/// <summary>What kind of refusal a <see cref="Problem"/> is; the API picks its status code from it.</summary>
public enum ProblemCode
{
    /// <summary>The input is wrong: fix the named field (400).</summary>
    Invalid,

    /// <summary>The thing named does not exist (404).</summary>
    NotFound,

    /// <summary>The input is fine but the bid is not in a state that allows it (409), e.g. a second start.</summary>
    Conflict,

    /// <summary>
    /// The action is possible but has a consequence the person must see and accept first (closing declarations with
    /// members still to answer, approving shares that leave work uncovered): the page asks to confirm, the CLI wants
    /// --confirm, the API a "confirm": true field (400 until then). The message says the consequence.
    /// </summary>
    Unconfirmed,
}
