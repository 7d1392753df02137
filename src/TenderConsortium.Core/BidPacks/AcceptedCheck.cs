namespace TenderConsortium.Core.BidPacks;

/// <summary>
/// A failed automatic check that a person chose to go ahead with, and why: the adviser approving a pack, or the lead
/// recording its submission. Kept with that decision so anyone can see later what was known and accepted.
/// </summary>
/// <param name="Check">The check's id (for example <c>certifications</c>).</param>
/// <param name="Title">The check's title as the pack printed it.</param>
/// <param name="Detail">What the check found, as it stood when it was accepted.</param>
/// <param name="Reason">Why the person accepts it, in their words.</param>
public sealed record AcceptedCheck(string Check, string Title, string Detail, string Reason);
