using TenderConsortium.Application.Intake.ImportNotice;
using System.CommandLine;
using Spectre.Console;
using TenderConsortium.Cli.Infrastructure;
using TenderConsortium.Cli.Intake;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Opportunities;
using TenderConsortium.Persistence.Opportunities;

namespace TenderConsortium.Cli.Opportunities;

/// <summary>"tender opportunity import|list|show": bring notices in (OCDS or our own format) and look at them.</summary>
public static class OpportunityCommands
{
    public static Command Create()
    {
        var command = new Command("opportunity", "Opportunities: import OCDS notices (release/record packages, single releases) or our own notice format; list; show");
        command.Subcommands.Add(Import());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        return command;
    }

    private static Command Import()
    {
        var file = new Argument<string>("file") { Description = "OCDS JSON (release package, record package or release), or a tender-notice/1 file (.json, .yaml)" };
        var consortium = ConsortiumOption.Create("The consortium the notices are for, by name (default: the default consortium)");
        var command = StoreOptions.Command("import", "Import the notices in a file; all or none; an OCID seen before is updated and its changes kept", out var store, file, consortium);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var connection = await store.OpenAsync(parse, ct);
            var target = await ConsortiumOption.TargetAsync(parse, consortium, connection, ct);
            var result = await new ImportNoticeHandler(connection, TimeProvider.System).HandleAsync(new ImportNotice(target, parse.GetValue(file)!), ct);
            IntakeCli.Warnings(result.Warnings);
            var summaries = result.Opportunities.Select(o => OpportunitySummary.From(o.Id, o.Opportunity)).ToList();
            if (store.Json(parse))
            {
                if (result.Total == 1) IntakeCli.WriteJson(summaries[0]);
                else IntakeCli.WriteJson(new { count = result.Total, created = result.Created, updated = result.Updated, unchanged = result.Unchanged, opportunities = summaries });
                return CliExit.Ok;
            }

            var console = IntakeCli.Terminal();
            console.WriteLine($"Imported {result.Total} opportunit{(result.Total == 1 ? "y" : "ies")}: {result.Created} created, {result.Updated} updated, {result.Unchanged} unchanged");
            foreach (var imported in result.Opportunities.Take(20))
            {
                console.WriteLine();
                console.WriteLine($"{imported.Outcome.ToString().ToLowerInvariant()} {imported.Id} (revision {imported.Revision})");
                Describe(console, imported.Opportunity);
            }

            if (result.Total > 20) console.WriteLine($"… and {result.Total - 20} more; see 'tender opportunity list'");
            return CliExit.Ok;
        }));
        return command;
    }

    private static Command List()
    {
        var consortium = ConsortiumOption.Create("Only this consortium's opportunities, by name (default: every consortium's)");
        var command = StoreOptions.Command("list", "Opportunities by deadline", out var store, consortium);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var connection = await store.OpenAsync(parse, ct);
            var list = await new OpportunityQueries(connection).ListAsync(await ConsortiumOption.FilterAsync(parse, consortium, connection, ct), 0, int.MaxValue, ct);
            if (store.Json(parse))
            {
                IntakeCli.WriteJson(new { opportunities = list });
                return CliExit.Ok;
            }

            // One entry per opportunity, its title on a line of its own: seven columns in 100 would cut every title.
            using var fitted = FittedWriter.Out;
            foreach (var o in list)
            {
                fitted.WriteLine(o.Title);
                fitted.WriteLine($"  {CliWidth.ShortId(o.Id)} · {o.Buyer} · deadline {IntakeCli.Date(o.Deadline)} · value {IntakeCli.Money(o.Value)} · " +
                                 $"{(o.Lots == 1 ? "1 lot" : $"{o.Lots} lots")} · revision {o.Revision}");
            }

            fitted.WriteLine(list.Count == 1 ? "1 opportunity" : $"{list.Count} opportunities");
            return CliExit.Ok;
        }));
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<string>("id") { Description = "The opportunity's id or its OCID" };
        var consortium = ConsortiumOption.Create("Look in this consortium, by name (an OCID imported by several consortia is otherwise the default consortium's)");
        var command = StoreOptions.Command("show", "One opportunity with its lots and the history of its amendments", out var store, id, consortium);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var connection = await store.OpenAsync(parse, ct);
            var key = parse.GetValue(id)!;
            var stored = await new OpportunityQueries(connection).FindAsync(key, await ConsortiumOption.FilterAsync(parse, consortium, connection, ct), ct)
                         ?? throw new BadInputException($"no opportunity with id or OCID '{key}'");
            if (store.Json(parse))
            {
                IntakeCli.WriteJson(stored);
                return CliExit.Ok;
            }

            var console = IntakeCli.Terminal();
            console.WriteLine($"{stored.Id} (revision {stored.Revision}, updated {IntakeCli.Date(stored.UpdatedAt)})");
            Describe(console, stored.Opportunity);
            foreach (var revision in stored.History.Where(h => h.Changes is not null))
                console.WriteLine($"revision {revision.Revision} at {IntakeCli.Date(revision.RecordedAt)}: {revision.Changes!.AsArray().Count} change(s): {string.Join(", ", revision.Changes.AsArray().Select(c => (string?)c?["path"]))}");
            return CliExit.Ok;
        }));
        return command;
    }

    private static void Describe(IAnsiConsole console, Opportunity o)
    {
        console.WriteLine($"{o.Title}");
        console.WriteLine($"  ocid {o.Ocid} ({o.Source}), reference {o.Reference ?? "-"}");
        var minimum = o.MinValue is null ? "" : $" (minimum {IntakeCli.Money(o.MinValue)})";
        var dateOnly = o.DeadlineDateOnly ? " (the notice gave only the date)" : "";
        console.WriteLine($"  buyer {o.Buyer.Name}; value {IntakeCli.Money(o.Value)}{minimum}; deadline {IntakeCli.Date(o.Deadline)}{dateOnly}");
        var flags = new List<string>();
        if (o.Suitability?.Sme == true) flags.Add("suitable for SMEs");
        if (o.Suitability?.Vcse == true) flags.Add("suitable for VCSEs");
        if (flags.Count > 0) console.WriteLine($"  {string.Join("; ", flags)}");
        if (o.CommunityBenefitsEvidence is { } cb) console.WriteLine($"  community benefits {(o.CommunityBenefits ? "requested" : "not requested")}: \"{cb}\"");
        if (o.ConsortiaWelcomeEvidence is { } cw) console.WriteLine($"  consortia {(o.ConsortiaWelcome ? "welcome" : "not welcome")}: \"{cw}\"");
        if (o.Submission is { } submission)
        {
            var variants = submission.VariantsAllowed switch { true => "; variants allowed", false => "; variants not allowed", _ => "" };
            console.WriteLine($"  submission {string.Join(", ", submission.Methods.Select(IntakeCli.Words))}{(submission.Portal is null ? "" : " at " + submission.Portal)}{variants}");
        }

        foreach (var insurance in o.Insurance)
            console.WriteLine($"  insurance: {insurance.Kind} {(insurance.Amount is null ? "(level in the tender documents)" : IntakeCli.Money(insurance.Amount))}");
        if (o.Staff is { NamesAndQualifications: true }) console.WriteLine("  staff: the bid names its staff and gives their qualifications");
        if (o.Recurrence is { Recurs: true } recurrence) console.WriteLine($"  recurs{(recurrence.Description is null ? "" : ": " + recurrence.Description)}");
        if (o.Documents.Count > 0) console.WriteLine($"  documents: {string.Join("; ", o.Documents.Select(d => d.Title ?? IntakeCli.Words(d.Type ?? d.Id ?? "document")))}");
        foreach (var warning in o.Warnings) console.WriteLine($"  warning: {warning}");
        var lots = new Table().AddColumns("Lot", "Title", "Value", "CPV", "Places", "Criteria");
        foreach (var lot in o.Lots)
        {
            lots.AddRow(
                Markup.Escape(lot.Id),
                Markup.Escape(lot.Title),
                IntakeCli.Money(lot.Value),
                string.Join(" ", lot.Cpv.Select(c => c == lot.MainCpv ? c + " (main)" : c)),
                Markup.Escape(IntakeCli.Places(lot.Places) + (lot.DeliveryText.Count > 0 ? "; " + string.Join(" ", lot.DeliveryText) : "")),
                Markup.Escape(string.Join(", ", lot.AwardCriteria.Select(c => $"{c.Name ?? c.Type} {c.Weight?.ToString() ?? "-"}"))));
        }

        console.Write(lots);
    }
}
