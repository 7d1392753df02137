using System.CommandLine;
using System.Text.Json;
using TenderConsortium.Cli.Infrastructure;
using TenderConsortium.Cli.Intake;
using TenderConsortium.Core.Common;

namespace TenderConsortium.Cli.Privacy;

/// <summary>"tender privacy export --member REG | --email E [--out FILE]": a subject access request answered in one JSON file.</summary>
public static class PrivacyCommands
{
    public static Command Create()
    {
        var command = new Command("privacy", "Personal data: export everything held about a member or a person (UK GDPR subject access), or erase a person");
        command.Subcommands.Add(Export());
        command.Subcommands.Add(EraseCommand.Create());
        return command;
    }

    private static Command Export()
    {
        var member = new Option<string?>("--member") { Description = "A member's registration number, e.g. SC123456" };
        var email = new Option<string?>("--email") { Description = "A person's email address" };
        var output = new Option<string?>("--out") { Description = "Write the export to this file (created 0600) instead of printing it" };
        var command = StoreOptions.Command("export", "Everything held about one member or one person, as JSON; links and secrets left out", out var store, member, email, output);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var (reg, address) = (parse.GetValue(member), parse.GetValue(email));
            if (string.IsNullOrWhiteSpace(reg) == string.IsNullOrWhiteSpace(address))
                throw new BadInputException("--member or --email: give exactly one, e.g. --member SC123456 or --email someone@example.org");
            var connection = await store.OpenAsync(parse, ct);
            var export = string.IsNullOrWhiteSpace(reg)
                ? await PersonalDataExport.ForEmailAsync(connection, address!, ct)
                : await PersonalDataExport.ForMemberAsync(connection, reg, ct);
            var json = export.ToJsonString(DomainJson.Indented);
            if (parse.GetValue(output) is { Length: > 0 } file)
            {
                await File.WriteAllTextAsync(file, json, ct);
                Console.Error.WriteLine($"Exported to {Path.GetFullPath(file)}. It holds personal data: send it to the person by a secure route and delete your copy.");
            }
            else Console.Out.WriteLine(json);
            return CliExit.Ok;
        }));
        return command;
    }
}
