using TenderConsortium.Application.Bids.Show;

namespace TenderConsortium.Web.Pages.Lead;

/// <summary>One opportunity on the lead's dashboard: its bid, and the next date that matters with what falls due then.</summary>
public sealed record DashboardRow(BidView Bid, DateTimeOffset? Due, string? DueWhat)
{
    public static DashboardRow Of(BidView bid)
    {
        var current = bid.Steps.FirstOrDefault(s => s.Status is not (BidStepStatus.Done or BidStepStatus.Skipped));
        if (bid.Started && current?.Until is { } until)
            return new DashboardRow(bid, until, current.Key switch
            {
                "declarations" => "Members' deadline",
                "review" => "Review due",
                "submission" => "Tender deadline",
                _ => current.Title,
            });
        return bid.TenderDeadline is { } tender && bid.Stage is not ("Finished" or "Cancelled") ? new DashboardRow(bid, tender, "Tender deadline") : new DashboardRow(bid, null, null);
    }

    /// <summary>Where the stage sorts on the dashboard: what needs the lead first, then the bid's own order of steps, finished last.</summary>
    public int Order => Bid.Stage switch
    {
        "Needs attention" => 0,
        "Not started" => 1,
        "Finished" => 100,
        "Cancelled" => 101,
        _ => 10 + Math.Max(0, Bid.Steps.ToList().FindIndex(s => s.Title == Bid.Stage)),
    };
}
