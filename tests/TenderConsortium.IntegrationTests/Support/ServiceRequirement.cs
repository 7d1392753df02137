namespace TenderConsortium.IntegrationTests.Support;

/// <summary>
/// A test that needs an outside service (PostgreSQL, SMTP, Chromium…) is skipped with the reason when it is
/// missing on a developer's machine, but fails under CI, where .ci/run must have installed it.
/// </summary>
public static class ServiceRequirement
{
    public static bool UnderCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static void Missing(string service, string reason)
    {
        var message = $"{service} is not available: {reason}";
        if (UnderCi) Assert.Fail(message + " (CI must provide it; see .ci/run)");
        Assert.Ignore(message);
    }
}
