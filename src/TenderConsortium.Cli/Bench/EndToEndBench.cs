using System.CommandLine;
using TenderConsortium.Benchmarking.EndToEnd;
using TenderConsortium.Cli.Infrastructure;

namespace TenderConsortium.Cli.Bench;

/// <summary>
/// "tender bench e2e": N tenders × M members concurrently through lead-partner-bid on one in-process node (fresh SQLite
/// data folder in a temporary directory), against a few of the same tenders run one after another.
/// </summary>
public static class EndToEndBench
{
    public static Command Create()
    {
        var tenders = new Option<int>("--tenders") { Description = "Tenders run concurrently", DefaultValueFactory = _ => 100 };
        var members = new Option<int>("--members") { Description = "Members per tender (each declares and accepts)", DefaultValueFactory = _ => 20 };
        var baseline = new Option<int>("--baseline-tenders") { Description = "Tenders run one after another for the baseline (0: none)", DefaultValueFactory = _ => 3 };
        var command = new Command("e2e", "Whole bids, notice to sub-contracts, concurrently on one node: tenders per minute and peak memory versus one at a time")
        {
            tenders, members, baseline,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            if (parse.GetValue(tenders) < 1 || parse.GetValue(members) < 1) throw new Core.Common.BadInputException("--tenders, --members: expected at least 1");
            if (parse.GetValue(baseline) < 0) throw new Core.Common.BadInputException("--baseline-tenders: expected 0 or more");
            if (parse.GetValue(tenders) + parse.GetValue(baseline) + 1 > 10_000) throw new Core.Common.BadInputException("--tenders, --baseline-tenders: expected at most 10,000 tenders in all");
            var result = await EndToEndBenchmark.RunAsync(new EndToEndOptions
            {
                Tenders = parse.GetValue(tenders),
                MembersPerTender = parse.GetValue(members),
                BaselineTenders = parse.GetValue(baseline),
            }, ct);
            foreach (var line in BenchSuite.EndToEndLines(result)) Console.WriteLine(line);
            Console.WriteLine(result);
            return CliExit.Ok;
        }));
        return command;
    }
}
