using AutoMapper;
using Microsoft.Extensions.Logging.Abstractions;
using TenderConsortium.Benchmarking.BidPacks;
using TenderConsortium.Core.BidPacks;
using TenderConsortium.Core.Opportunities;
using TenderConsortium.Documents.BidPacks;
using TenderConsortium.Documents.Mapping;
using TenderConsortium.Documents.Templates;
using TenderConsortium.Tests.TestSupport;

namespace TenderConsortium.Tests.BidPacks;

/// <summary>
/// Inputs from the real notices in ../shared/data/ocds (the shared data beside the repository; samples/notices holds
/// the same files when it is absent) and the sample consortium, with declarations made up from the members.
/// </summary>
public static class BidPackFixture
{
    private static readonly Lazy<TemplateSet> ShippedTemplates = new(() => TemplateSet.Load(Path.Combine(RepoFiles.RepoRoot, "templates")));
    private static readonly Lazy<IMapper> SharedMapper = new(() => DocumentMapper.Create((string?)null, NullLoggerFactory.Instance));

    public static TemplateSet Templates => ShippedTemplates.Value;

    public static IMapper Mapper => SharedMapper.Value;

    public static BidPackAssembler Assembler() => new(Templates, Mapper);

    /// <summary>The real Glasgow residential recovery notice's pack input, the one most pack tests read.</summary>
    public static Task<BidPackInput> GlasgowAsync() => InputAsync("pcs-ocds-r6ebe6-0000567519-glasgow-residential-recovery.json");

    public static BidPackCheck Check(BidPackFiles files, string id) => files.Checks.Checks.Single(c => c.Id == id);

    public static string OcdsFolder
    {
        get
        {
            var shared = Path.GetFullPath(Path.Combine(RepoFiles.RepoRoot, "..", "shared", "data", "ocds"));
            return Directory.Exists(shared) ? shared : Path.Combine(RepoFiles.RepoRoot, "samples", "notices");
        }
    }

    public static IEnumerable<string> Notices() =>
        Directory.EnumerateFiles(OcdsFolder, "*-ocds-*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static async Task<IReadOnlyList<BidPackMember>> MembersAsync() =>
        await BidPackScenario.ReadMembersAsync(RepoFiles.Member("sample-consortium.csv"));

    public static async Task<Opportunity> NoticeAsync(string fileName) =>
        await BidPackScenario.ReadNoticeAsync(Path.Combine(OcdsFolder, fileName));

    public static async Task<BidPackInput> InputAsync(string noticeFile) =>
        BidPackScenario.Input(await NoticeAsync(noticeFile), await MembersAsync());
}
