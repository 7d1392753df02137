using System.CommandLine;
using TenderConsortium.Benchmarking.Allocation;
using TenderConsortium.Benchmarking.Intake;
using TenderConsortium.Benchmarking.Mail;
using TenderConsortium.Benchmarking.Matching;
using TenderConsortium.Benchmarking.Runtime;
using TenderConsortium.Cli.Infrastructure;

namespace TenderConsortium.Cli.Bench;

public static class BenchCommand
{
    public static Command Create()
    {
        var quick = new Option<bool>("--quick") { Description = "Scaled-down sizes that finish in under 3 minutes on 2 cores (100,000 members, 20 tenders × 20 members, …)" };
        var data = new Option<string>("--data") { Description = "Folder for the runtime and mail benchmarks' databases", DefaultValueFactory = _ => Path.Combine("data", "bench") };
        var command = new Command("bench", "Measure speed against a baseline taken in the same run; without a subcommand, run them all (one line per figure)")
        {
            quick, data,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(() =>
            BenchSuite.RunAsync(parse.GetValue(quick) ? BenchSuiteSizes.Quick : BenchSuiteSizes.Full, Path.GetFullPath(parse.GetValue(data)!), Console.Out, Console.Error, ct)));
        command.Subcommands.Add(Runtime());
        command.Subcommands.Add(Intake());
        command.Subcommands.Add(Allocation());
        command.Subcommands.Add(Matching());
        command.Subcommands.Add(BidPackBench.Create());
        command.Subcommands.Add(Mail());
        command.Subcommands.Add(EndToEndBench.Create());
        return command;
    }

    private static Command Mail()
    {
        var data = new Option<string>("--data") { Description = "Folder for the benchmark's database", DefaultValueFactory = _ => Path.Combine("data", "bench") };
        var messages = new Option<int>("--messages") { Description = "Messages dispatched from the outbox", DefaultValueFactory = _ => 2000 };
        var baseline = new Option<int>("--baseline-messages") { Description = "Messages a bare MailKit client sends one by one on one connection", DefaultValueFactory = _ => 2000 };
        var concurrency = new Option<int>("--concurrency") { Description = "Outbox:Concurrency for the run", DefaultValueFactory = _ => 4 };
        var command = new Command("mail", "Outbox dispatch to a local aiosmtpd (messages/s) versus a bare MailKit client sending the same messages on one connection") { data, messages, baseline, concurrency };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            if (parse.GetValue(messages) < 10 || parse.GetValue(baseline) < 10) throw new Core.Common.BadInputException("--messages, --baseline-messages: expected at least 10");
            if (parse.GetValue(concurrency) is < 1 or > 64) throw new Core.Common.BadInputException("--concurrency: expected 1-64");
            var result = await MailBenchmark.RunAsync(Path.GetFullPath(parse.GetValue(data)!), parse.GetValue(messages), parse.GetValue(baseline),
                parse.GetValue(concurrency), ct);
            Console.WriteLine(result);
            return CliExit.Ok;
        }));
        return command;
    }

    private static Command Matching()
    {
        var members = new Option<int>("--members") { Description = "Generated members in the registry", DefaultValueFactory = _ => 1_000_000 };
        var lots = new Option<int>("--lots") { Description = "Lots in the opportunity", DefaultValueFactory = _ => 10 };
        var queries = new Option<int>("--queries") { Description = "Timed matches through the index", DefaultValueFactory = _ => 200 };
        var command = new Command("matching", "p95 of matching one opportunity through the index versus a full scan") { members, lots, queries };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            if (parse.GetValue(members) < 1 || parse.GetValue(lots) < 1 || parse.GetValue(queries) < 1)
                throw new Core.Common.BadInputException("--members, --lots, --queries: expected at least 1");
            Console.WriteLine(await MatchingBenchmark.RunAsync(parse.GetValue(members), parse.GetValue(lots), parse.GetValue(queries), ct));
            return CliExit.Ok;
        }));
        return command;
    }

    private static Command Allocation()
    {
        var lots = new Option<int>("--lots") { Description = "Lots", DefaultValueFactory = _ => 200 };
        var offers = new Option<int>("--offers-per-lot") { Description = "Offers per lot (200 × 25 = 5,000 offers)", DefaultValueFactory = _ => 25 };
        var command = new Command("allocation", "Exact allocation against a greedy split of the same problem") { lots, offers };
        command.SetAction(parse => CommandRunner.RunAsync(() =>
        {
            if (parse.GetValue(lots) < 1 || parse.GetValue(offers) < 1) throw new Core.Common.BadInputException("--lots, --offers-per-lot: expected at least 1");
            Console.WriteLine(AllocationBenchmark.Run(parse.GetValue(lots), parse.GetValue(offers)));
            return Task.FromResult(CliExit.Ok);
        }));
        return command;
    }

    private static Command Intake()
    {
        var data = new Option<string>("--data") { Description = "Folder for the benchmark's files", DefaultValueFactory = _ => Path.Combine("data", "bench") };
        var releases = new Option<int>("--releases") { Description = "Releases in one generated package", DefaultValueFactory = _ => 10_000 };
        var members = new Option<int>("--members") { Description = "Generated members to import", DefaultValueFactory = _ => 100_000 };
        var command = new Command("intake", "Import of a large OCDS package and a large member file: time and peak memory") { data, releases, members };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            if (parse.GetValue(releases) < 1 || parse.GetValue(members) < 1) throw new Core.Common.BadInputException("--releases, --members: expected at least 1");
            var result = await IntakeBenchmark.RunAsync(Path.GetFullPath(parse.GetValue(data)!), parse.GetValue(releases), parse.GetValue(members), ct);
            Console.WriteLine(result);
            return CliExit.Ok;
        }));
        return command;
    }

    private static Command Runtime()
    {
        var data = new Option<string>("--data") { Description = "Folder for the benchmark's databases", DefaultValueFactory = _ => Path.Combine("data", "bench") };
        var count = new Option<int>("--resumes") { Description = "Resumes to time", DefaultValueFactory = _ => 2000 };
        var command = new Command("runtime", "Resumes per second versus raw SQLite transactions; p95 start-to-first-bookmark") { data, count };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var resumes = parse.GetValue(count);
            if (resumes < 10) throw new Core.Common.BadInputException("--resumes: expected at least 10");
            var result = await RuntimeBenchmark.RunAsync(Path.GetFullPath(parse.GetValue(data)!), resumes, ct: ct);
            Console.WriteLine(result);
            return CliExit.Ok;
        }));
        return command;
    }
}
