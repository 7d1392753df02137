using System.Globalization;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Reference;

namespace TenderConsortium.Core.Members;

/// <summary>
/// A realistic synthetic registry for tests, demos and benchmarks: Scottish social enterprises in the CPV divisions
/// they typically work in (85 care, 80 training, 98 community services, 90 environmental, 55 catering, 77
/// horticulture, 60 community transport), mostly tiny (57% of Scottish SEs have income up to £100k). The same seed
/// gives the same registry.
/// </summary>
public sealed class MemberGenerator(int seed)
{
    private static readonly Trade[] Trades =
    [
        new("Care", ["85000000", "85300000", "85310000", "85311000", "85312000", "85311200", "85312400"], true),
        new("Family Support", ["85300000", "85311300", "85312000", "85320000"], true),
        new("Wellbeing", ["85100000", "85300000", "85323000", "85312500"], true),
        new("Training", ["80000000", "80500000", "80530000", "80510000"], false),
        new("Learning", ["80000000", "80400000", "80340000", "80500000"], false),
        new("Community Services", ["98000000", "98100000", "98133100", "98200000"], false),
        new("Advice", ["98000000", "79000000", "85312300"], false),
        new("Recycling", ["90000000", "90500000", "90510000", "90513000"], false),
        new("Environmental Services", ["90000000", "90700000", "90910000", "90911200"], false),
        new("Catering", ["55000000", "55300000", "55500000", "55520000"], false),
        new("Growers", ["77000000", "77300000", "77310000", "77313000"], false),
        new("Landscapes", ["77300000", "77310000", "77311000", "77314000"], false),
        new("Community Transport", ["60000000", "60100000", "60130000", "60120000"], false),
    ];

    private static readonly string[] Prefixes =
    [
        "Braid", "Thistle", "Heather", "Clyde", "Forth", "Tay", "Kelpie", "Saltire", "Bothy", "Ceilidh", "Lochside", "Harbour",
        "Glen", "Strath", "Machair", "Rowan", "Birch", "Canal", "Hillhead", "Riverside", "Northfield", "Eastgate", "Westport",
        "Craigmillar", "Govan", "Leith", "Cumbrae", "Arran", "Kintyre", "Moray Firth",
    ];

    private static readonly string[] FirstNames = ["Ailsa", "Morag", "Euan", "Fraser", "Isla", "Callum", "Kirsty", "Ross", "Fiona", "Iain", "Mhairi", "Alasdair", "Eilidh", "Niamh", "Hamish", "Shona"];

    private static readonly string[] LastNames = ["MacDonald", "Campbell", "Stewart", "Robertson", "Murray", "Fraser", "Reid", "Hamilton", "Paterson", "Ross", "Kerr", "Munro", "Baird", "Grant"];

    private readonly Random _random = new(seed);

    public IEnumerable<Member> Generate(int count)
    {
        var councils = ScottishPlaces.Default.Councils;
        for (var i = 0; i < count; i++)
        {
            var trade = Trades[_random.Next(Trades.Length)];
            var place = councils[_random.Next(councils.Count)];
            var form = PickForm();
            var prefix = _random.Next(3) == 0 ? place.Name : Prefixes[_random.Next(Prefixes.Length)];
            var name = $"{prefix} {trade.Name}{Suffix(form)}";
            var turnover = Turnover();
            var slug = new string(name.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());
            var first = FirstNames[_random.Next(FirstNames.Length)];
            yield return new Member
            {
                RegistrationNumber = Registration(form, i),
                Name = name,
                LegalForm = form,
                Contacts = [new Contact($"{first} {LastNames[_random.Next(LastNames.Length)]}", $"{first.ToLowerInvariant()}@{slug[..Math.Min(slug.Length, 24)]}.org.uk", $"01{_random.Next(100, 999)} {_random.Next(100000, 999999)}")],
                Cpv = trade.Cpv.OrderBy(_ => _random.Next()).Take(_random.Next(1, trade.Cpv.Count + 1)).ToList(),
                ServiceAreas = Areas(place, councils),
                Certifications = Certifications(trade),
                StaffFte = Math.Round((decimal)(0.5 + (double)turnover / 35_000 * _random.NextDouble()), 1),
                AnnualTurnover = new Money(turnover, "GBP"),
                MaxContractValue = new Money(Math.Round(turnover * (decimal)(0.3 + 0.7 * _random.NextDouble()) / 1000m) * 1000m, "GBP"),
                AssetLock = form is not (LegalForm.CompanyLimitedByGuarantee or LegalForm.Other) || _random.Next(2) == 0,
                CapabilityStatement = $"We deliver {trade.Name.ToLowerInvariant()} across {place.Name} with {_random.Next(2, 40)} local staff and volunteers.",
            };
        }
    }

    private LegalForm PickForm() => _random.Next(100) switch
    {
        < 30 => LegalForm.CommunityInterestCompany,
        < 50 => LegalForm.Scio,
        < 65 => LegalForm.Charity,
        < 85 => LegalForm.CompanyLimitedByGuarantee,
        < 97 => LegalForm.Cooperative,
        _ => LegalForm.Other,
    };

    private static string Suffix(LegalForm form) => form switch
    {
        LegalForm.CommunityInterestCompany => " CIC",
        LegalForm.Scio => " SCIO",
        LegalForm.CompanyLimitedByGuarantee => " Ltd",
        LegalForm.Cooperative => " Co-operative",
        _ => "",
    };

    // Registration numbers follow each register's shape and are unique by construction from the position.
    private static string Registration(LegalForm form, int index) => form switch
    {
        LegalForm.Scio or LegalForm.Charity => "SC0" + (index % 100_000).ToString("D5", CultureInfo.InvariantCulture) + "X" + (index / 100_000).ToString(CultureInfo.InvariantCulture),
        LegalForm.Cooperative => "SP" + index.ToString("D7", CultureInfo.InvariantCulture) + "R",
        _ => "SC" + index.ToString("D7", CultureInfo.InvariantCulture),
    };

    /// <summary>Log-uniform between £20k and £5m, so most members are small and a few are large.</summary>
    private decimal Turnover() => Math.Round((decimal)Math.Exp(Math.Log(20_000) + (Math.Log(5_000_000) - Math.Log(20_000)) * Math.Pow(_random.NextDouble(), 1.6)) / 100m) * 100m;

    private List<string> Areas(CouncilArea home, IReadOnlyList<CouncilArea> councils)
    {
        if (_random.Next(20) == 0) return [ScottishPlaces.ScotlandCode];
        var areas = new List<string> { home.Code };
        for (var extra = _random.Next(0, 3); extra > 0; extra--)
        {
            var next = councils[_random.Next(councils.Count)].Code;
            if (!areas.Contains(next)) areas.Add(next);
        }

        return areas;
    }

    private List<Certification> Certifications(Trade trade)
    {
        var list = new List<Certification>();
        DateOnly Expiry() => new DateOnly(2026, 1, 1).AddDays(_random.Next(0, 1000));
        if (trade.IsCare || _random.Next(4) == 0) list.Add(new Certification(CertificationKind.PvgDisclosure, "PVG", Expiry()));
        if (trade.IsCare && _random.Next(3) > 0) list.Add(new Certification(CertificationKind.CareInspectorateRegistration, "Care Inspectorate", Expiry()));
        if (_random.Next(10) < 4) list.Add(new Certification(CertificationKind.RealLivingWage, "Real Living Wage", null));
        if (_random.Next(10) < 3) list.Add(new Certification(CertificationKind.SocialEnterpriseCode, "SE Code", Expiry()));
        if (_random.Next(10) == 0) list.Add(new Certification(CertificationKind.Iso9001, "ISO 9001", Expiry()));
        if (_random.Next(25) == 0) list.Add(new Certification(CertificationKind.SupportedBusiness, "Supported Business", null));
        return list;
    }

    private sealed record Trade(string Name, IReadOnlyList<string> Cpv, bool IsCare);
}
