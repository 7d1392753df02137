using TenderConsortium.Core.Common;
using TenderConsortium.Workflows.Definitions;

namespace TenderConsortium.Cli.Infrastructure;

/// <summary>
/// Wraps a command's work so that users see a plain message and a meaningful exit code, never a stack trace.
/// </summary>
public static class CommandRunner
{
    public static async Task<int> RunAsync(Func<Task<int>> work)
    {
        try
        {
            return await work();
        }
        catch (BadInputException ex)
        {
            WriteProblems(ex.Problems);
            return CliExit.BadInput;
        }
        catch (DefinitionException ex)
        {
            foreach (var problem in ex.Errors) Console.Error.WriteLine($"error: {problem}");
            return CliExit.BadInput;
        }
        catch (Host.ConfigurationProblemException ex)
        {
            foreach (var problem in ex.Problems) Console.Error.WriteLine($"error: configuration: {problem}");
            return CliExit.BadInput;
        }
        catch (global::TenderConsortium.Workflows.WorkflowInputException ex)
        {
            WriteProblems(ex.Problems);
            return CliExit.BadInput;
        }
        catch (global::TenderConsortium.Workflows.WorkflowNotFoundException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return CliExit.BadInput;
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex) when (ex.SqliteErrorCode is 14 or 26)
        {
            // SQLITE_CANTOPEN, SQLITE_NOTADB: the data folder or --db names something that is not a usable database.
            Console.Error.WriteLine($"error: --data/--db: cannot open the database: {ex.Message}");
            return CliExit.BadInput;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("cancelled");
            return CliExit.Failure;
        }
        catch (Exception ex) when (Environment.GetEnvironmentVariable("TENDER_DEBUG") is null)
        {
            Console.Error.WriteLine($"error: {Clip(ex.Message)} (set TENDER_DEBUG=1 for details)");
            return CliExit.Failure;
        }
    }

    /// <summary>At most this many problems are listed; a file with hundreds of bad rows is fixed a screenful at a time.</summary>
    public const int MaxProblems = 20;

    /// <summary>A problem longer than this is cut: a message quoting its input must never echo a whole file back.</summary>
    public const int MaxProblemLength = 300;

    private static void WriteProblems(IReadOnlyList<string> problems)
    {
        foreach (var problem in problems.Take(MaxProblems)) Console.Error.WriteLine($"error: {Clip(problem)}");
        if (problems.Count > MaxProblems) Console.Error.WriteLine($"error: and {problems.Count - MaxProblems} more problems; fix these first");
    }

    /// <summary>The first line of <paramref name="text"/>, cut to <see cref="MaxProblemLength"/> characters.</summary>
    public static string Clip(string text)
    {
        var line = text.Split('\n', 2)[0].TrimEnd('\r');
        var cut = line.Length > MaxProblemLength ? line[..MaxProblemLength] + "… (cut short)" : line;
        return line.Length < text.TrimEnd().Length && cut == line ? cut + " …" : cut;
    }
}
