namespace TenderConsortium.Core.Delivery;

/// <summary>A volume a member declared, was allocated or is contracted for in one bid, spread evenly over the days it runs.</summary>
public sealed record CapacityEntry(string MemberId, string MemberName, string OpportunityId, string Title, CapacityKind Kind, string Unit, decimal Volume, DateOnly Start, DateOnly End)
{
    /// <summary>The part of the volume that falls in [from, to], by days.</summary>
    public decimal Within(DateOnly from, DateOnly to)
    {
        var days = End.DayNumber - Start.DayNumber + 1;
        if (days <= 0) return 0m;
        var overlap = Math.Min(to.DayNumber, End.DayNumber) - Math.Max(from.DayNumber, Start.DayNumber) + 1;
        return overlap <= 0 ? 0m : Volume * overlap / days;
    }
}
