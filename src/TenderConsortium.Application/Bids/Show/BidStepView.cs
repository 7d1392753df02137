namespace TenderConsortium.Application.Bids.Show;

/// <param name="Key">Stable name for scripts: notice, partners, declarations, shares, consent, pack, review, submission, outcome, subcontracts.</param>
/// <param name="Title">The step as a person reads it ("Members declare").</param>
/// <param name="WaitingOn">Whom the bid waits on when <see cref="Status"/> is Waiting: the lead, members, the adviser, the buyer.</param>
/// <param name="Until">The deadline of the wait, when there is one.</param>
/// <param name="Detail">One sentence of what happened or what is outstanding.</param>
public sealed record BidStepView(string Key, string Title, BidStepStatus Status, string? WaitingOn, DateTimeOffset? Until, string? Detail);
