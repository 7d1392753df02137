using TenderConsortium.Core.Common;
using TenderConsortium.Core.Matching;
using TenderConsortium.Core.Members;
using TenderConsortium.Core.Opportunities;

namespace TenderConsortium.Tests.Matching;

/// <summary>Small hand-built registries and notices for the matching rules, one fact at a time.</summary>
internal static class Registry
{
    public static MatchMember Member(string id, string[] cpv, string[] areas, Certification[]? certifications = null, decimal? turnover = null,
        decimal? maxContract = null, string? statement = null) =>
        new(id, new Member
        {
            RegistrationNumber = id,
            Name = $"Member {id}",
            LegalForm = LegalForm.CommunityInterestCompany,
            Contacts = [new Contact(null, $"{id.ToLowerInvariant()}@example.org", null)],
            Cpv = cpv,
            ServiceAreas = areas,
            // Most lots in these tests are social care, which requires PVG; a test about certifications passes its own.
            Certifications = certifications ?? [Pvg(2030, 1, 1)],
            AnnualTurnover = turnover is null ? null : new Money(turnover.Value, "GBP"),
            MaxContractValue = maxContract is null ? null : new Money(maxContract.Value, "GBP"),
            CapabilityStatement = statement,
        });

    public static Certification Pvg(int year, int month, int day) => new(CertificationKind.PvgDisclosure, "PVG", new DateOnly(year, month, day));

    public static Lot Lot(string id, string[] cpv, string[] places, string title = "Services", decimal? value = null, SelectionCriterion[]? selection = null) => new()
    {
        Id = id,
        Title = title,
        Cpv = cpv,
        Places = places,
        Value = value is null ? null : new Money(value.Value, "GBP"),
        SelectionCriteria = selection ?? [],
    };

    public static Opportunity Notice(params Lot[] lots) => new()
    {
        Source = NoticeSource.Manual,
        Ocid = "local-test",
        Buyer = new Buyer("nac", "North Ayrshire Council"),
        Title = "Test notice",
        Deadline = new DateTimeOffset(2026, 3, 31, 12, 0, 0, TimeSpan.Zero),
        Lots = lots,
    };

    public static LotMatch MatchOne(Lot lot, MatchContext? context, MatchingOptions? options, params MatchMember[] members)
    {
        var matcher = new PartnerMatcher(MemberIndex.Build(members), options);
        var notice = Notice(lot);
        var indexed = matcher.Match("opp", notice, context);
        var scanned = matcher.FullScan("opp", notice, context);
        Assert.That(Json(indexed), Is.EqualTo(Json(scanned)), "index and full scan must agree");
        return indexed.Lots.Single();
    }

    public static LotMatch MatchOne(Lot lot, params MatchMember[] members) => MatchOne(lot, null, null, members);

    public static string Json(MatchResult result) => System.Text.Json.JsonSerializer.Serialize(result, DomainJson.Options);

    public const string Glasgow = "S12000049";
    public const string NorthAyrshire = "S12000021";
    public const string Orkney = "S12000023";
    public const string Scotland = "S92000003";
}
