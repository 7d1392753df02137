using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Cli.Infrastructure;
using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.Common;

namespace TenderConsortium.Cli.Allocations;

/// <summary>"tender consent" and "tender withdraw": a member's answer to its share, recorded by the lead on its behalf.</summary>
public static class ConsentCommands
{
    public static Command Consent()
    {
        var opportunity = new Argument<string>("opportunity") { Description = "The opportunity's id or OCID" };
        var member = new Argument<string>("member") { Description = "The member's id" };
        var decision = new Argument<string>("decision") { Description = "accept or decline" };
        decision.AcceptOnlyFromAmong("accept", "decline");
        var reason = new Option<string?>("--reason") { Description = "Why the member declines (required to decline)" };
        var command = NodeOptions.Command("consent", "Record a member accepting or declining its allocated share", out var node, opportunity, member, decision, reason);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(() => node.RunAsync(parse, async services =>
        {
            var accept = parse.GetValue(decision) == "accept";
            var after = await services.GetRequiredService<AllocationService>().ConsentAsync(
                parse.GetValue(opportunity)!, parse.GetValue(member)!, accept, parse.GetValue(reason), NodeOptions.Actor, ct);
            Report(node, parse, after, accept ? "Accepted." : "Declined; the allocation was re-run without this member.");
            return CliExit.Ok;
        }, ct)));
        return command;
    }

    public static Command Withdraw()
    {
        var opportunity = new Argument<string>("opportunity") { Description = "The opportunity's id or OCID" };
        var member = new Argument<string>("member") { Description = "The member's id" };
        var reason = new Option<string>("--reason") { Description = "Why the member withdraws", Required = true };
        var command = NodeOptions.Command("withdraw", "Record a member withdrawing after accepting; the allocation is re-run for what it leaves", out var node,
            opportunity, member, reason);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(() => node.RunAsync(parse, async services =>
        {
            var after = await services.GetRequiredService<AllocationService>().WithdrawAsync(
                parse.GetValue(opportunity)!, parse.GetValue(member)!, parse.GetValue(reason)!, NodeOptions.Actor, ct);
            Report(node, parse, after, "Withdrawal recorded; the allocation was re-run for what the member leaves.");
            return CliExit.Ok;
        }, ct)));
        return command;
    }

    private static void Report(NodeOptions node, ParseResult parse, StoredAllocation after, string message)
    {
        if (node.Json(parse))
        {
            Console.Out.WriteLine(AllocationJson.From(after.Result, after.Round, after.Status).ToJsonString(DomainJson.Indented));
            return;
        }

        Console.WriteLine(message);
        var gaps = after.Result.Lots.Where(l => l.Uncovered > 0).ToList();
        Console.WriteLine($"Allocation round {after.Round} ({after.Status.ToString().ToLowerInvariant()})" +
                          (gaps.Count == 0 ? ", every lot covered." : ": gaps in " + string.Join(", ", gaps.Select(l => $"lot {l.LotId} ({l.Uncovered:N0} {l.Unit})"))));
    }
}
