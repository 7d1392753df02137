using System.Diagnostics;
using System.Text;

namespace TenderConsortium.IntegrationTests.Support;

/// <summary>Runs the real `tender` program in a child process, reading its output line by line.</summary>
public sealed class TenderProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<string> _paused = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TenderProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The operating system's id of the process (to read its memory from /proc).</summary>
    public int Id => _process.Id;

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "tender.dll");
    public static string WorkflowsFolder => Path.Combine(AppContext.BaseDirectory, "workflows");

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    public static TenderProcess Start(IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet", ["exec", Dll, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment.Remove("TENDER_PAUSE_AT");
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        return new TenderProcess(Process.Start(start)!);
    }

    /// <summary>Runs to completion and returns the exit code (the process is killed after the timeout).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IEnumerable<string> args, IDictionary<string, string>? environment = null, int timeoutSeconds = 120)
    {
        using var process = Start(args, environment);
        var exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(timeoutSeconds));
        return (exit, process.Output);
    }

    /// <summary>Waits until the process reports it is paused at a crash point, then kills it with SIGKILL.</summary>
    public async Task KillWhenPausedAsync(TimeSpan timeout)
    {
        var finished = await Task.WhenAny(_paused.Task, _process.WaitForExitAsync(), Task.Delay(timeout));
        if (finished != _paused.Task)
        {
            Kill();
            throw new AssertionException($"The process never reached its crash point. Output:\n{Output}");
        }

        Kill();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        var exited = await Task.WhenAny(_process.WaitForExitAsync(), Task.Delay(timeout));
        if (exited is Task<Task> || !_process.HasExited)
        {
            Kill();
            throw new AssertionException($"tender did not exit within {timeout}. Output:\n{Output}");
        }

        _process.WaitForExit(); // drain the output readers
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no clean-up code runs, as when a machine dies.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true); // SIGKILL on Linux: no clean-up code runs
        _process.WaitForExit();
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        if (line.StartsWith("PAUSED ", StringComparison.Ordinal)) _paused.TrySetResult(line);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
