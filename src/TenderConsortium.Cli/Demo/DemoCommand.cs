using System.CommandLine;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using TenderConsortium.Cli.Infrastructure;
using TenderConsortium.Workflows;
using TenderConsortium.Workflows.Outbox;
using TenderConsortium.Workflows.Persistence;
using TenderConsortium.Core.Common;

namespace TenderConsortium.Cli.Demo;

/// <summary>
/// Runs the example definition through every kind of step the runtime has (start, bookmark, resume, timer, email,
/// end), printing each as it happens. An interrupted run in the same data folder is picked up, not restarted.
/// </summary>
public static class DemoCommand
{
    public const string DefinitionId = "approval-demo";
    public const string Correlation = "demo";

    public static Command Create()
    {
        var data = CommonOptions.Data();
        var db = CommonOptions.Database();
        var workflows = new Option<string?>("--workflows") { Description = "Folder of workflow definitions (default: ./workflows)" };
        var throughDelivery = new Option<bool>("--through-delivery") { Description = "Carry the won bid on into two delivery periods: returns, invoices, payments (one late), reports" };
        var command = new Command("demo", "Run a whole lead-partner bid on sample data, from the notice to issued sub-contracts") { data, db, workflows, throughDelivery };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var location = DataLocation.From(parse.GetValue(data)!, parse.GetValue(db));
            var clock = new DemoClock();
            await using var services = await NodeFactory.StartAsync(location, parse.GetValue(workflows), ct: ct, time: clock);
            // With a terminal, a live status line shows the stage; without one (CI, a pipe) plain lines are all there is.
            var (instance, opportunity, _) = Console.IsOutputRedirected
                ? await new BidDemo(services, Console.Out).RunAsync(stopAtReview: false, ct)
                : await AnsiConsole.Status().StartAsync("Starting the bid…", status =>
                    new BidDemo(services, Console.Out, stage => status.Status($"Bid stage: {Markup.Escape(stage)}")).RunAsync(stopAtReview: false, ct));
            var documents = Path.Combine(location.DocumentsFolder, opportunity);
            Console.WriteLine();
            Console.WriteLine($"The bid is complete: tender instances show {instance} --data \"{location.DataFolder}\"");
            Console.WriteLine($"Bid pack, pricing and checks: {documents}");
            Console.WriteLine($"Sub-contracts: {Path.Combine(documents, "subcontracts")}");
            Console.WriteLine($"Emails (one .eml per message): {location.OutboxFolder}");
            if (parse.GetValue(throughDelivery))
            {
                var reports = await new DeliveryDemo(services, clock, Console.Out).RunAsync(opportunity, ct);
                Console.WriteLine("Period reports:");
                foreach (var file in reports) Console.WriteLine($"  {file}");
            }

            return CliExit.Ok;
        }));
        command.Subcommands.Add(Runtime());
        return command;
    }

    private static Command Runtime()
    {
        var data = CommonOptions.Data();
        var db = CommonOptions.Database();
        var workflows = new Option<string?>("--workflows") { Description = "Folder of workflow definitions (default: ./workflows)" };
        var command = new Command("runtime", "Run the runtime's example workflow (bookmark, timer, email) from start to end, printing each step") { data, db, workflows };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var location = DataLocation.From(parse.GetValue(data)!, parse.GetValue(db));
            await using var services = await NodeFactory.StartAsync(location, parse.GetValue(workflows), ct: ct);
            return await RunAsync(services, location, ct);
        }));
        return command;
    }

    private static async Task<int> RunAsync(IServiceProvider services, DataLocation location, CancellationToken ct)
    {
        var runtime = services.GetRequiredService<WorkflowRuntime>();
        var queries = services.GetRequiredService<WorkflowQueries>();
        var dispatcher = services.GetRequiredService<OutboxDispatcher>();
        var time = services.GetRequiredService<TimeProvider>();

        var instanceId = await FindInterruptedAsync(queries, ct);
        if (instanceId is { } resumed)
        {
            Console.WriteLine($"Resuming the interrupted demo {resumed}.");
        }
        else
        {
            var started = await runtime.StartAsync(DefinitionId,
                new JsonObject { ["title"] = "Bid for lot 1, Glasgow residential recovery" },
                new JsonObject { ["requester"] = BidDemo.LeadEmail }, // the demo's own lead: the example has no default person
                correlationId: Correlation, actor: "demo", ct: ct);
            instanceId = started.InstanceId;
            Console.WriteLine($"Started {DefinitionId} v{started.DefinitionVersion}: instance {instanceId}.");
        }

        var id = instanceId.Value;
        long seen = 0;
        while (true)
        {
            foreach (var entry in await queries.GetJournalAsync(id, seen, ct))
            {
                Console.WriteLine("  " + JournalLine.Format(entry));
                seen = entry.Id;
            }

            var details = (await queries.GetInstanceAsync(id, ct))!;
            var status = details.Summary.Status;
            if (status == InstanceStatus.Faulted)
            {
                Console.Error.WriteLine($"error: the demo instance is faulted: {details.Summary.Incident} (tender instances retry {id})");
                return CliExit.Failure;
            }

            if (status is InstanceStatus.Finished or InstanceStatus.Cancelled)
            {
                if (await DeliverAsync(queries, dispatcher, id, time, ct)) break;
                continue;
            }

            if (details.Bookmarks.FirstOrDefault(b => b.Name == "approval") is { } bookmark)
            {
                Console.WriteLine($"The lead approves ({bookmark.Name}/{bookmark.Key}).");
                var result = await runtime.ResumeAsync(id, bookmark.Name, bookmark.Key,
                    new JsonObject { ["decision"] = "approve", ["comment"] = "Members' capacity confirmed." },
                    idempotencyKey: "demo-approval", actor: BidDemo.LeadEmail, ct: ct);
                Console.WriteLine($"  resume: {result.Status} - {result.Message}");
                continue;
            }

            if (details.Summary.NextDueAt is { } due)
            {
                var wait = due - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    Console.WriteLine($"Waiting {wait.TotalSeconds:0.#} s for the timer due {due:HH:mm:ss.fff}.");
                    await Task.Delay(wait, time, ct);
                }

                await runtime.FireDueTimersAsync(ct: ct);
                continue;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), time, ct);
        }

        var outbox = await queries.ListOutboxAsync(instanceId: id, ct: ct);
        Console.WriteLine($"Demo finished. Instance {id}: tender instances show {id} --data \"{location.DataFolder}\"");
        foreach (var mail in outbox)
            Console.WriteLine($"Email {mail.Status.ToLowerInvariant()}: \"{mail.Subject}\" to {mail.Recipient} in {location.OutboxFolder}");
        return CliExit.Ok;
    }

    /// <summary>The last demo if it has not finished, or finished with email still to deliver.</summary>
    private static async Task<Guid?> FindInterruptedAsync(WorkflowQueries queries, CancellationToken ct)
    {
        var last = (await queries.ListInstancesAsync(definitionId: DefinitionId, correlationId: Correlation, take: 1, ct: ct)).FirstOrDefault();
        if (last is null) return null;
        if (InstanceStatus.IsActive(last.Status)) return last.Id;
        var undelivered = await queries.ListOutboxAsync(OutboxStatus.Pending, last.Id, ct: ct);
        return undelivered.Count > 0 ? last.Id : null;
    }

    /// <summary>Delivers the instance's email; true when none is left pending.</summary>
    private static async Task<bool> DeliverAsync(WorkflowQueries queries, OutboxDispatcher dispatcher, Guid id, TimeProvider time, CancellationToken ct)
    {
        await dispatcher.DispatchOnceAsync(ct);
        var pending = await queries.ListOutboxAsync(OutboxStatus.Pending, id, ct: ct);
        if (pending.Count == 0) return true;
        // A message claimed by a process that was stopped waits for that claim to expire.
        var until = pending.Max(p => p.ClaimedUntil ?? p.NextAttemptAt);
        var wait = until - time.GetUtcNow();
        Console.WriteLine($"Waiting {Math.Max(0, wait.TotalSeconds):0.#} s for {Wording.Count(pending.Count, "email")} to be retried.");
        await Task.Delay(wait > TimeSpan.Zero ? wait + TimeSpan.FromMilliseconds(50) : TimeSpan.FromMilliseconds(200), time, ct);
        return false;
    }
}
