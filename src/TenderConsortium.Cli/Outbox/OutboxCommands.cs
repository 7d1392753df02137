using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Cli.Infrastructure;
using TenderConsortium.Core.Common;
using TenderConsortium.Workflows;
using TenderConsortium.Workflows.Outbox;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.Cli.Outbox;

/// <summary><c>tender outbox list|retry</c>: what email is queued, sent or failed, and sending failed ones again.</summary>
public static class OutboxCommands
{
    private static readonly string[] Statuses = [OutboxStatus.Pending, OutboxStatus.Sent, OutboxStatus.Failed, OutboxStatus.Held, OutboxStatus.Digested];

    public static Command Create()
    {
        var command = new Command("outbox", "Outgoing email: list (failed first, with the server's reason), retry failed deliveries");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Retry());
        return command;
    }

    private static Command List()
    {
        var data = CommonOptions.Data();
        var db = CommonOptions.Database();
        var json = CommonOptions.Json();
        var failed = new Option<bool>("--failed") { Description = "Only deliveries that failed and need the lead" };
        var status = new Option<string?>("--status") { Description = $"Only one status: {string.Join(", ", Statuses)}" };
        var take = new Option<int>("--take") { Description = "At most this many rows", DefaultValueFactory = _ => 100 };
        var command = new Command("list", "Emails in the outbox: failed first, then newest first") { data, db, json, failed, status, take };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var only = parse.GetValue(failed) ? OutboxStatus.Failed : parse.GetValue(status);
            if (only is not null)
            {
                only = Statuses.FirstOrDefault(s => s.Equals(only.Trim(), StringComparison.OrdinalIgnoreCase))
                       ?? throw new BadInputException($"--status: expected one of {string.Join(", ", Statuses)}, got \"{only}\"");
            }

            if (parse.GetValue(take) is < 1 or > 10_000) throw new BadInputException("--take: expected 1-10000");
            await using var services = await NodeFactory.StartAsync(DataLocation.From(parse.GetValue(data)!, parse.GetValue(db)), ct: ct);
            var rows = await services.GetRequiredService<WorkflowQueries>().ListDeliveriesAsync(only, take: parse.GetValue(take), ct: ct);
            if (parse.GetValue(json))
            {
                Output.WriteJson(new { deliveries = rows });
                return CliExit.Ok;
            }

            if (rows.Count == 0)
            {
                Console.WriteLine(only is null ? "The outbox is empty." : $"No {only.ToLowerInvariant()} emails.");
                return CliExit.Ok;
            }

            // Plain lines rather than a table: subjects and server replies are long, and terminals (and phones) are narrow.
            using var fitted = FittedWriter.Out;
            foreach (var r in rows)
            {
                var when = r.Status switch
                {
                    OutboxStatus.Sent or OutboxStatus.Digested => $"sent {When(r.SentAt)}",
                    OutboxStatus.Pending => $"next attempt {When(r.NextAttemptAt)}",
                    OutboxStatus.Held => $"in the digest of {When(r.NextAttemptAt)}",
                    _ => $"failed {When(r.NextAttemptAt)}",
                };
                fitted.WriteLine($"{r.Status,-8} {r.Id}  {r.Event} to {r.Recipient}, {Wording.Count(r.Attempts, "attempt")}, {when}");
                fitted.WriteLine($"         \"{r.Subject}\"");
                if (r.Status is OutboxStatus.Failed or OutboxStatus.Pending && r.LastError is not null) fitted.WriteLine($"         reason: {r.LastError}");
            }

            var failures = rows.Count(r => r.Status == OutboxStatus.Failed);
            if (failures > 0) fitted.WriteLine($"{failures} failed: fix the address or the relay, then 'tender outbox retry ID' or 'tender outbox retry --all-failed'.");
            return CliExit.Ok;
        }));
        return command;
    }

    private static Command Retry()
    {
        var data = CommonOptions.Data();
        var db = CommonOptions.Database();
        var id = new Argument<string?>("id") { Description = "Id of a failed email (from 'tender outbox list --failed')", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all-failed") { Description = "Every failed email" };
        var command = new Command("retry", "Queue failed emails again with fresh attempts; a running node sends them") { data, db, id, all };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var text = parse.GetValue(id);
            var everything = parse.GetValue(all);
            if (everything == (text is not null)) throw new BadInputException("id: give the id of one failed email, or --all-failed (not both)");
            long one = default;
            if (text is not null && (!long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out one) || one < 1))
                throw new BadInputException($"id: expected the number of an email as 'tender outbox list' shows it, such as 42, got \"{text}\"");
            await using var services = await NodeFactory.StartAsync(DataLocation.From(parse.GetValue(data)!, parse.GetValue(db)), ct: ct);
            var admin = services.GetRequiredService<OutboxAdmin>();
            if (everything)
            {
                var count = await admin.RetryAllFailedAsync(ct);
                Console.WriteLine(count == 0 ? "No failed emails." : $"Queued {count} failed email(s) again.");
                return CliExit.Ok;
            }

            if (!await admin.RetryAsync(one, ct)) throw new BadInputException($"id: no failed email {one} (see 'tender outbox list --failed')");
            Console.WriteLine($"Queued {one} again.");
            return CliExit.Ok;
        }));
        return command;
    }

    private static string When(DateTimeOffset? at) => at is { } t ? DisplayTime.Current.DateAndTime(t) : "not recorded";
}
