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

        if (view.Documents.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("  Documents:");
            foreach (var document in view.Documents) output.WriteLine($"    {document}");
        }
    }
}
