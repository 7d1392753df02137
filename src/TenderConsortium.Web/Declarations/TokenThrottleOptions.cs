namespace TenderConsortium.Web.Declarations;

/// <summary>Configuration section "TokenThrottle": how many bad member links one client may try before it is slowed.</summary>
public sealed class TokenThrottleOptions
{
    public const string Section = "TokenThrottle";

    /// <summary>Bad links allowed per client within <see cref="Window"/> before it must wait.</summary>
    public int MaxFailures { get; set; } = 5;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The wait after the first failure over the limit; it doubles with each further one, up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(15);
}
