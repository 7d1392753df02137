using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using MimeKit;
using TenderConsortium.IntegrationTests.Support;

namespace TenderConsortium.IntegrationTests.Mail.Support;

/// <summary>
/// A real SMTP server for a test: smtp_server.py (aiosmtpd from the Debian python3-aiosmtpd package) on a free
/// loopback port, writing what it accepts to a spool folder. It can be stopped and started again on the same port,
/// reject some addresses (--reject), answer 450 first (--tempfail), drop connections during DATA (--drop-data), speak
/// TLS (--tls starttls|implicit with a certificate) and require a sign-in (--user, --xoauth2). <see cref="Configuration"/> gives a node's
/// settings for it, so any test (up to the full bid flow) can send through it.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    public const string Python = "/usr/bin/python3";
    private readonly string[] _behaviour;
    private Process? _process;

    private SmtpTestServer(int port, string spool, string[] behaviour)
    {
        Port = port;
        Spool = spool;
        _behaviour = behaviour;
    }

    public int Port { get; }
    public string Spool { get; }

    public static string Script => RepoFiles.Path("tests", "TenderConsortium.IntegrationTests", "Mail", "Support", "smtp_server.py");

    /// <summary>Settings for a node that sends through this server (standard configuration keys).</summary>
    public IReadOnlyDictionary<string, string?> Configuration => new Dictionary<string, string?>
    {
        ["Mail:Transport"] = "smtp",
        ["Mail:Smtp:Host"] = "127.0.0.1",
        ["Mail:Smtp:Port"] = Port.ToString(),
        ["Mail:Smtp:TimeoutSeconds"] = "10",
    };

    /// <summary>The same settings as environment variables, for a `tender` child process.</summary>
    public IDictionary<string, string> Environment =>
        Configuration.ToDictionary(kv => kv.Key.Replace(":", "__"), kv => kv.Value!);

    /// <summary>Starts a server, or skips the test (fails it under CI) when python3-aiosmtpd is missing.</summary>
    public static async Task<SmtpTestServer> StartAsync(params string[] behaviour)
    {
        var problem = !File.Exists(Python)
            ? $"{Python} not found"
            : await Probe();
        if (problem is not null) ServiceRequirement.Missing("SMTP server (python3-aiosmtpd)", problem + "; apt-get install python3-aiosmtpd");
        var spool = Path.Combine(Path.GetTempPath(), "tender-smtp", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(spool);
        var server = new SmtpTestServer(FreePort(), spool, behaviour);
        await server.StartAgainAsync();
        return server;
    }

    private static async Task<string?> Probe()
    {
        using var process = Process.Start(new ProcessStartInfo(Python, ["-c", "import aiosmtpd"]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? null : $"{Python} cannot import aiosmtpd: {error.Trim()}";
    }

    /// <summary>(Re)starts the server on its port, keeping the spool and the behaviour.</summary>
    public async Task StartAgainAsync()
    {
        if (_process is { HasExited: false }) return;
        var start = new ProcessStartInfo(Python, [Script, "--port", Port.ToString(), "--spool", Spool, .. _behaviour])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        _process = process;
        var ready = process.StandardOutput.ReadLineAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var finished = await Task.WhenAny(ready, Task.Delay(TimeSpan.FromSeconds(20)));
        if (finished != ready || await ready != "READY")
        {
            await StopAsync();
            throw new InvalidOperationException($"smtp_server.py did not start on port {Port}: {(process.HasExited ? await stderr : "no READY within 20 s")}");
        }
    }

    public async Task StopAsync()
    {
        if (_process is null) return;
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        _process = null;
        await WaitUntil(() => !Listening(), TimeSpan.FromSeconds(10), "the port to close");
    }

    /// <summary>What the server accepted so far, in order.</summary>
    public IReadOnlyList<ReceivedMail> Received()
    {
        var list = new List<ReceivedMail>();
        foreach (var eml in Directory.GetFiles(Spool, "*.eml").Order())
        {
            var envelope = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(eml, ".json"))).RootElement;
            list.Add(new ReceivedMail(
                envelope.GetProperty("mail_from").GetString()!,
                envelope.GetProperty("rcpt_tos").EnumerateArray().Select(e => e.GetString()!).ToList(),
                envelope.GetProperty("connection").GetInt32(),
                MimeMessage.Load(eml)));
        }

        return list;
    }

    /// <summary>Waits (polling, with a timeout) until the server has accepted at least <paramref name="count"/> messages.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        await WaitUntil(() => Directory.GetFiles(Spool, "*.json").Length >= count, timeout ?? TimeSpan.FromSeconds(30), $"{count} message(s) at the SMTP server");
        return Received();
    }

    public static async Task WaitUntil(Func<bool> condition, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > timeout) Assert.Fail($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}");
            await Task.Delay(50);
        }
    }

    private bool Listening()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try { Directory.Delete(Spool, recursive: true); } catch (IOException) { }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>One message as the server received it: the envelope and the message as MimeKit reads it.</summary>
public sealed record ReceivedMail(string MailFrom, IReadOnlyList<string> Recipients, int Connection, MimeMessage Message);
