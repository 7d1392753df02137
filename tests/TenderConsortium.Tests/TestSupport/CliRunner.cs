using System.CommandLine;

namespace TenderConsortium.Tests.TestSupport;

/// <summary>Runs `tender …` in-process with the given commands, capturing stdout and stderr.</summary>
public static class CliRunner
{
    public static async Task<CliResult> RunAsync(Command command, params string[] args)
    {
        var root = new RootCommand("tender (test)") { command };
        var (oldOut, oldError) = (Console.Out, Console.Error);
        var (output, error) = (new StringWriter(), new StringWriter());
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var exit = await root.Parse(args).InvokeAsync();
            return new CliResult(exit, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }
}

public sealed record CliResult(int ExitCode, string Out, string Error);
