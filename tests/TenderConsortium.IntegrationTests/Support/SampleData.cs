using System.Text;
using System.Text.Json.Nodes;
using TenderConsortium.Cli.Demo;

namespace TenderConsortium.IntegrationTests.Support;

/// <summary>
/// The repository's sample notices are real ones whose tender deadlines have passed, and a bid never starts on a
/// closed notice: tests use them with every date (and the sample members' certificate expiries) moved forward alike,
/// as the demo does, so matching sees what it saw against the real dates.
/// </summary>
public static class SampleData
{
    public static int DaysFor(string notice) => DemoDates.DaysToMove(RepoFiles.Path("samples", "notices", notice), DateTimeOffset.UtcNow);

    public static string Notice(string notice) =>
        Encoding.UTF8.GetString(DemoDates.Notice(RepoFiles.Path("samples", "notices", notice), DaysFor(notice), markTitle: false).ToArray());

    /// <summary>The sample members with their certificates moved by the days <paramref name="notice"/> moves.</summary>
    public static string Members(string notice) =>
        Encoding.UTF8.GetString(DemoDates.Members(RepoFiles.Path("samples", "members", "sample-consortium.csv"), DaysFor(notice)).ToArray());

    /// <summary>A complete consortium profile as the API takes it.</summary>
    public static JsonObject Profile(string email) => new()
    {
        ["legalName"] = "Default Social Enterprise Consortium Ltd",
        ["registrationNumber"] = "SC700999",
        ["signatoryName"] = "Alex Morgan",
        ["signatoryRole"] = "Chief Executive",
        ["contactEmail"] = email,
        ["contactPhone"] = "0141 496 0000",
        ["address"] = "1 George Square\nGlasgow\nG2 1AA",
        ["adviserEmail"] = Adviser,
    };

    /// <summary>The procurement adviser the sample profile names, who reviews the bid packs.</summary>
    public const string Adviser = "adviser@p4p.example";
}
