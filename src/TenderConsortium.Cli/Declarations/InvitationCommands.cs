using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Application.Declarations.Close;
using TenderConsortium.Application.Declarations.Extend;
using Spectre.Console;
using TenderConsortium.Cli.Infrastructure;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Invitations;
using TenderConsortium.Core.Matching;

namespace TenderConsortium.Cli.Declarations;

/// <summary>"tender invitations": who was invited, who answered; extend or close the round; revoke or reopen a member's link.</summary>
public static class InvitationCommands
{
    public static Command Create()
    {
        var command = new Command("invitations", "Members invited to declare for an opportunity: list, extend, close, revoke, reopen");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Extend());
        command.Subcommands.Add(Close());
        command.Subcommands.Add(Revoke());
        command.Subcommands.Add(Reopen());
        return command;
    }

    private static Command List()
    {
        var opportunity = Opportunity();
        var command = NodeOptions.Command("list", "Invited members, their link's expiry and their latest answer", out var node, opportunity);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(() => node.RunAsync(parse, async services =>
        {
            var key = parse.GetValue(opportunity)!;
            var found = await services.GetRequiredService<IMatchingSource>().FindOpportunityAsync(key, ct)
                        ?? throw new BadInputException($"opportunity: no opportunity with id or OCID '{key}'");
            var store = services.GetRequiredService<IInvitationStore>();
            var round = await store.RoundAsync(found.Id, ct);
            var invitations = await store.ListAsync(found.Id, ct);
            var latest = (await services.GetRequiredService<IDeclarationStore>().LatestAsync(found.Id, ct)).ToDictionary(d => d.MemberId);
            var rows = invitations.Select(i => new
            {
                memberId = i.MemberId,
                name = i.MemberName,
                email = i.Email,
                expiresAt = i.ExpiresAt,
                revokedAt = i.RevokedAt,
                answer = latest.TryGetValue(i.MemberId, out var d) ? d.Declined ? "declined" : $"declared (revision {d.Revision})" : "no answer",
            }).ToList();
            if (node.Json(parse))
            {
                Output.WriteJson(new { opportunityId = found.Id, deadline = round?.Deadline, closesAt = round?.ClosesAt, closedAt = round?.ClosedAt, invitations = rows });
                return CliExit.Ok;
            }

            if (round is null)
            {
                Console.WriteLine($"Nobody has been invited to declare for \"{found.Opportunity.Title}\" yet.");
                return CliExit.Ok;
            }

            var console = Intake.IntakeCli.Terminal();
            console.WriteLine($"{found.Opportunity.Title}: deadline {When(round.Deadline)}" + (round.ClosedAt is { } c ? $", closed {When(c)}" : ", open"));
            var table = new Table().AddColumns("Member id", "Name", "Email", "Link valid until", "Answer");
            foreach (var r in rows)
                table.AddRow(CliWidth.ShortId(r.memberId), Markup.Escape(r.name), Markup.Escape(r.email), r.revokedAt is null ? When(r.expiresAt) : "revoked", r.answer);
            console.Write(table);
            return CliExit.Ok;
        }, ct)));
        return command;
    }

    private static Command Extend()
    {
        var opportunity = Opportunity();
        var until = Until();
        var command = NodeOptions.Command("extend", "Move the declaration deadline of an open round", out var node, opportunity, until);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(() => node.RunAsync(parse, async services =>
        {
            var newDeadline = ParseUntil(parse.GetValue(until)!);
            await ProblemPaths.RunAsync(() => services.GetRequiredService<ExtendDeclarationsHandler>().HandleAsync(
                new ExtendDeclarations(parse.GetValue(opportunity)!, newDeadline, NodeOptions.Actor), ct), ("until", "--until"));
            Console.WriteLine($"Declarations now close on {DisplayTime.Current.DateAndTime(newDeadline)}; members' links are valid until then.");
            return CliExit.Ok;
        }, ct)));
        return command;
    }

    private static Command Close()
    {
        var opportunity = Opportunity();
        var confirm = ConfirmOption.Create("members still to answer are left out of the shares");
        var command = NodeOptions.Command("close", "Close the declaration round now and move on to allocation", out var node, opportunity, confirm);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(() => node.RunAsync(parse, async services =>
        {
            await ConfirmOption.RunAsync(() => services.GetRequiredService<CloseDeclarationsHandler>().HandleAsync(
                new CloseDeclarations(parse.GetValue(opportunity)!, NodeOptions.Actor, parse.GetValue(confirm)), ct));
            Console.WriteLine("Declarations closed.");
            return CliExit.Ok;
        }, ct)));
        return command;
    }

    private static Command Revoke()
    {
        var opportunity = Opportunity();
        var member = new Argument<string>("member") { Description = "The member's id" };
        var command = NodeOptions.Command("revoke", "Make a member's link stop working", out var node, opportunity, member);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(() => node.RunAsync(parse, async services =>
        {
            await services.GetRequiredService<DeclarationService>().RevokeAsync(parse.GetValue(opportunity)!, parse.GetValue(member)!, ct);
            Console.WriteLine("Link revoked.");
            return CliExit.Ok;
        }, ct)));
        return command;
    }

    private static Command Reopen()
    {
        var opportunity = Opportunity();
        var member = new Argument<string>("member") { Description = "The member's id" };
        var until = Until();
        var command = NodeOptions.Command("reopen", "Let one member declare (again) until a new time, also after the deadline", out var node, opportunity, member, until);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(() => node.RunAsync(parse, async services =>
        {
            await services.GetRequiredService<DeclarationService>().ReopenAsync(parse.GetValue(opportunity)!, parse.GetValue(member)!, ParseUntil(parse.GetValue(until)!), ct);
            Console.WriteLine("Reopened for this member. A declaration after the round closed is kept; re-run the allocation with 'tender allocate OPPORTUNITY --rerun' to use it.");
            return CliExit.Ok;
        }, ct)));
        return command;
    }

    private static string When(DateTimeOffset at) => DisplayTime.Current.DateAndTime(at);

    private static Argument<string> Opportunity() => new("opportunity") { Description = "The opportunity's id or OCID" };

    private static Option<string> Until() => new("--until") { Description = "Date and time, e.g. 2026-12-08T17:00:00Z", Required = true };

    private static DateTimeOffset ParseUntil(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw new BadInputException($"--until: expected a date and time such as 2026-12-08T17:00:00Z, got '{text}'");
}
