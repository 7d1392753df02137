using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using TenderConsortium.Application.Reviews.Comment;
using TenderConsortium.Application.Reviews.Decide;
using TenderConsortium.Cli.Infrastructure;
using TenderConsortium.Core.Reviews;
using TenderConsortium.Core.Common;

namespace TenderConsortium.Cli.Reviews;

/// <summary>"tender review": the adviser's queue, comments per section, approval or a request for changes.</summary>
public static class ReviewCommands
{
    public static Command Create()
    {
        var command = new Command("review", "P4P adviser review of bid packs: queue, comment, approve, changes");
        command.Subcommands.Add(Queue());
        command.Subcommands.Add(Comment());
        command.Subcommands.Add(Decide("approve", "Approve the bid pack; the bid moves on to submission", ReviewDecision.Approved));
        command.Subcommands.Add(Decide("changes", "Request changes; the lead revises and the pack comes back", ReviewDecision.ChangesRequested));
        return command;
    }

    private static Command Queue()
    {
        var command = NodeOptions.Command("queue", "Bid packs waiting for review, across consortia", out var node);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(() => node.RunAsync(parse, async services =>
        {
            var queue = await services.GetRequiredService<ReviewService>().QueueAsync(ct);
            if (node.Json(parse))
            {
                Output.WriteJson(new { reviews = queue });
                return CliExit.Ok;
            }

            var table = new Table().AddColumns("Opportunity", "Buyer", "Pack", "Due", "Comments");
            foreach (var item in queue)
                table.AddRow(Markup.Escape(item.OpportunityTitle), Markup.Escape(item.BuyerName), $"v{item.Review.BidPackVersion}",
                    (item.Review.DueAt is { } due ? DisplayTime.Current.DateAndTime(due) : ""), item.Review.Comments.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (queue.Count == 0) Console.WriteLine("Nothing to review.");
            else Intake.IntakeCli.Terminal().Write(table);
            return CliExit.Ok;
        }, ct)));
        return command;
    }

    private static Command Comment()
    {
        var opportunity = new Argument<string>("opportunity") { Description = "The opportunity's id or OCID" };
        var section = new Option<string>("--section") { Description = "The pack's section, e.g. \"Social value\"", Required = true };
        var text = new Option<string>("--text") { Description = "The comment", Required = true };
        var adviser = Adviser();
        var command = NodeOptions.Command("comment", "Comment on a section of the bid pack", out var node, opportunity, section, text, adviser);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(() => node.RunAsync(parse, async services =>
        {
            var review = await services.GetRequiredService<CommentOnReviewHandler>().HandleAsync(
                new CommentOnReview(parse.GetValue(opportunity)!, parse.GetValue(adviser)!, parse.GetValue(section)!, parse.GetValue(text)!), ct);
            Console.WriteLine($"Comment added ({review.Comments.Count} on this review).");
            return CliExit.Ok;
        }, ct)));
        return command;
    }

    private static Command Decide(string name, string description, ReviewDecision decision)
    {
        var opportunity = new Argument<string>("opportunity") { Description = "The opportunity's id or OCID" };
        var summary = new Option<string?>("--summary") { Description = "What the lead should know or change" };
        var adviser = Adviser();
        var accept = AcceptOption.Create();
        var command = decision == ReviewDecision.Approved
            ? NodeOptions.Command(name, description + ". Refused while a check of the pack fails, unless --accept gives why for each", out var node, opportunity, summary, adviser, accept)
            : NodeOptions.Command(name, description, out node, opportunity, summary, adviser);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(() => node.RunAsync(parse, async services =>
        {
            var reasons = decision == ReviewDecision.Approved ? AcceptOption.Parse(parse.GetValue(accept)) : null;
            var review = await services.GetRequiredService<DecideReviewHandler>().HandleAsync(
                new DecideReview(parse.GetValue(opportunity)!, parse.GetValue(adviser)!, decision, parse.GetValue(summary), reasons), ct);
            Console.WriteLine($"Review round {review.Round}: {(review.Decision == ReviewDecision.Approved ? "approved" : "changes requested")}; the lead is told.");
            foreach (var accepted in review.AcceptedChecks ?? [])
                Console.WriteLine($"  accepted although it failed: {accepted.Title} ({accepted.Check}): {accepted.Reason}");
            return CliExit.Ok;
        }, ct)));
        return command;
    }

    private static Option<string> Adviser() =>
        new("--as") { Description = "The adviser's name or email, recorded with the comment or decision", DefaultValueFactory = _ => $"adviser:{Environment.UserName}" };
}
