using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using TenderConsortium.Cli.Infrastructure;
using TenderConsortium.Workflows;

using TenderConsortium.Workflows.Activities;

namespace TenderConsortium.Cli.Workflows;

public static class WorkflowCommands
{
    public static Command Create()
    {
        var command = new Command("workflows", "Workflow definitions: list stored versions, check files");
        command.Subcommands.Add(List());
        command.Subcommands.Add(WorkflowCheckCommand.Create(() => ActivityCatalogue.WithBuiltIns(
            [.. TenderConsortium.Persistence.TenderDomainServices.Activities(), new Documents.Activities.AssembleBidPackActivity(), new Documents.Activities.IssueSubcontractsActivity()])));
        return command;
    }

    private static Command List()
    {
        var data = CommonOptions.Data();
        var db = CommonOptions.Database();
        var json = CommonOptions.Json();
        var workflows = new Option<string?>("--workflows") { Description = "Folder of workflow definitions (default: ./workflows)" };
        var command = new Command("list", "Stored definitions with their versions and hashes (files are stored first)") { data, db, json, workflows };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            await using var services = await NodeFactory.StartAsync(DataLocation.From(parse.GetValue(data)!, parse.GetValue(db)), parse.GetValue(workflows), ct: ct);
            var list = await services.GetRequiredService<WorkflowRuntime>().Definitions.ListAsync(ct);
            if (parse.GetValue(json))
            {
                Output.WriteJson(new { definitions = list });
                return CliExit.Ok;
            }

            var table = new Table().AddColumns("Id", "Version", "Name", "Hash", "Stored", "Instances");
            foreach (var d in list)
                table.AddRow(Markup.Escape(d.Id), d.Version.ToString(), Markup.Escape(d.Name), d.Hash[..12], d.StoredAt.ToString("u"), d.Instances.ToString());
            Intake.IntakeCli.Terminal().Write(table);
            return CliExit.Ok;
        }));
        return command;
    }
}
