using TenderConsortium.Benchmarking.Allocation;
using TenderConsortium.Benchmarking.BidPacks;
using TenderConsortium.Benchmarking.EndToEnd;
using TenderConsortium.Benchmarking.Intake;
using TenderConsortium.Benchmarking.Mail;
using TenderConsortium.Benchmarking.Matching;
using TenderConsortium.Benchmarking.Runtime;

// Same-run ratios rather than absolute timings: the baseline is measured on this machine, now.
var folder = Path.Combine(Path.GetTempPath(), "tender-bench-" + Environment.ProcessId);
try
{
    var which = args.FirstOrDefault() ?? "runtime";
    switch (which)
    {
        case "runtime":
            Console.WriteLine(await RuntimeBenchmark.RunAsync(folder));
            break;
        case "intake":
            Console.WriteLine(await IntakeBenchmark.RunAsync(folder));
            break;
        case "allocation":
            Console.WriteLine(AllocationBenchmark.Run());
            break;
        case "matching":
            Console.WriteLine(await MatchingBenchmark.RunAsync());
            break;
        case "mail":
            Console.WriteLine(await MailBenchmark.RunAsync(folder));
            break;
        case "bidpack":
            Console.WriteLine(BidPackBenchmark.Run());
            break;
        case "e2e":
            Console.WriteLine(await EndToEndBenchmark.RunAsync(new EndToEndOptions { Folder = Path.Combine(folder, "e2e") }));
            break;
        default:
            Console.Error.WriteLine($"error: unknown benchmark '{which}'; expected: runtime, intake, allocation, matching, bidpack, mail, e2e");
            return 2;
    }

    return 0;
}
finally
{
    try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
}
