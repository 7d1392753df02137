namespace TenderConsortium.Application.Bids.Show;

public enum BidStepStatus
{
    Done,

    /// <summary>The system is doing it (matching, assembling the pack, issuing sub-contracts).</summary>
    InProgress,

    /// <summary>Waiting on a person: see <see cref="BidStepView.WaitingOn"/> and <see cref="BidStepView.Until"/>.</summary>
    Waiting,

    NotStarted,

    /// <summary>This bid's workflow does not have the step (the small-contract flow skips review; a lost bid issues no sub-contracts).</summary>
    Skipped,
}
