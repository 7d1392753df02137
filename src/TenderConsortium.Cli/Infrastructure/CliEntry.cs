using System.CommandLine;

namespace TenderConsortium.Cli.Infrastructure;

/// <summary>
/// Parses the command line and runs it. A misspelt command or option is answered with the nearest one the command
/// has ("'shw' is not a command of 'tender bid'. Did you mean 'show'?") and exit 2, never with a list of errors
/// about what came after it.
/// </summary>
public static class CliEntry
{
    public static async Task<int> RunAsync(RootCommand root, string[] args)
    {
        var parsed = root.Parse(args);
        if (parsed.Errors.Count == 0) return await parsed.InvokeAsync();
        if (parsed.UnmatchedTokens.Count > 0 && parsed.CommandResult.Command.TreatUnmatchedTokensAsErrors)
            Console.Error.WriteLine($"error: {DidYouMean.For(parsed.CommandResult.Command, CommandPath(parsed), parsed.UnmatchedTokens[0])}");
        else
            foreach (var error in parsed.Errors) Console.Error.WriteLine($"error: {error.Message}");
        Console.Error.WriteLine($"Run '{CommandPath(parsed)} --help' for usage.");
        return CliExit.BadInput;
    }

    /// <summary>"tender bid": the commands the person typed, from the root down to the one that was recognised.</summary>
    private static string CommandPath(ParseResult parsed)
    {
        var names = new List<string>();
        for (var result = parsed.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
            names.Add(result.Command is RootCommand ? "tender" : result.Command.Name);
        names.Reverse();
        return string.Join(' ', names);
    }
}
