using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TenderConsortium.Benchmarking.Mail;

/// <summary>aiosmtpd (Debian python3-aiosmtpd) with its Sink handler on a free loopback port, for the mail benchmark.</summary>
public sealed class LocalSmtpServer : IDisposable
{
    public const string Python = "/usr/bin/python3";
    private readonly Process _process;

    private LocalSmtpServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static async Task<LocalSmtpServer> StartAsync(CancellationToken ct = default)
    {
        if (!File.Exists(Python)) throw new InvalidOperationException($"{Python} not found: install python3-aiosmtpd (apt-get install python3-aiosmtpd)");
        var port = FreePort();
        var start = new ProcessStartInfo(Python, ["-m", "aiosmtpd", "-n", "-c", "aiosmtpd.handlers.Sink", "-l", $"127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("aiosmtpd did not start");
        var stderr = process.StandardError.ReadToEndAsync(ct);
        _ = process.StandardOutput.ReadToEndAsync(ct);
        var server = new LocalSmtpServer(process, port);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            if (process.HasExited)
                throw new InvalidOperationException($"aiosmtpd exited with {process.ExitCode}: {await stderr} (is python3-aiosmtpd installed?)");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port, ct);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(50, ct);
            }
        }

        server.Dispose();
        throw new InvalidOperationException("aiosmtpd did not listen within 15 s");
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
