using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace TenderConsortium.IntegrationTests.Support;

/// <summary>
/// A private PostgreSQL cluster for the test run: TENDER_TEST_POSTGRES if set, otherwise initdb + pg_ctl from the
/// Debian package into a temporary folder on a free loopback port, stopped at the end of the run.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static PostgresServer? _shared;
    private readonly string? _folder;
    private readonly string? _binaries;
    private string? _options;

    private PostgresServer(string adminConnectionString, string? folder, string? binaries)
    {
        AdminConnectionString = adminConnectionString;
        _folder = folder;
        _binaries = binaries;
    }

    public string AdminConnectionString { get; }

    /// <summary>The run's server, started on first use; null (with the reason) when it cannot be had.</summary>
    public static async Task<(PostgresServer? Server, string? Problem)> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_shared is not null) return (_shared, null);
            var configured = Environment.GetEnvironmentVariable("TENDER_TEST_POSTGRES");
            if (!string.IsNullOrWhiteSpace(configured))
            {
                _shared = new PostgresServer(configured, null, null);
                return (_shared, null);
            }

            _shared = await StartClusterAsync();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => _shared?.Stop();
            return (_shared, null);
        }
        catch (Exception ex)
        {
            return (null, ex.Message);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// A cluster of the test's own (not the run's shared one), for a test that stops and starts the server; null with
    /// the reason when PostgreSQL's binaries are missing or TENDER_TEST_POSTGRES points at a server it cannot stop.
    /// </summary>
    public static async Task<(PostgresServer? Server, string? Problem)> StartPrivateAsync()
    {
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("TENDER_TEST_POSTGRES")) && Binaries() is null)
            return (null, "a test that stops the server needs its own cluster: install postgresql (initdb)");
        try
        {
            return (await StartClusterAsync(), null);
        }
        catch (Exception ex)
        {
            return (null, ex.Message);
        }
    }

    /// <summary>Stops the server as a crash or a network cut would look to clients (fast shutdown, connections dropped).</summary>
    public Task StopServerAsync() =>
        RunAsync(Path.Combine(_binaries!, "pg_ctl"), ["-D", Path.Combine(_folder!, "db"), "-m", "fast", "-w", "stop"], Environment.UserName == "root");

    public Task StartServerAsync() =>
        RunAsync(Path.Combine(_binaries!, "pg_ctl"),
            ["-D", Path.Combine(_folder!, "db"), "-l", Path.Combine(_folder!, "log.txt"), "-w", "-t", "60", "-o", _options!, "start"], Environment.UserName == "root");

    private static string? Binaries() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderDescending().FirstOrDefault()
            : null;

    private static async Task<PostgresServer> StartClusterAsync()
    {
        var binaries = Binaries()
                       ?? throw new InvalidOperationException("no initdb under /usr/lib/postgresql (apt-get install postgresql) and TENDER_TEST_POSTGRES is not set");
        var folder = Path.Combine(Path.GetTempPath(), $"tender-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(folder);
        var port = FreePort();
        var asRoot = Environment.UserName == "root";
        if (asRoot) await RunAsync("chown", ["-R", "postgres:postgres", folder]);
        await RunAsync(Path.Combine(binaries, "initdb"), ["-D", Path.Combine(folder, "db"), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"], asRoot);
        var options = $"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c max_connections=200 -c fsync=off";
        await RunAsync(Path.Combine(binaries, "pg_ctl"),
            ["-D", Path.Combine(folder, "db"), "-l", Path.Combine(folder, "log.txt"), "-w", "-t", "60", "-o", options, "start"], asRoot);
        return new PostgresServer($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=40", folder, binaries) { _options = options };
    }

    /// <summary>A fresh, empty database for one test.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE {name}";
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ToString();
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    private void Stop()
    {
        if (_folder is null || _binaries is null || !Directory.Exists(_folder)) return;
        try
        {
            RunAsync(Path.Combine(_binaries, "pg_ctl"), ["-D", Path.Combine(_folder, "db"), "-m", "immediate", "stop"], Environment.UserName == "root").GetAwaiter().GetResult();
            Directory.Delete(_folder, recursive: true);
        }
        catch (Exception)
        {
            // Best effort at exit: a leftover temp folder is harmless.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, string[] args, bool asPostgres = false)
    {
        var start = asPostgres
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", file, .. args])
            : new ProcessStartInfo(file, args);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed ({process.ExitCode}): {await stderr}{await stdout}");
    }
}
