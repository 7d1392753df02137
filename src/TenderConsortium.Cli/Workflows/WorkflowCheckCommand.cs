using System.CommandLine;
using TenderConsortium.Cli.Infrastructure;
using TenderConsortium.Workflows.Activities;
using TenderConsortium.Workflows.Definitions;

namespace TenderConsortium.Cli.Workflows;

/// <summary>
/// "tender workflows check [DIR]": reads every definition file and reports each error with its file and JSON path,
/// so a definition can be checked (e.g. in CI) before it is deployed.
/// </summary>
public static class WorkflowCheckCommand
{
    private const string DefaultFolder = "workflows";

    /// <summary>The command checking against the built-in activities.</summary>
    public static Command Create() => Create(() => ActivityCatalogue.WithBuiltIns());

    /// <summary>The command checking against a catalogue that may hold activities beyond the built-in ones.</summary>
    public static Command Create(Func<ActivityCatalogue> catalogue)
    {
        var dir = new Argument<string?>("dir")
        {
            Arity = ArgumentArity.ZeroOrOne,
            Description = $"Folder of definition files (default: ./{DefaultFolder}, else the one installed with tender)",
        };
        var command = new Command("check", "Check workflow definition files: shape, activity properties, references and connections");
        command.Arguments.Add(dir);
        command.SetAction(parseResult => Run(parseResult.GetValue(dir), catalogue()));
        return command;
    }

    private static int Run(string? dir, ActivityCatalogue catalogue)
    {
        var folder = dir ?? DefaultDirectory();
        if (!Directory.Exists(folder))
        {
            Console.Error.WriteLine($"{folder}: directory not found");
            return CliExit.BadInput;
        }

        var results = new DefinitionLoader(catalogue).LoadDirectory(folder);
        if (results.Count == 0)
        {
            // Checking nothing is more likely a wrong folder than a success.
            Console.Error.WriteLine($"{folder}: no workflow definition files (*.json)");
            return CliExit.BadInput;
        }

        foreach (var result in results)
        {
            if (result.Definition is { } definition && result.Errors.Count == 0)
                Console.Out.WriteLine($"OK  {result.File}  {definition.Id}  hash {definition.Hash[..12]}");
            foreach (var error in result.Errors) Console.Error.WriteLine(error.ToString());
        }

        return results.All(r => r.IsValid) ? CliExit.Ok : CliExit.BadInput;
    }

    private static string DefaultDirectory() =>
        Directory.Exists(DefaultFolder) ? DefaultFolder : Path.Combine(AppContext.BaseDirectory, DefaultFolder);
}
