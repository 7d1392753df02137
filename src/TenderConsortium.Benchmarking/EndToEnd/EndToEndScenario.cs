using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using TenderConsortium.Core.Reference;

namespace TenderConsortium.Benchmarking.EndToEnd;

/// <summary>
/// The synthetic data of the end-to-end benchmark. Tender <c>i</c> is a two-lot notice in our own format
/// (tender-notice/1) for one trade (CPV code) in one council area, and its consortium is <c>M</c> members with exactly
/// that CPV code, serving that council, big enough for the lots (turnover over twice the lot value) and needing no
/// certification (no care or social-work codes, no wording that calls for PVG). Tenders sharing a council have codes
/// in different CPV divisions, so the matcher shortlists a tender's own members and nobody else's for the first 160
/// tenders (32 councils × 5 trades); <c>invitePerLot</c> caps invitations at <c>M</c> per lot in any case.
/// Every member declares for both lots, with volumes, prices and staff that vary by position; the same index always
/// gives the same data.
/// </summary>
public static class EndToEndScenario
{
    public const string LeadEmail = "lead@bench-consortium.example";
    public const string AdviserEmail = "adviser@bench-p4p.example";
    public const decimal ReferencePrice = 30m;

    private static readonly (string Cpv, string Trade, string Title, string Work)[] Shapes =
    [
        ("90513000", "Recycling", "Collection and recycling of bulky household waste", "collect, repair and recycle bulky household waste and furniture"),
        ("77314000", "Grounds", "Grounds maintenance of sheltered housing", "maintain grounds, lawns, hedges and shrub beds of housing estates"),
        ("55520000", "Catering", "Catering for community events and lunch clubs", "cook and deliver catering for community events, lunch clubs and meetings"),
        ("60130000", "Transport", "Community transport to day centres and clinics", "drive accessible minibuses on scheduled routes to day centres and clinics"),
        ("80530000", "Training", "Vocational training and employability courses", "run vocational training, employability courses and work placements"),
    ];

    /// <summary>Hours to cover per lot.</summary>
    public static readonly (string LotId, long Demand)[] Lots = [("1", 3_000), ("2", 2_000)];

    public static int Capacity => ScottishPlaces.Default.Councils.Count * Shapes.Length;

    public static CouncilArea Council(int tender) => ScottishPlaces.Default.Councils[tender % ScottishPlaces.Default.Councils.Count];

    private static (string Cpv, string Trade, string Title, string Work) Shape(int tender) =>
        Shapes[tender / ScottishPlaces.Default.Councils.Count % Shapes.Length];

    public static string Reference(string run, int tender) => string.Create(CultureInfo.InvariantCulture, $"BENCH-{run}-{tender:D4}");

    /// <summary>One notice in tender-notice/1: two lots of the same trade and council, deadline 60 days after <paramref name="now"/>.</summary>
    public static string Notice(string run, int tender, DateTimeOffset now)
    {
        var council = Council(tender);
        var shape = Shape(tender);
        JsonObject Lot(string id, string part, decimal value) => new()
        {
            ["id"] = id,
            ["title"] = $"{shape.Title}: {part} {council.Name}",
            ["description"] = $"{shape.Title} in the {part} of {council.Name}.",
            ["value"] = new JsonObject { ["amount"] = value, ["currency"] = "GBP" },
            ["cpv"] = new JsonArray(shape.Cpv),
            ["places"] = new JsonArray(council.Code),
            ["criteria"] = new JsonArray(
                new JsonObject { ["type"] = "quality", ["name"] = "Method statement", ["weight"] = 60 },
                new JsonObject { ["type"] = "price", ["weight"] = 40 }),
        };
        var notice = new JsonObject
        {
            ["format"] = "tender-notice/1",
            ["reference"] = Reference(run, tender),
            ["buyer"] = new JsonObject { ["name"] = $"{council.Name} Council (benchmark)" },
            ["title"] = $"{shape.Title} in {council.Name}",
            ["description"] = $"{shape.Title} across {council.Name}, in two lots.",
            ["procedure"] = "quick-quote",
            ["value"] = new JsonObject { ["amount"] = 160_000, ["currency"] = "GBP" },
            ["deadline"] = now.AddDays(60).ToString("yyyy-MM-dd'T'12:00:00'Z'", CultureInfo.InvariantCulture),
            ["contractPeriod"] = new JsonObject { ["start"] = ContractStart(now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["durationDays"] = 730 },
            ["communityBenefits"] = true,
            ["lots"] = new JsonArray(Lot("1", "north of", 100_000), Lot("2", "south of", 60_000)),
        };
        return notice.ToJsonString();
    }

    public static DateOnly ContractStart(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime).AddDays(120);

    /// <summary>The members of the given tenders as one member-registry CSV (samples/members format).</summary>
    public static string MembersCsv(string run, IEnumerable<int> tenders, int membersPerTender)
    {
        var csv = new StringBuilder("name,legal_form,registration_number,contact_name,contact_email,contact_phone,cpv,service_areas,certifications,staff_fte,annual_turnover,max_contract_value,currency,asset_lock,capability_statement\n");
        foreach (var tender in tenders)
        {
            var council = Council(tender);
            var shape = Shape(tender);
            for (var m = 0; m < membersPerTender; m++)
            {
                var staff = 4 + (tender * 7 + m * 5) % 37; // some below 10: micro members with a floor
                var turnover = 250_000 + (tender * 31 + m * 17) % 40 * 25_000;
                csv.Append(CultureInfo.InvariantCulture,
                        $"{council.Name} {shape.Trade} {tender}-{m} CIC,CIC,{Registration(run, tender, m)},Member {m} Contact,")
                    .Append(CultureInfo.InvariantCulture, $"{Email(run, tender, m)},0141 555 {1000 + m % 9000},{shape.Cpv},{council.Code},Real Living Wage,")
                    .Append(CultureInfo.InvariantCulture, $"{staff},{turnover},150000,GBP,yes,\"We {shape.Work} across {council.Name} with local staff.\"\n");
            }
        }

        return csv.ToString();
    }

    public static string Registration(string run, int tender, int member) =>
        string.Create(CultureInfo.InvariantCulture, $"BX{run}{tender:D4}{member:D3}");

    public static string Email(string run, int tender, int member) =>
        string.Create(CultureInfo.InvariantCulture, $"member{member}@t{tender}.{run.ToLowerInvariant()}.bench.example.org");

    /// <summary>The lead's settings for one tender's bid (lead-partner-bid).</summary>
    public static JsonObject Settings(int membersPerTender) => new()
    {
        ["consortiumName"] = "Benchmark Social Enterprise Consortium",
        ["leadName"] = "Benchmark lead, Benchmark Social Enterprise Consortium",
        ["leadEmail"] = LeadEmail,
        ["adviserEmail"] = AdviserEmail,
        ["invitePerLot"] = membersPerTender,
        ["completeWhenAllAnswered"] = true,
        ["lotTerms"] = new JsonObject(Lots.Select(l => KeyValuePair.Create(l.LotId,
            (JsonNode?)new JsonObject { ["unit"] = "hours", ["demand"] = l.Demand, ["referencePrice"] = ReferencePrice }))),
    };

    /// <summary>
    /// The declaration a member sends from its link (docs/declarations.md): both lots, 12–31% of each lot's demand
    /// (so the members cover the demand between them and the 40% cap binds nobody's whole offer), prices around the
    /// reference, one or two social-value commitments, SPD facts.
    /// </summary>
    public static string Declaration(int position, string councilName, DateOnly start)
    {
        var lots = new JsonArray();
        foreach (var (lotId, demand) in Lots)
        {
            var spread = (position * 7 + lotId.Length * 3 + (lotId == "2" ? 5 : 0)) % 20;
            lots.Add(new JsonObject
            {
                ["lotId"] = lotId,
                ["volume"] = demand * (12 + spread) / 100,
                ["pricePerUnit"] = ReferencePrice - 5 + (position * 3 + spread) % 9 + position % 4 * 0.25m,
                ["earliestStart"] = start.AddDays(position % 3 * 7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["staff"] = 2 + position % 8,
                ["keyRoles"] = new JsonArray("Service manager", position % 2 == 0 ? "Team leader" : "Coordinator"),
                ["areas"] = new JsonArray(councilName),
                ["socialValue"] = new JsonArray(new JsonObject
                {
                    ["measure"] = string.Create(CultureInfo.InvariantCulture, $"SV0{1 + position % 5}"),
                    ["quantity"] = 1 + position % 3,
                }),
            });
        }

        return new JsonObject
        {
            ["lots"] = lots,
            ["spd"] = new JsonObject
            {
                ["annualTurnover"] = 250_000 + position * 25_000,
                ["insuranceCover"] = 5_000_000,
                ["invoicesPaidOnTimePercent"] = 95 + position % 5,
            },
        }.ToJsonString();
    }
}
