using TenderConsortium.Application.Bids.Show;

namespace TenderConsortium.Cli.Bids;

/// <summary>`tender bid show` as text: the stage and next action first, then one line per step, within 100 columns.</summary>
internal static class BidViewText
{
    public static void Write(BidView view, TextWriter output)
    {
        output.WriteLine(view.Title);
        output.WriteLine($"  Buyer: {view.Buyer}");
        output.WriteLine($"  Stage: {view.Stage}");
        output.WriteLine($"  Next:  {view.NextAction}");
        if (view.Problem is { } problem) output.WriteLine($"  Problem: {problem}");
        if (view.TenderDeadline is { } tender) output.WriteLine($"  Tender deadline: {ShowBidHandler.When(tender)}");
        var declaring = view.Steps.FirstOrDefault(s => s.Key == "declarations")?.Status is BidStepStatus.Waiting or BidStepStatus.NotStarted;
        if (view.DeclarationDeadline is { } declarations && declaring) output.WriteLine($"  Members' declarations close: {ShowBidHandler.When(declarations)}");
        if (view.Started)
        {
            var c = view.Counts;
            output.WriteLine($"  Members: {c.Invited} invited, {c.Answered} answered ({c.Declined} declined), {c.Allocated} with a share, {c.Accepted} accepted");
        }

        output.WriteLine();
        foreach (var step in view.Steps)
        {
            var status = step.Status switch
            {
                BidStepStatus.Done => "done",
                BidStepStatus.InProgress => "in progress",
                BidStepStatus.Waiting => $"waiting on {step.WaitingOn}" + (step.Until is { } until ? $" until {ShowBidHandler.When(until)}" : ""),
                BidStepStatus.Skipped => "skipped",
                _ => "not started",
            };
            output.WriteLine($"  {step.Title,-18} {status}");
            if (step.Detail is { } detail) output.WriteLine($"  {"",-18} {detail}");
        }

        if (view.FailedChecks.Count > 0 && view.Submission is null)
        {
            output.WriteLine();
            output.WriteLine($"  Failed checks of the newest pack ({view.FailedChecks.Count}): fix each and build the pack again, or give");
            output.WriteLine("  a reason for each when approving and submitting (--accept CHECK=REASON):");
            foreach (var check in view.FailedChecks) output.WriteLine($"    {check.Title} ({check.Id}): {check.Detail}");
        }

        Accepted(output, "The adviser approved the pack with these failed checks", view.AdviserAccepted);
        if (view.Submission is { } submission) Accepted(output, "Submitted with these failed checks", submission.AcceptedChecks);

        if (view.Documents.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("  Documents:");
            foreach (var document in view.Documents) output.WriteLine($"    {document}");
        }
    }

    private static void Accepted(TextWriter output, string heading, IReadOnlyList<Core.BidPacks.AcceptedCheck> accepted)
    {
        if (accepted.Count == 0) return;
        output.WriteLine();
        output.WriteLine($"  {heading}:");
        foreach (var check in accepted) output.WriteLine($"    {check.Title} ({check.Check}). Why: {check.Reason}");
    }
}
