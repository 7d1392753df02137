using System.Globalization;

namespace TenderConsortium.Core.Delivery;

/// <summary>One reporting period of a contract, numbered from 1: members' returns and invoices are per period.</summary>
/// <param name="End">The last day of the period (inclusive), as a lead reads "1 April to 30 June".</param>
public sealed record DeliveryPeriod(int Number, DateOnly Start, DateOnly End)
{
    public int Days => End.DayNumber - Start.DayNumber + 1;

    public bool Contains(DateOnly day) => day >= Start && day <= End;

    /// <summary>"Period 2: 1 May 2027 to 31 May 2027".</summary>
    public string Label => $"Period {Number}: {Start.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)} to {End.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}";
}
