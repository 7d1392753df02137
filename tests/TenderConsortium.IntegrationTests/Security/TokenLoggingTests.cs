using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TenderConsortium.IntegrationTests.Support;
using TenderConsortium.Persistence.Accounts;

namespace TenderConsortium.IntegrationTests.Security;

/// <summary>
/// Sign-in tokens and member links are credentials: whatever the node logs, at any level it is configured to, never
/// holds one. Every log line of a node at Trace is captured while people sign in, open member links and guess.
/// </summary>
public sealed class TokenLoggingTests
{
    [Test]
    public async Task No_token_reaches_the_log_even_at_trace()
    {
        await using var tenants = await TenantsNode.StartAsync(new Dictionary<string, string>
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Trace", // an operator asking for request logs still gets no paths
        });
        var captured = new CapturingProvider();
        tenants.Node.App.Services.GetRequiredService<ILoggerFactory>().AddProvider(captured);

        await ApiAuth.Accounts(tenants.Node).AddAsync("second@alpha.example", AccountRoles.Lead, "Alpha");
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = tenants.Node.Http.BaseAddress };
        var signInLink = await ApiAuth.RequestLinkAsync(tenants.Node, tenants.Anonymous, "second@alpha.example");
        var signInToken = Uri.UnescapeDataString(signInLink[(signInLink.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
        await ApiAuth.RedeemLinkAsync(client, signInLink);
        await ApiAuth.RedeemLinkAsync(client, signInLink); // used twice: refused, and the refusal is not logged with the token
        await tenants.Anonymous.GetAsync($"/d/{tenants.MemberToken}");
        await tenants.Anonymous.GetAsync($"/api/invitations/{tenants.MemberToken}");
        await tenants.Anonymous.GetAsync($"/api/invitations/{tenants.MemberToken}x");
        await client.GetAsync("/api/me");

        Assert.Multiple(() =>
        {
            Assert.That(captured.Lines, Is.Not.Empty, "the node logged something while it worked");
            foreach (var secret in new[] { signInToken, tenants.MemberToken, tenants.LeadAKey })
                Assert.That(captured.Lines.Where(l => l.Contains(secret, StringComparison.Ordinal)), Is.Empty);
        });
    }

    private sealed class CapturingProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => _lines.ToList();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

        public void Dispose() { }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull
            {
                lines.Enqueue($"scope {category}: {state}");
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }
}
