using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using TenderConsortium.Cli.Infrastructure;
using TenderConsortium.Core.Common;
using TenderConsortium.Workflows;

namespace TenderConsortium.Cli.Instances;

public static class InstanceCommands
{
    public static Command Create()
    {
        var command = new Command("instances", "Workflow instances: list, show with journal, retry a faulted one");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Retry());
        return command;
    }

    private static Command List()
    {
        var data = CommonOptions.Data();
        var db = CommonOptions.Database();
        var json = CommonOptions.Json();
        var status = new Option<string?>("--status") { Description = "Running, Suspended, Finished, Faulted or Cancelled" };
        var command = new Command("list", "Instances, newest first") { data, db, json, status };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            await using var services = await NodeFactory.StartAsync(DataLocation.From(parse.GetValue(data)!, parse.GetValue(db)), ct: ct);
            var list = await services.GetRequiredService<WorkflowQueries>().ListInstancesAsync(status: parse.GetValue(status), ct: ct);
            if (parse.GetValue(json))
            {
                Output.WriteJson(new { instances = list });
                return CliExit.Ok;
            }

            var table = new Table().AddColumns("Id", "Definition", "Status", "Stage", "Next due", "Incident");
            foreach (var i in list)
            {
                table.AddRow(CliWidth.ShortId(i.Id.ToString()), Markup.Escape($"{i.DefinitionId} v{i.DefinitionVersion}"), i.Status, Markup.Escape(i.Stage ?? ""),
                    i.NextDueAt?.ToString("u") ?? "", Markup.Escape(i.Incident ?? ""));
            }

            Intake.IntakeCli.Terminal().Write(table);
            return CliExit.Ok;
        }));
        return command;
    }

    private static Command Show()
    {
        var data = CommonOptions.Data();
        var db = CommonOptions.Database();
        var json = CommonOptions.Json();
        var id = new Argument<string>("id") { Description = "Instance id" };
        var command = new Command("show", "One instance with its bookmarks, timers and journal") { data, db, json, id };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var instanceId = ParseId(parse.GetValue(id));
            await using var services = await NodeFactory.StartAsync(DataLocation.From(parse.GetValue(data)!, parse.GetValue(db)), ct: ct);
            var details = await services.GetRequiredService<WorkflowQueries>().GetInstanceAsync(instanceId, ct)
                ?? throw new BadInputException($"id: no instance {instanceId}");
            if (parse.GetValue(json))
            {
                Output.WriteJson(details);
                return CliExit.Ok;
            }

            var s = details.Summary;
            Console.WriteLine($"{s.Id}  {s.DefinitionId} v{s.DefinitionVersion}  {s.Status}{(s.Stage is null ? "" : $"  at {s.Stage}")}");
            if (s.Incident is not null) Console.WriteLine($"Incident: {s.Incident}   (tender instances retry {s.Id})");
            foreach (var b in details.Bookmarks) Console.WriteLine($"Waiting for: {b.Name}/{b.Key} ({b.ActivityId})");
            foreach (var t in details.Timers.Where(t => t.Status == "Pending")) Console.WriteLine($"Timer: {t.ActivityId} {t.Tag} due {t.DueAt:u}");
            Console.WriteLine("Journal:");
            foreach (var j in details.Journal) Console.WriteLine("  " + JournalLine.Format(j));
            return CliExit.Ok;
        }));
        return command;
    }

    private static Command Retry()
    {
        var data = CommonOptions.Data();
        var db = CommonOptions.Database();
        var id = new Argument<string>("id") { Description = "Instance id" };
        var command = new Command("retry", "Run a faulted instance's failed activity again") { data, db, id };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var instanceId = ParseId(parse.GetValue(id));
            await using var services = await NodeFactory.StartAsync(DataLocation.From(parse.GetValue(data)!, parse.GetValue(db)), ct: ct);
            var retried = await services.GetRequiredService<WorkflowRuntime>().RetryAsync(instanceId, "cli", ct);
            if (!retried) throw new BadInputException($"id: instance {instanceId} is not faulted; nothing to retry");
            var details = await services.GetRequiredService<WorkflowQueries>().GetInstanceAsync(instanceId, ct);
            Console.WriteLine($"Retried {instanceId}: now {details!.Summary.Status}{(details.Summary.Incident is { } i ? $" ({i})" : "")}");
            return CliExit.Ok;
        }));
        return command;
    }

    internal static Guid ParseId(string? text) =>
        Guid.TryParse(text, out var id) ? id : throw new BadInputException($"id: expected an instance id such as 3f2c…-…, got \"{text}\"");
}
