using System.Text.Json.Nodes;

namespace TenderConsortium.Tests.Opportunities;

/// <summary>Small valid inputs that tests break one way at a time.</summary>
public static class NoticeSamples
{
    public const string Release = """
        {"ocid":"ocds-test-0001","id":"r1","date":"2025-01-01T00:00:00Z","tag":["tender"],
         "buyer":{"id":"b1","name":"Fife Council"},
         "parties":[{"id":"b1","name":"Fife Council","roles":["buyer"],"address":{"region":"UKM72"}}],
         "links":[{"rel":"canonical","href":"https://example.org/notice/1"}],
         "tender":{"id":"REF-1","title":"Community transport","description":"Door to door transport. Consortia bids are welcome.",
           "value":{"amount":100000,"currency":"GBP"},
           "tenderPeriod":{"endDate":"2025-03-01T12:00:00+01:00"},
           "contractPeriod":{"startDate":"2025-04-01T00:00:00Z","endDate":"2026-03-31T00:00:00Z"},
           "classification":{"scheme":"CPV","id":"60130000"},
           "selectionCriteria":{"criteria":[{"type":"economic","description":"Turnover of 200,000 GBP"}]},
           "items":[{"id":"1","relatedLot":"1","deliveryAddresses":[{"region":"UKM72"}]}],
           "lots":[{"id":"1","title":"Lot one","value":{"amount":100000,"currency":"GBP"},
                    "contractPeriod":{"durationInDays":365},
                    "awardCriteria":{"criteria":[{"type":"quality","name":"Quality","description":"70"},{"type":"price","description":"30"}]}}],
           "suitability":{"sme":true,"vcse":true}}}
        """;

    public const string OwnYaml = """
        format: tender-notice/1
        reference: QQ-2025-0042
        buyer: Fife Council
        title: Garden maintenance for sheltered housing
        description: Quick Quote for grounds maintenance at six sheltered housing sites. Community benefits are requested.
        value: {amount: 45000, currency: GBP}
        deadline: 2025-03-14T12:00:00Z
        contractPeriod: {start: 2025-04-01, end: 2026-03-31}
        procedure: quick-quote
        cpv: [77314000, "77310000-6"]
        places: [Fife, Kirkcaldy]
        criteria:
          - {type: quality, name: Method statement, weight: 60}
          - {type: price, weight: "40%"}
        """;

    public static JsonNode ReleaseNode() => JsonNode.Parse(Release)!;

    public static string Package(params JsonNode[] releases) =>
        new JsonObject { ["uri"] = "https://example.org/package", ["releases"] = new JsonArray(releases.Select(r => (JsonNode?)r.DeepClone()).ToArray()) }.ToJsonString();

    public static JsonNode WithOcid(this JsonNode release, string ocid) => release.DeepClone().AsObject().Also(o => o["ocid"] = ocid);

    private static JsonObject Also(this JsonObject o, Action<JsonObject> change)
    {
        change(o);
        return o;
    }
}
