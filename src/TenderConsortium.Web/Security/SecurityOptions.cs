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

    /// <summary>
    /// The longest a session lasts however active it is: a working day and a bit. Then the person signs in again, so a
    /// stolen cookie that is kept busy still dies.
    /// </summary>
    public TimeSpan SessionAbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);
}
