using System.Net;
using System.Net.Sockets;

namespace TenderConsortium.IntegrationTests.Support;

/// <summary>`tender serve` in a child process on a free loopback port, with a client pointed at it once /health answers.</summary>
public sealed class ServeProcess : IDisposable
{
    private ServeProcess(TenderProcess process, HttpClient http)
    {
        Process = process;
        Http = http;
    }

    public TenderProcess Process { get; }
    public HttpClient Http { get; }

    public static async Task<ServeProcess> StartAsync(string dataFolder, IDictionary<string, string>? environment = null, params string[] extra)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var process = TenderProcess.Start(["serve", "--data", dataFolder, "--urls", url, "--no-demo", "--workflows", TenderProcess.WorkflowsFolder, .. extra], environment);
        var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                if ((await http.GetAsync("/health")).IsSuccessStatusCode) return new ServeProcess(process, http);
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            if (DateTime.UtcNow > deadline)
            {
                process.Dispose();
                throw new TimeoutException($"tender serve did not answer /health within a minute:\n{process.Output}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>A port nobody listens on right now (the OS picks it; tests never use fixed ports).</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose()
    {
        Http.Dispose();
        Process.Dispose();
    }
}
