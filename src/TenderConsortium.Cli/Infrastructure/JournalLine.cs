using TenderConsortium.Workflows;

namespace TenderConsortium.Cli.Infrastructure;

public static class JournalLine
{
    public static string Format(JournalEntry j) =>
        $"{j.At:HH:mm:ss.fff}  {j.Kind,-18} {j.ActivityId ?? "",-18} {j.Detail}{(j.Actor is null ? "" : $"  [by {j.Actor}]")}";
}
