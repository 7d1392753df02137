using TenderConsortium.Application.Declarations.Record;
using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Cli.Infrastructure;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Intake;

namespace TenderConsortium.Cli.Declarations;

/// <summary>"tender declare": the lead enters a member's declaration (JSON, see docs/declarations.md) on its behalf.</summary>
public static class DeclareCommand
{
    public static Command Create()
    {
        var opportunity = new Option<string>("--opportunity") { Description = "The opportunity's id or OCID", Required = true };
        var member = new Option<string>("--member") { Description = "The member's id", Required = true };
        var file = new Option<string>("--file") { Description = "The declaration as JSON (lots with volume, price, start… or decline)", Required = true };
        var command = NodeOptions.Command("declare", "Record a member's capacity declaration (or decline) for an opportunity", out var node, opportunity, member, file);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path)) throw new BadInputException($"--file: no such file '{path}'");
            byte[] bytes;
            try
            {
                bytes = await File.ReadAllBytesAsync(path, ct);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new BadInputException($"--file: cannot read '{path}': {ex.Message}");
            }

            var json = TextEncoding.Decode(bytes, $"--file {Path.GetFileName(path)}");
            return await node.RunAsync(parse, async services =>
            {
                CapacityDeclaration saved;
                try
                {
                    saved = await services.GetRequiredService<RecordDeclarationHandler>().HandleAsync(
                        RecordDeclaration.ForMember(parse.GetValue(opportunity)!, parse.GetValue(member)!, json, NodeOptions.Actor), ct);
                }
                catch (BadInputException ex) when (ex is not (DeclarationClosedException or ProblemException { Code: not ProblemCode.Invalid }))
                {
                    throw new BadInputException(ex.Problems.Select(p => $"{Path.GetFileName(path)}: {p}").ToList());
                }

                if (node.Json(parse)) Output.WriteJson(saved);
                else if (saved.Declined) Console.WriteLine($"Recorded revision {saved.Revision}: the member declines ({saved.DeclineReason}).");
                else Console.WriteLine($"Recorded revision {saved.Revision}: " + string.Join("; ", saved.Lots.Select(l => $"lot {l.LotId}: {l.Volume:N0} at £{l.PricePerUnit:0.00} from {DisplayTime.Date(l.EarliestStart)}")));
                return CliExit.Ok;
            }, ct);
        }));
        return command;
    }
}
