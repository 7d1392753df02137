using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using TenderConsortium.IntegrationTests.Support;
using TenderConsortium.Workflows;

namespace TenderConsortium.IntegrationTests.Hosting;

/// <summary>
/// OpenTelemetry is off by default and, given OTEL_EXPORTER_OTLP_ENDPOINT, sends traces and metrics by OTLP: here to a
/// small collector on a free loopback port that keeps what it receives. Request spans are named by route, and the raw
/// path (which holds member tokens) never leaves the node.
/// </summary>
public sealed class TelemetryTests
{
    [Test]
    public async Task Off_by_default()
    {
        await using var node = await WebNode.StartAsync();
        Assert.That(node.App.Services.GetService<TracerProvider>(), Is.Null);
        Assert.That(node.App.Services.GetService<MeterProvider>(), Is.Null);
    }

    [Test]
    public async Task With_an_otlp_endpoint_resumes_requests_and_mail_reach_the_collector_without_tokens()
    {
        var received = new ConcurrentBag<(string Path, byte[] Body)>();
        var collectorBuilder = WebApplication.CreateSlimBuilder();
        collectorBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var collector = collectorBuilder.Build();
        collector.MapPost("/v1/{signal}", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            received.Add((http.Request.Path, body.ToArray()));
            return Results.Ok();
        });
        await collector.StartAsync();
        var endpoint = collector.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        await using var node = await WebNode.StartAsync(new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });
        var token = "SecretMemberToken" + new string('x', 30);
        await node.Http.GetAsync($"/d/{token}");
        await node.Http.GetAsync("/health/live");
        await node.App.Services.GetRequiredService<WorkflowRuntime>().ResumeAsync(Guid.NewGuid(), "declaration", "m1", null);
        Assert.That(node.App.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000), Is.True);
        Assert.That(node.App.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000), Is.True);

        var traces = Text(received.Where(r => r.Path == "/v1/traces"));
        var metrics = Text(received.Where(r => r.Path == "/v1/metrics"));
        Assert.Multiple(() =>
        {
            Assert.That(traces, Does.Contain("workflow resume").And.Contain("GET /d/{token}").And.Contain("tender"), "spans named by route, with the service name");
            Assert.That(metrics, Does.Contain("tender.workflow.resumes").And.Contain("http.server.request.duration"));
            Assert.That(traces + metrics, Does.Not.Contain("SecretMemberToken"), "no token leaves the node");
        });
    }

    /// <summary>OTLP is protobuf: names and values are in it as UTF-8 bytes.</summary>
    private static string Text(IEnumerable<(string Path, byte[] Body)> bodies) => string.Join("\n", bodies.Select(b => Encoding.UTF8.GetString(b.Body)));
}
