namespace TenderConsortium.Web.Security;

/// <summary>Configuration section "Security".</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Sign-in requests and link uses allowed per client address per <see cref="SignInWindow"/>.</summary>
    public int SignInPermitLimit { get; set; } = 10;

    public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a browser stays signed in without using the site (sliding).</summary>
    public TimeSpan CookieLifetime { get; set; } = TimeSpan.FromHours(8);
}
