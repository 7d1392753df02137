using System.CommandLine;
using Spectre.Console;
using TenderConsortium.Cli.Infrastructure;
using TenderConsortium.Cli.Intake;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Matching;
using TenderConsortium.Persistence.Matching;

namespace TenderConsortium.Cli.Matching;

/// <summary>"tender match OPPORTUNITY": per lot, who of our members can deliver, who cannot and why, and what nobody covers.</summary>
public static class MatchCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("opportunity") { Description = "The opportunity's id or its OCID" };
        var command = StoreOptions.Command("match", "Partner matching: ranked members per lot with reasons, exclusions and coverage gaps", out var store, id);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var connection = await store.OpenAsync(parse, ct);
            var key = parse.GetValue(id)!;
            var result = await new MatchingService(new MatchingSource(connection)).MatchAsync(key, cancellationToken: ct)
                         ?? throw new BadInputException($"no opportunity with id or OCID '{key}'");
            if (store.Json(parse))
            {
                IntakeCli.WriteJson(result);
                return CliExit.Ok;
            }

            var console = IntakeCli.Terminal();
            console.WriteLine($"{result.Title} ({result.Opportunity})");
            foreach (var lot in result.Lots)
            {
                console.WriteLine();
                console.WriteLine($"Lot {lot.LotId}: {lot.Title}");
                foreach (var requirement in lot.Requirements) console.WriteLine($"  requires {requirement}");
                foreach (var check in lot.ConsortiumChecks) console.WriteLine($"  consortium check: {check}");
                var table = new Table().AddColumns("Match", "Member", "Reasons");
                foreach (var c in lot.Candidates)
                    table.AddRow(((int)Math.Round(c.Score * 100)).ToString(System.Globalization.CultureInfo.InvariantCulture) + "%", Markup.Escape(c.Name), Markup.Escape(string.Join("; ", c.Reasons)));
                if (lot.Candidates.Count > 0) console.Write(table);
                else console.WriteLine("  no candidates");
                foreach (var e in lot.Excluded) console.WriteLine($"  excluded {e.Name}: {string.Join("; ", e.Reasons)}");
                foreach (var gap in lot.Gaps) console.WriteLine($"  gap: {gap}");
            }

            return CliExit.Ok;
        }));
        return command;
    }
}
