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

    /// <param name="demo">Let serve seed the demo bid into an empty folder (it is given --no-demo otherwise).</param>
    /// <param name="listen">The host to listen on; the client always uses the loopback address.</param>
    public static async Task<ServeProcess> StartAsync(string dataFolder, bool demo = false, string listen = "127.0.0.1", IDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        string[] args = ["serve", "--data", dataFolder, "--urls", $"http://{listen}:{port}", "--workflows", TenderProcess.WorkflowsFolder];
        var process = TenderProcess.Start(demo ? args : [.. args, "--no-demo"], environment);
        var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
        var deadline = DateTime.UtcNow.AddSeconds(120); // the demo's seeding runs a bid before serving
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
                throw new TimeoutException($"tender serve did not answer /health within two minutes:\n{process.Output}");
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
