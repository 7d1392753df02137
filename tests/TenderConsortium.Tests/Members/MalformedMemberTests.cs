using System.Text;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Members;
using TenderConsortium.Persistence.Members;
using TenderConsortium.Tests.TestSupport;

namespace TenderConsortium.Tests.Members;

/// <summary>Every bad member row is reported at once with its line, column and what was expected; nothing is stored.</summary>
public sealed class MalformedMemberTests
{
    private const string Header = "name,legal_form,registration_number,contact_name,contact_email,contact_phone,cpv,service_areas,certifications,staff_fte,annual_turnover,max_contract_value,currency,asset_lock,capability_statement";

    private static readonly string[] Good =
    [
        "Canal Care CIC", "CIC", "SC612345", "Morag Paterson", "morag@canalcare.org.uk", "0141 555 0101", "85310000;85311000", "Glasgow City;TLM81",
        "PVG:2026-09-30;Real Living Wage", "24.5", "820000", "400000", "GBP", "yes", "Care at home",
    ];

    private TempDatabase _db = null!;

    [OneTimeSetUp]
    public async Task SetUp() => _db = await TempDatabase.CreateAsync();

    [OneTimeTearDown]
    public async Task TearDown() => await _db.DisposeAsync();

    /// <summary>A CSV whose second data row (line 3) has one column changed.</summary>
    private static string CsvWith(string column, string value)
    {
        var row = (string[])Good.Clone();
        row[2] = "SC700001";
        row[Array.IndexOf(Header.Split(','), column)] = value;
        return $"{Header}\n{Line(Good)}\n{Line(row)}\n";
    }

    private static string Line(IEnumerable<string> cells) => string.Join(',', cells.Select(c => c.Contains(',') || c.Contains('"') ? $"\"{c.Replace("\"", "\"\"")}\"" : c));

    public static IEnumerable<TestCaseData> Cases()
    {
        TestCaseData Cell(string column, string value, string expected) =>
            new TestCaseData("members.csv", CsvWith(column, value), expected).SetName($"csv {column} = '{(value.Length > 20 ? value[..20] + "…" : value)}'");
        TestCaseData Raw(string name, string fileName, string content, string expected) =>
            new TestCaseData(fileName, content, expected).SetName(name);

        yield return Cell("name", "", "line 3, column name: required");
        yield return Cell("name", new string('n', 201), "line 3, column name: is 201 characters; the limit is 200");
        yield return Cell("legal_form", "", "line 3, column legal_form: required");
        yield return Cell("legal_form", "plc", "line 3, column legal_form: 'plc' is not a legal form (expected one of: CIC, SCIO");
        yield return Cell("legal_form", "3", "line 3, column legal_form: '3' is not a legal form");
        yield return Cell("registration_number", "", "line 3, column registration_number: required");
        yield return Cell("registration_number", "SC#12", "line 3, column registration_number: 'SC#12' is not a registration number");
        yield return Cell("registration_number", "SC612345", "line 3, column registration_number: duplicate member: SC612345 is also on line 2");
        yield return Cell("registration_number", "sc 612 345", "line 3, column registration_number: duplicate member: SC612345 is also on line 2");
        yield return Cell("contact_email", "", "line 3, column contact_email: required for each contact");
        yield return Cell("contact_email", "morag.canalcare.org.uk", "line 3, column contact_email: 'morag.canalcare.org.uk' is not an email address");
        yield return Cell("contact_email", "morag@canalcare", "line 3, column contact_email: 'morag@canalcare' is not an email address");
        yield return Cell("contact_email", "mo rag@canalcare.org.uk", "line 3, column contact_email: 'mo rag@canalcare.org.uk' is not an email address");
        yield return Cell("contact_email", "@canalcare.org.uk", "line 3, column contact_email: '@canalcare.org.uk' is not an email address");
        yield return Cell("contact_email", "morag@@canalcare.org.uk", "line 3, column contact_email: 'morag@@canalcare.org.uk' is not an email address");
        yield return Cell("contact_phone", "call me", "line 3, column contact_phone: 'call me' is not a phone number");
        yield return Cell("cpv", "8531", "line 3, column cpv (item 1): '8531' is not a CPV code");
        yield return Cell("cpv", "85310000;12345678", "line 3, column cpv (item 2): 12345678 is not in the CPV 2008 list");
        yield return Cell("cpv", "85311000-7", "line 3, column cpv (item 1): 85311000-7 has check digit 7 but CPV 2008 gives 85311000-2");
        yield return Cell("service_areas", "Narnia", "line 3, column service_areas (item 1): 'Narnia' is not a Scottish council area, S12 code or ITL/NUTS code");
        yield return Cell("service_areas", "Fife;S99999999", "line 3, column service_areas (item 2): 'S99999999' is not a Scottish council area");
        yield return Cell("certifications", "PVG:2026-02-30", "line 3, column certifications (item 1): '2026-02-30' is not a valid expiry date for PVG (expected YYYY-MM-DD)");
        yield return Cell("certifications", "Real Living Wage;ISO 9001:31/12/2026", "line 3, column certifications (item 2): '31/12/2026' is not a valid expiry date for ISO 9001");
        yield return Cell("certifications", ":2026-01-01", "line 3, column certifications (item 1): a certification needs a name");
        yield return Cell("staff_fte", "twelve", "line 3, column staff_fte: 'twelve' is not a number (expected a number of full-time equivalents");
        yield return Cell("staff_fte", "-2", "line 3, column staff_fte: must not be negative");
        yield return Cell("annual_turnover", "about 800k", "line 3, column annual_turnover: 'about 800k' is not a number (expected an amount such as 250000)");
        yield return Cell("annual_turnover", "-820000", "line 3, column annual_turnover: must not be negative");
        yield return Cell("max_contract_value", "£-1", "line 3, column max_contract_value: must not be negative");
        yield return Cell("max_contract_value", "lots", "line 3, column max_contract_value: 'lots' is not a number");
        yield return Cell("currency", "POUNDS", "line 3, column currency: 'POUNDS' is not an ISO 4217 currency code");
        yield return Cell("asset_lock", "maybe", "line 3, column asset_lock: 'maybe' is not yes or no");

        var good = Line(Good);
        yield return Raw("csv unknown column", "m.csv", Header + ",website\n" + good + ",x\n", "line 1: unknown column 'website'");
        yield return Raw("csv missing email column", "m.csv", Header.Replace(",contact_email", "") + "\n", "line 1: missing column 'contact_email'");
        yield return Raw("csv column twice", "m.csv", Header + ",name\n" + good + ",x\n", "line 1: column 'name' appears twice");
        yield return Raw("csv too few fields", "m.csv", Header + "\n" + good + "\nOnly,three,fields\n", "line 3: 3 fields, expected 15 as in the header");
        yield return Raw("csv too many fields", "m.csv", Header + "\n" + good + ",extra\n", "line 2: 16 fields, expected 15 as in the header");
        yield return Raw("csv bad quote", "m.csv", Header + "\n" + good.Replace("Care at home", "Care \"at\" home") + "\n", "line 2: badly quoted field");
        yield return Raw("csv empty", "m.csv", "", "the file is empty");
        yield return Raw("csv header only", "m.csv", Header + "\n", "m.csv: no members to import");
        yield return Raw("csv 10 MB statement", "m.csv", Header + "\n" + good.Replace("Care at home", new string('c', 10 * 1024 * 1024)) + "\n", "line 2: a field is longer than 1,048,576 characters");
        yield return Raw("csv multi-line cell counts physical lines", "m.csv", Header + "\n" + good.Replace("Care at home", "\"Care\nat\nhome\"") + "\n" + Line(Good.Select((c, i) => i == 2 ? "SC1" : i == 4 ? "bad" : c)) + "\n", "line 5, column contact_email: 'bad' is not an email address");
        yield return Raw("not csv or json", "m.xlsx", "PK", "m.xlsx: expected a .csv or .json file");

        const string member = """{"name":"Canal Care CIC","legalForm":"CIC","registrationNumber":"SC612345","contacts":[{"email":"morag@canalcare.org.uk"}]}""";
        yield return Raw("json truncated", "m.json", "[" + member, "the JSON ends early");
        yield return Raw("json not json", "m.json", "name,legal_form\n", "not valid JSON at line 1");
        yield return Raw("json wrong shape", "m.json", """{"people":[]}""", "expected an array of members, or an object with a \"members\" array");
        yield return Raw("json members is an object", "m.json", """{"members":{}}""", "members: expected an array, found an object");
        yield return Raw("json member is text", "m.json", """["Canal Care"]""", "[0]: expected a member object, found text \"Canal Care\"");
        yield return Raw("json staff is an object", "m.json", "[" + member.Replace("}]}", "}],\"staffFte\":{}}") + "]", "[0].staffFte: expected a text, found an object");
        yield return Raw("json negative turnover", "m.json", "{\"members\":[" + member.Replace("}]}", "}],\"annualTurnover\":-5}") + "]}", "members[0].annualTurnover: must not be negative");
        yield return Raw("json bad email", "m.json", "[" + member + "," + member.Replace("SC612345", "SC2").Replace("morag@canalcare.org.uk", "nobody") + "]", "[1].contacts[0].email: 'nobody' is not an email address");
        yield return Raw("json duplicate", "m.json", "[" + member + "," + member + "]", "[1].registrationNumber: duplicate member: SC612345 is also on [0]");
        yield return Raw("json contacts is text", "m.json", "[" + member.Replace("[{\"email\":\"morag@canalcare.org.uk\"}]", "\"morag@canalcare.org.uk\"") + "]", "[0].contacts: expected an array");
        yield return Raw("json no contact", "m.json", "[" + member.Replace(",\"contacts\":[{\"email\":\"morag@canalcare.org.uk\"}]", "") + "]", "[0].contacts[0].email: required: at least one contact email");
        yield return Raw("json certification without type", "m.json", "[" + member.Replace("}]}", "}],\"certifications\":[{\"expires\":\"2026-01-01\"}]}") + "]", "[0].certifications[0].type: required");
    }

    [TestCaseSource(nameof(Cases))]
    public async Task A_bad_row_is_refused_with_its_line_column_and_expectation_and_nothing_is_stored(string fileName, string content, string expected)
    {
        var importer = new MemberImporter(_db.ConnectionString);
        var ex = Assert.ThrowsAsync<BadInputException>(() => importer.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(content)), fileName));
        Assert.That(ex!.Problems, Has.Some.Contains(expected), string.Join("\n", ex.Problems));
        Assert.That(await new MemberQueries(_db.ConnectionString).CountAsync(), Is.Zero);
    }

    [Test]
    public void Cases_cover_at_least_thirty_malformed_rows() => Assert.That(Cases().Count(), Is.GreaterThanOrEqualTo(30));

    [Test]
    public async Task Every_bad_row_is_reported_at_once()
    {
        var rows = new[]
        {
            Line(Good),
            Line(Good.Select((c, i) => i == 2 ? "SC2" : i == 4 ? "not-an-email" : c)),
            Line(Good.Select((c, i) => i == 2 ? "SC3" : i == 1 ? "plc" : c)),
            Line(Good.Select((c, i) => i == 2 ? "SC4" : c)),
            Line(Good.Select((c, i) => i == 2 ? "SC5" : i == 10 ? "-1" : c)),
        };
        var csv = Header + "\n" + string.Join("\n", rows) + "\n";
        var ex = Assert.ThrowsAsync<BadInputException>(() => new MemberImporter(_db.ConnectionString).ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "m.csv"));
        Assert.That(ex!.Problems, Is.EqualTo(new[]
        {
            "line 3, column contact_email: 'not-an-email' is not an email address (expected name@example.org)",
            "line 4, column legal_form: 'plc' is not a legal form (expected one of: " + LegalForms.Accepted + ")",
            "line 6, column annual_turnover: must not be negative, found -1",
        }));
        Assert.That(await new MemberQueries(_db.ConnectionString).CountAsync(), Is.Zero);
    }
}
