using System.CommandLine;
using TenderConsortium.Benchmarking.BidPacks;
using TenderConsortium.Cli.Infrastructure;

namespace TenderConsortium.Cli.Bench;

/// <summary>"tender bench bidpack": one pack of 50 lots × 100 members against zipping the same parts' XML.</summary>
public static class BidPackBench
{
    public static Command Create()
    {
        var lots = new Option<int>("--lots") { Description = "Lots in the generated opportunity", DefaultValueFactory = _ => 50 };
        var members = new Option<int>("--members") { Description = "Generated members", DefaultValueFactory = _ => 100 };
        var command = new Command("bidpack", "Assemble a bid pack (docx, xlsx, checks, sub-contracts) versus writing the same parts' XML into zips") { lots, members };
        command.SetAction(parse => CommandRunner.RunAsync(() =>
        {
            if (parse.GetValue(lots) < 1 || parse.GetValue(members) < 1) throw new Core.Common.BadInputException("--lots, --members: expected at least 1");
            Console.WriteLine(BidPackBenchmark.Run(parse.GetValue(lots), parse.GetValue(members)));
            return Task.FromResult(CliExit.Ok);
        }));
        return command;
    }
}
