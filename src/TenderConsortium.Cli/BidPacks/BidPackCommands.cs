using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using TenderConsortium.Cli.Infrastructure;
using TenderConsortium.Cli.Intake;
using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.BidPacks;
using TenderConsortium.Core.Common;
using TenderConsortium.Documents.BidPacks;
using TenderConsortium.Documents.Mapping;
using TenderConsortium.Documents.Templates;
using TenderConsortium.Persistence.BidPacks;

namespace TenderConsortium.Cli.BidPacks;

/// <summary>
/// "tender bidpack build OPPORTUNITY": writes a new version of the bid pack, pricing schedule and checks, and the
/// current sub-contracts, under &lt;data&gt;/documents/&lt;opportunity&gt;/, then prints the checks.
/// </summary>
public static class BidPackCommands
{
    public static Command Create()
    {
        var command = new Command("bidpack", "Bid packs: the .docx pack, the .xlsx pricing schedule, the adviser's checks and the sub-contracts");
        command.Subcommands.Add(Build());
        return command;
    }

    private static Command Build()
    {
        var id = new Argument<string>("opportunity") { Description = "The opportunity's id or its OCID" };
        var templates = new Option<string?>("--templates") { Description = "Folder with bid-pack.docx, pricing.xlsx and subcontract.docx (default: ./templates when there is one, as the workflow uses, else the shipped ones)" };
        var settings = new Option<string?>("--settings") { Description = "JSON file of settings as in a workflow definition: consortiumName, leadBody, managementFee, wordLimits, allocation rules…" };
        var asOf = new Option<string?>("--as-of") { Description = "The day the pack is for, yyyy-MM-dd (default: today, UTC); days left before the deadline count from it" };
        var data = CommonOptions.Data();
        var db = CommonOptions.Database();
        var json = CommonOptions.Json();
        var command = new Command("build", "Assemble a new version of an opportunity's bid pack from its declarations and allocation")
        {
            id, templates, settings, asOf, data, db, json,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var location = DataLocation.From(parse.GetValue(data)!, parse.GetValue(db));
            var connection = await IntakeCli.OpenDatabaseAsync(parse.GetValue(data)!, parse.GetValue(db), ct);
            var settingsNode = ReadSettings(parse.GetValue(settings));
            var day = parse.GetValue(asOf) is { } text
                ? DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : throw new BadInputException($"--as-of: '{text}' is not a date (yyyy-MM-dd)")
                : DateOnly.FromDateTime(DateTime.UtcNow);
            var set = TemplateSet.Load(parse.GetValue(templates) ?? Host.NodeSettings.DefaultTemplatesFolder());
            var key = parse.GetValue(id)!;
            var input = await new BidPackSource(connection).LoadAsync(key, ConsortiumProfile.FromSettings(settingsNode), AllocationRules.FromSettings(settingsNode), day, ct)
                        ?? throw new BadInputException($"no opportunity with id or OCID '{key}'");
            if (input.Declarations.Count == 0) throw new BadInputException($"opportunity '{key}' has no declarations yet: members must declare before a pack can be built");

            var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
            BidPackFiles files;
            BidPackWritten written;
            IReadOnlyList<string> subcontracts;
            using (var logging = LoggerFactory.Create(b => b.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning)))
            {
                var folder = new DocumentFolder(location.DocumentsFolder);
                var version = folder.ReserveVersion(input.OpportunityId, "cli:" + Guid.NewGuid().ToString("N"));
                files = new BidPackAssembler(set, DocumentMapper.Create(configuration, logging)).Assemble(input, version);
                written = folder.WritePack(input.OpportunityId, version, files);
                subcontracts = folder.WriteSubcontracts(input.OpportunityId, files.Subcontracts);
            }

            if (parse.GetValue(json))
            {
                IntakeCli.WriteJson(new { written.Version, written.BidPack, written.Pricing, ChecksFile = written.Checks, Subcontracts = subcontracts, files.Checks.Overall, files.Checks.Checks });
                return CliExit.Ok;
            }

            Console.WriteLine($"{input.Opportunity.Title}: bid pack version {written.Version}");
            foreach (var file in new[] { written.BidPack, written.Pricing, written.Checks }.Concat(subcontracts)) Console.WriteLine($"  wrote {file}");
            foreach (var check in files.Checks.Checks)
                Console.WriteLine($"  {check.Status.ToString().ToLowerInvariant(),-7} {check.Title}: {check.Detail}");
            return CliExit.Ok;
        }));
        return command;
    }

    private static JsonObject? ReadSettings(string? path)
    {
        if (path is null) return null;
        if (!File.Exists(path)) throw new BadInputException($"--settings: file not found: {path}");
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new BadInputException($"--settings: {path} must hold a JSON object");
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new BadInputException($"--settings: {path} is not valid JSON ({ex.Message})");
        }
    }
}
