using Microsoft.Extensions.Configuration;

namespace TenderConsortium.Web.Telemetry;

/// <summary>
/// OpenTelemetry for the node (configuration section <c>Telemetry</c>): off unless <see cref="Enabled"/> or the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. With an endpoint, traces and metrics go there by OTLP (with the standard
/// <c>OTEL_EXPORTER_OTLP_*</c> settings); without one, to the console.
/// </summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public bool Enabled { get; set; }

    /// <summary>The service name every span and metric carries (the standard <c>OTEL_SERVICE_NAME</c> wins).</summary>
    public string ServiceName { get; set; } = "tender";

    public string? OtlpEndpoint { get; set; }

    public bool IsOn => Enabled || !string.IsNullOrWhiteSpace(OtlpEndpoint);

    public static TelemetryOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        options.OtlpEndpoint = configuration[OtlpEndpointKey];
        if (configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name) options.ServiceName = name;
        return options;
    }
}
