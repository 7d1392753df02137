using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using TenderConsortium.Host;

namespace TenderConsortium.Web.Security;

/// <summary>
/// Configuration section "Proxy": the load balancers and reverse proxies in front of the node. Only a request that
/// arrives from one of them has its X-Forwarded-For and X-Forwarded-Proto believed; with none configured (the
/// default) the headers are ignored, so no client can choose the address its throttles are keyed on.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "Proxy";

    /// <summary>Addresses of the proxies, e.g. "10.0.0.5" (an entry may list several, separated by commas).</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks the proxies are in, e.g. "10.0.0.0/8" for a cloud load balancer whose addresses change.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a row to look back through (a CDN in front of a load balancer is 2).</summary>
    public int ForwardLimit { get; set; } = 1;

    public bool Any => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

    /// <summary>The middleware's options: these proxies and networks only (ASP.NET's default trusts loopback), For and Proto.</summary>
    public ForwardedHeadersOptions ToForwardedHeaders()
    {
        var problems = new List<string>();
        var options = new ForwardedHeadersOptions
        {
            // Not X-Forwarded-Host: links in emails come from Mail:PublicBaseUrl, and a forwarded host is not needed.
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            ForwardLimit = ForwardLimit,
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in Entries(KnownProxies))
        {
            if (IPAddress.TryParse(entry, out var address)) options.KnownProxies.Add(address);
            else problems.Add($"{Section}:KnownProxies: '{entry}' is not an IP address such as 10.0.0.5");
        }

        foreach (var entry in Entries(KnownNetworks))
        {
            if (System.Net.IPNetwork.TryParse(entry, out var network)) options.KnownIPNetworks.Add(network);
            else problems.Add($"{Section}:KnownNetworks: '{entry}' is not a network such as 10.0.0.0/8");
        }

        if (ForwardLimit is < 1 or > 10) problems.Add($"{Section}:ForwardLimit: expected 1 to 10 proxies in a row, got {ForwardLimit}");
        if (problems.Count > 0) throw new ConfigurationProblemException(problems);
        return options;
    }

    private static IEnumerable<string> Entries(IEnumerable<string> values) =>
        values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
