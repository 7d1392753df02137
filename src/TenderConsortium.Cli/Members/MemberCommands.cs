using TenderConsortium.Application.Intake.ImportMembers;
using System.CommandLine;
using Spectre.Console;
using TenderConsortium.Cli.Infrastructure;
using TenderConsortium.Cli.Intake;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Members;
using TenderConsortium.Persistence.Members;

namespace TenderConsortium.Cli.Members;

/// <summary>"tender members import|list|show|generate": the member registry.</summary>
public static class MemberCommands
{
    public static Command Create()
    {
        var command = new Command("members", "The member registry: import from CSV or JSON, list, show, generate a synthetic registry");
        command.Subcommands.Add(Import());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Generate());
        return command;
    }

    private static Command Import()
    {
        var file = new Argument<string>("file") { Description = "Members as CSV (columns in docs/intake.md) or JSON" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check everything and report what would change; store nothing" };
        var consortium = ConsortiumOption.Create("The consortium the members belong to, by name (default: the default consortium)");
        var command = StoreOptions.Command("import", "Import members: all rows or none, every bad row reported; upsert by registration number", out var store, file, dryRun, consortium);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var connection = await store.OpenAsync(parse, ct);
            var target = await ConsortiumOption.TargetAsync(parse, consortium, connection, ct);
            var result = await new ImportMembersHandler(connection, TimeProvider.System).HandleAsync(new ImportMembers(target, parse.GetValue(file)!, parse.GetValue(dryRun)), ct);
            if (store.Json(parse))
            {
                IntakeCli.WriteJson(new { total = result.Total, created = result.Created, updated = result.Updated, unchanged = result.Unchanged, dryRun = result.DryRun });
                return CliExit.Ok;
            }

            Console.Out.WriteLine(result.DryRun
                ? $"Dry run: {result.Total} members checked; would create {result.Created}, update {result.Updated}, leave {result.Unchanged} unchanged. Nothing stored."
                : $"Imported {result.Total} members: {result.Created} created, {result.Updated} updated, {result.Unchanged} unchanged.");
            return CliExit.Ok;
        }));
        return command;
    }

    private static Command List()
    {
        var limit = new Option<int>("--limit") { Description = "At most this many members", DefaultValueFactory = _ => int.MaxValue };
        var consortium = ConsortiumOption.Create("Only this consortium's members, by name (default: every consortium's)");
        var command = StoreOptions.Command("list", "Members by name", out var store, limit, consortium);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var connection = await store.OpenAsync(parse, ct);
            var list = await new MemberQueries(connection).ListAsync(await ConsortiumOption.FilterAsync(parse, consortium, connection, ct), 0, parse.GetValue(limit), ct);
            if (store.Json(parse))
            {
                IntakeCli.WriteJson(new { members = list });
                return CliExit.Ok;
            }

            // One entry per member, its name on a line of its own: six columns squeezed into 100 would cut every name.
            using var fitted = FittedWriter.Out;
            foreach (var m in list)
            {
                fitted.WriteLine($"{m.Name} ({m.RegistrationNumber}, {LegalForms.Label(m.LegalForm)})");
                fitted.WriteLine($"  {m.Email ?? "no email"}; areas {IntakeCli.Places(m.ServiceAreas)}; CPV {string.Join(" ", m.Cpv)}");
                if (m.Unreachable is not null) fitted.WriteLine("  cannot be reached: the mail server refused this address");
            }

            fitted.WriteLine(list.Count == 1 ? "1 member" : $"{list.Count} members");
            return CliExit.Ok;
        }));
        return command;
    }

    private static Command Show()
    {
        var key = new Argument<string>("registration") { Description = "Registration number (or id)" };
        var consortium = ConsortiumOption.Create("Look in this consortium, by name (a registration number in several consortia is otherwise the default consortium's)");
        var command = StoreOptions.Command("show", "One member's profile", out var store, key, consortium);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var connection = await store.OpenAsync(parse, ct);
            var wanted = parse.GetValue(key)!;
            var stored = await new MemberQueries(connection).FindAsync(wanted, await ConsortiumOption.FilterAsync(parse, consortium, connection, ct), ct)
                         ?? throw new BadInputException($"no member with registration number '{wanted}'");
            if (store.Json(parse))
            {
                IntakeCli.WriteJson(stored);
                return CliExit.Ok;
            }

            var m = stored.Member;
            var console = IntakeCli.Terminal();
            console.WriteLine($"{m.Name} ({LegalForms.Label(m.LegalForm)}, {m.RegistrationNumber}){(m.AssetLock ? ", asset-locked" : "")}");
            var refusals = await new Persistence.Contacts.ContactRefusalStore(connection).FindAsync(m.Contacts.Select(c => c.Email), ct);
            foreach (var contact in m.Contacts)
            {
                console.WriteLine($"  contact {contact.Name ?? "-"} <{contact.Email}> {contact.Phone ?? ""}");
                if (refusals.TryGetValue(contact.Email.Trim().ToLowerInvariant(), out var refusal))
                    console.WriteLine($"    cannot be reached: the mail server refused this address on {DisplayTime.Current.Date(refusal.RefusedAt)} ({refusal.Reason})");
            }

            console.WriteLine($"  CPV {string.Join(" ", m.Cpv)}");
            console.WriteLine($"  areas {IntakeCli.Places(m.ServiceAreas)}");
            foreach (var c in m.Certifications) console.WriteLine($"  certified {c.Name}{(c.Expires is { } e ? $" until {e:yyyy-MM-dd}" : "")}");
            console.WriteLine($"  staff {m.StaffFte?.ToString() ?? "-"} FTE; turnover {IntakeCli.Money(m.AnnualTurnover)}; largest contract {IntakeCli.Money(m.MaxContractValue)}");
            if (m.CapabilityStatement is not null) console.WriteLine($"  {m.CapabilityStatement}");
            return CliExit.Ok;
        }));
        return command;
    }

    private static Command Generate()
    {
        var count = new Option<int>("--count") { Description = "How many members", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same registry", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "File to write (.csv, or .json for JSON)", Required = true };
        var command = new Command("generate", "Write a realistic synthetic registry of Scottish social enterprises, for tests and benchmarks") { count, seed, output };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var n = parse.GetValue(count);
            if (n <= 0) throw new BadInputException($"--count: expected a positive number, found {n}");
            var path = parse.GetValue(output)!;
            var written = await MemberFileWriter.WriteAsync(new MemberGenerator(parse.GetValue(seed)).Generate(n), path, ct);
            Console.Out.WriteLine($"Wrote {written} members to {path}");
            return CliExit.Ok;
        }));
        return command;
    }
}
