using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using TenderConsortium.Core.Allocation;
using TenderConsortium.Host.Telemetry;
using TenderConsortium.Workflows.Hosting;

namespace TenderConsortium.Web.Telemetry;

/// <summary>Turns OpenTelemetry on for the web host when <see cref="TelemetryOptions"/> says so: nothing is registered otherwise.</summary>
public static class TelemetrySetup
{
    /// <summary>The sources and meters the node writes: workflow resumes and timers, mail delivery, the allocation solver.</summary>
    public static readonly IReadOnlyList<string> Sources = [WorkflowTelemetry.Name, MeteredMailTransport.Name, AllocationTelemetry.Name];

    public static IServiceCollection AddTenderTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var options = TelemetryOptions.From(configuration);
        services.AddSingleton(options);
        if (!options.IsOn) return services;
        var otlp = !string.IsNullOrWhiteSpace(options.OtlpEndpoint);
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(options.ServiceName))
            .WithTracing(t =>
            {
                // Request spans are named by route template ("GET /d/{token}"); the raw path and query, which hold member and
                // sign-in tokens, are taken off every span before it is exported.
                t.AddSource([.. Sources]).AddAspNetCoreInstrumentation(o => o.EnrichWithHttpResponse = (span, _) =>
                {
                    span.SetTag("url.path", null);
                    span.SetTag("url.query", null);
                    span.SetTag("url.full", null);
                });
                if (otlp) t.AddOtlpExporter();
                else t.AddConsoleExporter();
            })
            .WithMetrics(m =>
            {
                m.AddMeter([.. Sources]).AddAspNetCoreInstrumentation();
                if (otlp) m.AddOtlpExporter();
                else m.AddConsoleExporter();
            });
        return services;
    }
}
