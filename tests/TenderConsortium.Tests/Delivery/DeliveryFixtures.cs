using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Delivery;
using TenderConsortium.Core.Opportunities;

namespace TenderConsortium.Tests.Delivery;

/// <summary>A one-year, two-member contract from 1 April 2027, as the award would start it.</summary>
internal static class DeliveryFixtures
{
    public static readonly DateTimeOffset Award = new(2027, 3, 20, 9, 0, 0, TimeSpan.Zero);

    public static readonly ContractPeriod Year = new(new DateTimeOffset(2027, 4, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2028, 3, 31, 0, 0, 0, TimeSpan.Zero), null);

    public static ContractMember Wellbeing => new("m-well", "Govan Wellbeing Co-op", "finance@govanwellbeing.example",
        [new ContractLine("1", "Residential recovery", "hours", 2400, 32.50m)],
        [new SocialValueCommitment("SV01", 2, "no. people FTE"), new SocialValueCommitment("SV03", 1, "no. people FTE")]);

    public static ContractMember Larder => new("m-larder", "Linktown Larder CIC", "hello@linktownlarder.example",
        [new ContractLine("1", "Residential recovery", "hours", 1200, 30m), new ContractLine("2", "Aftercare", "sessions", 120, 85m)],
        [new SocialValueCommitment("SV01", 1, "no. people FTE")]);

    public static DeliveryContract Contract(PeriodLength length = PeriodLength.Monthly) =>
        DeliveryContract.Start("bid-1", "opp-1", "clyde", "Glasgow residential recovery", "Glasgow City Council", "bids@clyde.example", length,
            DeliveryPeriods.Plan(Year, length, new DateOnly(2027, 4, 1)), [Wellbeing, Larder], 0.05m, 30, Award, "lead");
}
