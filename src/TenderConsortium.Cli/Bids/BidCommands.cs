using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Cli.Infrastructure;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Matching;
using TenderConsortium.Application.Bids.Outcome;
using TenderConsortium.Application.Bids.Show;
using TenderConsortium.Application.Bids.Start;
using TenderConsortium.Application.Bids.Submit;
using TenderConsortium.Application.Shortlist.Confirm;
using TenderConsortium.Core.Submission;
using TenderConsortium.Core.Workflow;
using TenderConsortium.Workflows;

namespace TenderConsortium.Cli.Bids;

/// <summary>"tender bid …": start the bid for an imported opportunity, show where it stands, and the lead's later steps.</summary>
public static class BidCommands
{
    public static Command Create()
    {
        var command = new Command("bid", "Run a bid for an opportunity as a workflow");
        command.Subcommands.Add(Start());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(ConfirmShortlist());
        command.Subcommands.Add(Revise());
        command.Subcommands.Add(Submitted());
        command.Subcommands.Add(Outcome());
        return command;
    }

    private static Command ConfirmShortlist()
    {
        var opportunity = new Argument<string>("opportunity") { Description = "The opportunity's id or OCID" };
        var command = NodeOptions.Command("confirm-shortlist", "Confirm the shortlist so invitations go out (when the bid's workflow asks for it)", out var node, opportunity);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(() => node.RunAsync(parse, async services =>
        {
            await services.GetRequiredService<ConfirmShortlistHandler>().HandleAsync(new Application.Shortlist.Confirm.ConfirmShortlist(parse.GetValue(opportunity)!, NodeOptions.Actor), ct);
            Console.WriteLine("Shortlist confirmed: members are invited.");
            return CliExit.Ok;
        }, ct)));
        return command;
    }

    private static Command Revise()
    {
        var to = new Option<string>("--to") { Description = "assembly (rebuild the pack after your changes) or allocation (re-run the split first)", Required = true };
        to.AcceptOnlyFromAmong("assembly", "allocation");
        return Step("revise", "After the adviser asked for changes: send the bid back to assembly or allocation", "revision",
            parse => new JsonObject { ["next"] = parse.GetValue(to) }, to);
    }

    private static Command Submitted()
    {
        var opportunity = new Argument<string>("opportunity") { Description = "The opportunity's id or OCID" };
        var reference = new Option<string?>("--reference") { Description = "The buyer's portal reference of the submission" };
        var accept = AcceptOption.Create();
        var command = NodeOptions.Command("submitted", "Record that the bid was submitted to the buyer; all members are told. Refused while a check of the pack fails, unless --accept gives why for each",
            out var node, opportunity, reference, accept);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(() => node.RunAsync(parse, async services =>
        {
            await services.GetRequiredService<RecordSubmissionHandler>().HandleAsync(new RecordSubmission(parse.GetValue(opportunity)!, parse.GetValue(reference), NodeOptions.Actor,
                AcceptedChecks: AcceptOption.Parse(parse.GetValue(accept))), ct);
            Console.WriteLine("Submission recorded; members are told.");
            return CliExit.Ok;
        }, ct)));
        return command;
    }

    private static Command Outcome()
    {
        var opportunity = new Argument<string>("opportunity") { Description = "The opportunity's id or OCID" };
        var awarded = new Option<string[]>("--awarded") { Description = "Lot ids won (repeat, or comma-separated)", AllowMultipleArgumentsPerToken = true };
        var lost = new Option<bool>("--lost") { Description = "No lot was won" };
        var command = NodeOptions.Command("outcome", "Record the buyer's decision; members are told and sub-contracts are issued for won lots", out var node,
            opportunity, awarded, lost);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(() => node.RunAsync(parse, async services =>
        {
            var lots = (parse.GetValue(awarded) ?? []).SelectMany(a => a.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            if (lots.Count == 0 && !parse.GetValue(lost)) throw new BadInputException("--awarded: give the lots won, or --lost");
            if (lots.Count > 0 && parse.GetValue(lost)) throw new BadInputException("--lost: give either --awarded or --lost");
            await services.GetRequiredService<RecordOutcomeHandler>().HandleAsync(new RecordOutcome(parse.GetValue(opportunity)!, lots, NodeOptions.Actor), ct);
            Console.WriteLine(lots.Count == 0 ? "Outcome recorded: no lot won. Members are told." : $"Outcome recorded: won {Wording.Lots(lots)}. Members are told; sub-contracts follow.");
            return CliExit.Ok;
        }, ct)));
        return command;
    }

    /// <summary>A human step of the definition answered through its WaitForSignal bookmark (keyed by the opportunity).</summary>
    private static Command Step(string name, string description, string bookmark, Func<ParseResult, JsonObject> payload, params Symbol[] extra)
    {
        var opportunity = new Argument<string>("opportunity") { Description = "The opportunity's id or OCID" };
        var command = NodeOptions.Command(name, description, out var node, [opportunity, .. extra]);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(() => node.RunAsync(parse, async services =>
        {
            var found = await services.GetRequiredService<IMatchingSource>().RequireOpportunityAsync(parse.GetValue(opportunity)!, ct);
            await services.GetRequiredService<BidSignals>().SendAsync(found.Id, bookmark, found.Id, payload(parse), null, NodeOptions.Actor,
                $"waiting for '{name}'", ct);
            Console.WriteLine($"Done: {name}.");
            return CliExit.Ok;
        }, ct)));
        return command;
    }

    private static Command Start()
    {
        var opportunity = new Argument<string>("opportunity") { Description = "The opportunity's id or OCID" };
        var workflow = new Option<string?>("--workflow") { Description = "Workflow definition id (default: the whole lead-partner bid, or its small-contract variant below the review threshold)" };
        var deadline = new Option<string?>("--deadline") { Description = "Members' declaration deadline, e.g. 2026-12-04T12:00:00Z (default: the definition's declarationPeriod from now)" };
        var settings = new Option<string[]>("--setting") { Description = "Override a setting: name=value (value as JSON, or text), e.g. --setting leadEmail=bids@example.org", AllowMultipleArgumentsPerToken = false };
        var command = NodeOptions.Command("start", "Start the bid: matching, invitations, declarations, allocation, the bid pack, review, submission and outcome", out var node,
            opportunity, workflow, deadline, settings);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(() => node.RunAsync(parse, async services =>
        {
            DateTimeOffset? at = null;
            if (parse.GetValue(deadline) is { } d)
            {
                if (!DateTimeOffset.TryParse(d, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed))
                    throw new BadInputException($"--deadline: expected a date and time such as 2026-12-04T12:00:00Z, got '{d}'");
                at = parsed;
            }

            var started = await services.GetRequiredService<StartBidHandler>().HandleAsync(
                new StartBid(parse.GetValue(opportunity)!, NodeOptions.Actor, parse.GetValue(workflow), at, Settings(parse.GetValue(settings) ?? [])), ct);
            // A command run again is a second start, even with the same arguments: refuse it like any other.
            if (started.Replayed)
                throw new ProblemException("opportunity", ProblemCode.Conflict,
                    $"this opportunity already has a bid, started with these same settings; carry on with that one (tender bid show {started.OpportunityId})");
            if (node.Json(parse)) Output.WriteJson(new { bidId = started.BidId, instanceId = started.InstanceId, status = started.Status, opportunityId = started.OpportunityId, workflow = started.Workflow });
            else Console.WriteLine($"Started the bid for \"{started.Title}\" ({started.Workflow}). Follow it with: tender bid show {started.OpportunityId}");
            return CliExit.Ok;
        }, ct)));
        return command;
    }

    private static Command Show()
    {
        var opportunity = new Argument<string>("opportunity") { Description = "The opportunity's id or OCID" };
        var command = NodeOptions.Command("show", "Where the bid stands: each step, deadlines, counts, documents and what the lead does next", out var node, opportunity);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(() => node.RunAsync(parse, async services =>
        {
            var view = await services.GetRequiredService<ShowBidHandler>().HandleAsync(new ShowBid(parse.GetValue(opportunity)!), ct);
            if (node.Json(parse)) Console.Out.WriteLine(JsonSerializer.Serialize(view, DomainJson.Indented));
            else
            {
                using var fitted = FittedWriter.Out;
                BidViewText.Write(view, fitted);
            }
            return CliExit.Ok;
        }, ct)));
        return command;
    }

    private static JsonObject? Settings(string[] pairs)
    {
        if (pairs.Length == 0) return null;
        var result = new JsonObject();
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0) throw new BadInputException($"--setting: expected name=value, got '{pair}'");
            var name = pair[..eq].Trim();
            var text = pair[(eq + 1)..];
            JsonNode? value;
            try
            {
                value = JsonNode.Parse(text);
            }
            catch (System.Text.Json.JsonException)
            {
                value = JsonValue.Create(text);
            }

            result[name] = value;
        }

        return result;
    }
}
