using System.Text;
using System.Text.Json.Nodes;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Intake;
using TenderConsortium.Core.Opportunities;
using TenderConsortium.Core.Reference;
using TenderConsortium.Persistence.Opportunities;
using TenderConsortium.Tests.TestSupport;

namespace TenderConsortium.Tests.Opportunities;

/// <summary>Each broken input gives one clear message naming the field or line, and nothing is stored.</summary>
public sealed class MalformedNoticeTests
{
    private static readonly string TenMegabytes = new('x', 10 * 1024 * 1024);

    private TempDatabase _db = null!;

    [OneTimeSetUp]
    public async Task SetUp() => _db = await TempDatabase.CreateAsync();

    [OneTimeTearDown]
    public async Task TearDown() => await _db.DisposeAsync();

    public static IEnumerable<TestCaseData> Cases()
    {
        TestCaseData Edit(string name, Func<JsonNode, JsonNode> edit, string expected) =>
            new TestCaseData("notice.json", edit(NoticeSamples.ReleaseNode()).ToJsonString(), expected).SetName("release: " + name);
        TestCaseData Raw(string name, string fileName, string content, string expected) =>
            new TestCaseData(fileName, content, expected).SetName("file: " + name);
        JsonNode Bad(JsonNode r) => r.Remove("tender");

        yield return Edit("missing tender", r => r.Remove("tender"), "tender: required: a release without a tender section is not a notice");
        yield return Edit("tender is text", r => r.Set("tender", "x"), "tender: expected an object, found text \"x\"");
        yield return Edit("tender is an array", r => r.Set("tender", new JsonArray()), "tender: expected an object, found an array");
        yield return Edit("missing ocid", r => r.Remove("ocid"), "ocid: required");
        yield return Edit("empty ocid", r => r.Set("ocid", ""), "ocid: required, found an empty text");
        yield return Edit("ocid is an object", r => r.Set("ocid", new JsonObject()), "ocid: expected a text, found an object");
        yield return Edit("missing title", r => r.Remove("tender.title"), "tender.title: required");
        yield return Edit("title is a boolean", r => r.Set("tender.title", true), "tender.title: expected a text, found true");
        yield return Edit("empty title", r => r.Set("tender.title", "  "), "tender.title: required, found an empty text");
        yield return Edit("negative value", r => r.Set("tender.value.amount", -5), "tender.value.amount: must not be negative, found -5");
        yield return Edit("value amount is a word", r => r.Set("tender.value.amount", "lots"), "tender.value.amount: expected a number, found text \"lots\"");
        yield return Edit("value amount is a boolean", r => r.Set("tender.value.amount", true), "tender.value.amount: expected a number, found true");
        yield return Edit("value without currency", r => r.Remove("tender.value.currency"), "tender.value.currency: required with an amount");
        yield return Edit("currency is not ISO 4217", r => r.Set("tender.value.currency", "POUNDS"), "tender.value.currency: 'POUNDS' is not an ISO 4217 currency code");
        yield return Edit("value is a number", r => r.Set("tender.value", 5), "tender.value: expected an object, found number 5");
        yield return Edit("negative minimum value", r => r.Set("tender.minValue", new JsonObject { ["amount"] = -1, ["currency"] = "GBP" }), "tender.minValue.amount: must not be negative");
        yield return Edit("negative lot value", r => r.Set("tender.lots[0].value.amount", -100), "tender.lots[0].value.amount: must not be negative");
        yield return Edit("lot value is text", r => r.Set("tender.lots[0].value.amount", "abc"), "tender.lots[0].value.amount: expected a number, found text \"abc\"");
        yield return Edit("31 February deadline", r => r.Set("tender.tenderPeriod.endDate", "2025-02-30T12:00:00Z"), "tender.tenderPeriod.endDate: '2025-02-30T12:00:00Z' is not a valid date");
        yield return Edit("British date format", r => r.Set("tender.tenderPeriod.endDate", "31/01/2025"), "tender.tenderPeriod.endDate: '31/01/2025' is not a valid date");
        yield return Edit("month 13", r => r.Set("tender.tenderPeriod.endDate", "2025-13-01"), "tender.tenderPeriod.endDate: '2025-13-01' is not a valid date");
        yield return Edit("deadline is a word", r => r.Set("tender.tenderPeriod.endDate", "tomorrow"), "tender.tenderPeriod.endDate: 'tomorrow' is not a valid date");
        yield return Edit("deadline is a number", r => r.Set("tender.tenderPeriod.endDate", 20250101), "tender.tenderPeriod.endDate: expected a date-time text");
        yield return Edit("hour 25", r => r.Set("tender.tenderPeriod.endDate", "2025-01-01T25:00:00Z"), "tender.tenderPeriod.endDate: '2025-01-01T25:00:00Z' is not a valid date");
        yield return Edit("offset out of range", r => r.Set("tender.tenderPeriod.endDate", "2025-01-01T12:00:00+25:00"), "tender.tenderPeriod.endDate: '2025-01-01T12:00:00+25:00' is not a valid date");
        yield return Edit("contract ends before it starts", r => r.Set("tender.contractPeriod.endDate", "2024-01-01T00:00:00Z"), "tender.contractPeriod.endDate: 2024-01-01 is before startDate 2025-04-01");
        yield return Edit("30 April + 1", r => r.Set("tender.contractPeriod.startDate", "2025-04-31"), "tender.contractPeriod.startDate: '2025-04-31' is not a valid date");
        yield return Edit("negative duration", r => r.Set("tender.lots[0].contractPeriod.durationInDays", -3), "tender.lots[0].contractPeriod.durationInDays: must not be negative");
        yield return Edit("fractional duration", r => r.Set("tender.lots[0].contractPeriod.durationInDays", 1.5), "tender.lots[0].contractPeriod.durationInDays: expected a whole number, found 1.5");
        yield return Edit("duration is a word", r => r.Set("tender.lots[0].contractPeriod.durationInDays", "many"), "tender.lots[0].contractPeriod.durationInDays: expected a number");
        yield return Edit("lots is an object", r => r.Set("tender.lots", new JsonObject()), "tender.lots: expected an array, found an object");
        yield return Edit("lot is text", r => r.Set("tender.lots[0]", "lot"), "tender.lots[0]: expected an object, found text \"lot\"");
        yield return Edit("duplicate lot id", r => r.Set("tender.lots", new JsonArray(r["tender"]!["lots"]![0]!.DeepClone(), r["tender"]!["lots"]![0]!.DeepClone())), "tender.lots[1].id: '1' is used by another lot");
        yield return Edit("criteria is text", r => r.Set("tender.lots[0].awardCriteria.criteria", "70/30"), "tender.lots[0].awardCriteria.criteria: expected an array");
        yield return Edit("negative weight", r => r.Set("tender.lots[0].awardCriteria.criteria[0].description", "-20"), "tender.lots[0].awardCriteria.criteria[0].description: weight must not be negative");
        yield return Edit("lot contract ends before it starts", r => r.Set("tender.lots[0].contractPeriod", new JsonObject { ["startDate"] = "2025-05-01T00:00:00Z", ["endDate"] = "2025-01-01T00:00:00Z" }), "tender.lots[0].contractPeriod.endDate: 2025-01-01 is before startDate");
        yield return Edit("items is an object", r => r.Set("tender.items", new JsonObject()), "tender.items: expected an array, found an object");
        yield return Edit("delivery addresses is text", r => r.Set("tender.items[0].deliveryAddresses", "Fife"), "tender.items[0].deliveryAddresses: expected an array");
        yield return Edit("classifications is text", r => r.Set("tender.items[0].additionalClassifications", "85000000"), "tender.items[0].additionalClassifications: expected an array");
        yield return Edit("region is an object", r => r.Set("tender.items[0].deliveryAddresses[0].region", new JsonObject()), "tender.items[0].deliveryAddresses[0].region: expected a text, found an object");
        yield return Edit("SME flag is a word", r => r.Set("tender.suitability.sme", "perhaps"), "tender.suitability.sme: expected true or false, found text \"perhaps\"");
        yield return Edit("suitability is a boolean", r => r.Set("tender.suitability", true), "tender.suitability: expected an object, found true");
        yield return Edit("no buyer at all", r => r.Remove("buyer").Remove("parties"), "buyer: required: buyer.name or a party with role 'buyer'");
        yield return Edit("buyer is text", r => r.Set("buyer", "Fife").Remove("parties"), "buyer: expected an object, found text \"Fife\"");
        yield return Edit("parties is an object", r => r.Set("parties", new JsonObject()), "parties: expected an array, found an object");
        yield return Edit("party roles is text", r => r.Set("parties[0].roles", "buyer"), "parties[0].roles: expected an array");
        yield return Edit("tag is text", r => r.Set("tag", "tender"), "tag: expected an array, found text \"tender\"");
        yield return Edit("release date is a word", r => r.Set("date", "yesterday"), "date: 'yesterday' is not a valid date");
        yield return Edit("10 MB title", r => r.Set("tender.title", TenMegabytes), "tender.title: text is 10,485,760 characters; the limit is 1,048,576");
        yield return Edit("2 MB description", r => r.Set("tender.description", new string('y', 2 * 1024 * 1024)), "tender.description: text is 2,097,152 characters");
        yield return Edit("selection criteria is a number", r => r.Set("tender.selectionCriteria.criteria", 5), "tender.selectionCriteria.criteria: expected an array, found number 5");
        yield return Edit("classification is text", r => r.Set("tender.classification", "85000000"), "tender.classification: expected an object, found text \"85000000\"");
        yield return Edit("links is an object", r => r.Set("links", new JsonObject()), "links: expected an array, found an object");
        yield return Edit("huge amount", r => r.Set("tender.value.amount", JsonNode.Parse("1e400")), "tender.value.amount: 1e400 is out of range");
        yield return Edit("renewal flag is a number", r => r.Set("tender.lots[0].hasRenewal", 3), "tender.lots[0].hasRenewal: expected true or false, found number 3");

        var good = NoticeSamples.ReleaseNode();
        yield return Raw("releases is an object", "p.json", """{"releases":{}}""", "releases: expected an array, found an object");
        yield return Raw("empty package", "p.json", """{"uri":"x","releases":[]}""", "releases: the package holds nothing to import");
        yield return Raw("second release lacks tender", "p.json", NoticeSamples.Package(good, Bad(NoticeSamples.ReleaseNode()).WithOcid("ocds-test-0002")), "releases[1].tender: required");
        yield return Raw("release is text", "p.json", """{"releases":["x"]}""", "releases[0]: expected a release object, found text \"x\"");
        yield return Raw("third release has a negative value", "p.json", NoticeSamples.Package(good, good.WithOcid("ocds-test-0002"), NoticeSamples.ReleaseNode().Set("tender.value.amount", -1).WithOcid("ocds-test-0003")), "releases[2].tender.value.amount: must not be negative");
        yield return Raw("record without release", "r.json", """{"records":[{"ocid":"ocds-x"}]}""", "records[0]: a record needs a compiledRelease or embedded releases");
        yield return Raw("records is a number", "r.json", """{"records":3}""", "records: expected an array, found number 3");
        yield return Raw("compiled release lacks tender", "r.json", $$"""{"records":[{"ocid":"ocds-test-0001","compiledRelease":{{Bad(NoticeSamples.ReleaseNode()).ToJsonString()}}}]}""", "records[0].compiledRelease.tender: required");
        yield return Raw("linked releases only", "r.json", """{"records":[{"ocid":"o","releases":[{"url":"https://x/1"}]}]}""", "records[0]: a record needs a compiledRelease");
        yield return Raw("empty file", "n.json", "", "the file is empty");
        yield return Raw("whitespace only", "n.json", "  \n\t ", "the file is empty");
        yield return Raw("plain text", "n.json", "not json at all", "not valid JSON at line 1, position 2: 'not json at all' is an invalid JSON literal");
        yield return Raw("XML", "n.json", "<release><ocid>x</ocid></release>", "not valid JSON at line 1, position 1: '<' is an invalid start of a value");
        yield return Raw("error on line 3", "n.json", "{\n\"ocid\": \"x\",\n\"tender\": {\"title\": 'single'}}", "not valid JSON at line 3");
        yield return Raw("truncated release", "n.json", NoticeSamples.Release[..400], "the JSON ends early");
        yield return Raw("truncated package", "n.json", "{\"releases\": [", "the JSON ends early");
        yield return Raw("unterminated string", "n.json", "{\"ocid\": \"abc", "the JSON ends early");
        yield return Raw("root array", "n.json", "[1,2]", "expected an object at the top level (a release, a release package or a record package), found an array");
        yield return Raw("root number", "n.json", "42", "expected a JSON object or array at the top level");
        yield return Raw("empty object", "n.json", "{}", "the file holds an empty object");
        yield return Raw("unrelated object", "n.json", """{"foo":1}""", "not an OCDS release, release package or record package");
        yield return Raw("trailing garbage", "n.json", NoticeSamples.Release + " }", "unexpected content after the end of the JSON value");
        yield return Raw("trailing comma", "n.json", """{"ocid":"x",}""", "not valid JSON at line 1");
        yield return Raw("duplicate-free but nested too deep", "n.json", new string('[', 200) + new string(']', 200), "not valid JSON");

        const string yamlHead = "format: tender-notice/1\nreference: QQ-1\nbuyer: Fife Council\ntitle: Gardening\n";
        yield return Raw("YAML without reference and buyer", "q.yaml", "format: tender-notice/1\ntitle: Gardening\n", "reference: required (or ocid)");
        yield return Raw("YAML without buyer", "q.yaml", "format: tender-notice/1\nreference: QQ-1\ntitle: Gardening\n", "buyer: required");
        yield return Raw("YAML syntax error", "q.yaml", "format: tender-notice/1\ntitle: [unclosed\n", "not valid YAML at line");
        yield return Raw("YAML without format", "q.yaml", "title: Gardening\nbuyer: Fife\n", "format: required: a YAML notice starts with 'format: tender-notice/1'");
        yield return Raw("YAML with a future format", "q.yaml", "format: tender-notice/2\nreference: QQ-1\nbuyer: Fife Council\ntitle: Gardening\n", "format: 'tender-notice/2' is not a format we read");
        yield return Raw("YAML impossible deadline", "q.yaml", yamlHead + "deadline: 2025-02-30\n", "deadline: '2025-02-30' is not a valid date");
        yield return Raw("YAML negative value", "q.yaml", yamlHead + "value: {amount: -45000, currency: GBP}\n", "value.amount: must not be negative");
        yield return Raw("YAML weight is a word", "q.yaml", yamlHead + "criteria:\n  - {type: quality, weight: heavy}\n", "criteria[0].weight: 'heavy' is not a weight");
        yield return Raw("YAML criterion without type", "q.yaml", yamlHead + "criteria:\n  - {weight: 50}\n", "criteria[0].type: required");
        yield return Raw("YAML duplicate key", "q.yaml", yamlHead + "title: Again\n", "not valid YAML at line 5, column 1: Duplicate key title");
        yield return Raw("YAML lots duplicate ids", "q.yaml", yamlHead + "lots:\n  - {id: A, title: North}\n  - {id: A, title: South}\n", "lots[1].id: 'A' is used by another lot");
        yield return Raw("YAML empty", "q.yaml", "\n", "the file is empty");
        yield return Raw("YAML contract ends before start", "q.yaml", yamlHead + "contractPeriod: {start: 2025-05-01, end: 2025-01-01}\n", "contractPeriod.end: 2025-01-01 is before start 2025-05-01");
        yield return Raw("own JSON with wrong format", "q.json", """{"format":"other","reference":"x","buyer":"b","title":"t"}""", "format: 'other' is not a format we read");
        yield return Raw("own JSON with cpv as a number", "q.json", """{"format":"tender-notice/1","reference":"x","buyer":"b","title":"t","cpv":85000000}""", "cpv: expected an array, found number 85000000");
        yield return Raw("own JSON with buyer as array", "q.json", """{"format":"tender-notice/1","reference":"x","buyer":[],"title":"t"}""", "buyer: expected a text, found an array");
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Malformed_input_is_refused_with_a_message_naming_the_place_and_nothing_is_stored(string fileName, string content, string expected)
    {
        var importer = new OpportunityImporter(_db.ConnectionString);
        var ex = Assert.ThrowsAsync<BadInputException>(() => importer.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(content)), fileName));
        Assert.That(ex!.Problems, Has.Some.Contains(expected), string.Join("\n", ex.Problems));
        Assert.That(await new OpportunityQueries(_db.ConnectionString).CountAsync(), Is.Zero);
    }

    [Test]
    public void Cases_cover_at_least_sixty_malformed_inputs() => Assert.That(Cases().Count(), Is.GreaterThanOrEqualTo(60));

    [Test]
    public async Task A_file_over_the_size_limit_is_refused_before_reading()
    {
        var options = new IntakeOptions { MaxFileBytes = 1024 };
        var importer = new OpportunityImporter(_db.ConnectionString, new NoticeReader(options, CpvCatalogue.Default, ScottishPlaces.Default), TimeProvider.System);
        var path = _db.File("big.json", NoticeSamples.Release + new string(' ', 2048));
        var ex = Assert.ThrowsAsync<BadInputException>(() => importer.ImportFileAsync(path));
        Assert.That(ex!.Message, Does.Contain("the limit is 1,024 bytes"));
        var streamed = Assert.ThrowsAsync<BadInputException>(() => importer.ImportAsync(File.OpenRead(path), "big.json"));
        Assert.That(streamed!.Message, Does.Contain("larger than the 1,024 bytes limit"));
        Assert.That(await new OpportunityQueries(_db.ConnectionString).CountAsync(), Is.Zero);
    }

    [Test]
    public async Task A_missing_file_is_named()
    {
        var ex = Assert.ThrowsAsync<BadInputException>(() => new OpportunityImporter(_db.ConnectionString).ImportFileAsync("/no/such/notice.json"));
        Assert.That(ex!.Message, Is.EqualTo("/no/such/notice.json: file not found"));
        Assert.That(await new OpportunityQueries(_db.ConnectionString).CountAsync(), Is.Zero);
    }

    [Test]
    public void Every_problem_in_a_release_is_reported_at_once()
    {
        var release = NoticeSamples.ReleaseNode().Set("tender.value.amount", -1).Set("tender.tenderPeriod.endDate", "2025-02-30").Remove("ocid");
        var ex = Assert.ThrowsAsync<BadInputException>(() => new OpportunityImporter(_db.ConnectionString).ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(release.ToJsonString())), "n.json"));
        Assert.That(ex!.Problems, Has.Count.EqualTo(3));
    }
}
