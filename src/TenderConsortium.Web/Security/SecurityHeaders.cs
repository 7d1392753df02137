using Microsoft.AspNetCore.Http;

namespace TenderConsortium.Web.Security;

/// <summary>
/// Headers on every response: a Content-Security-Policy with no inline script or style, nosniff, no referrer (member
/// and sign-in links carry tokens in the URL), no framing, a closed Permissions-Policy, HSTS over HTTPS, and no caching
/// of anything that answers to a token or an account.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";

    public const string PermissionsPolicy =
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()";

    public static Task ApplyAsync(HttpContext http, Func<Task> next)
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = PermissionsPolicy;
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            if (http.Request.IsHttps) headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            if (IsPrivate(http.Request.Path) && !headers.ContainsKey("Cache-Control"))
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }

            return Task.CompletedTask;
        });
        return next();
    }

    /// <summary>Answers that must not be cached: the API, member links, sign-in, and every page of an account.</summary>
    private static bool IsPrivate(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/d") || path.StartsWithSegments("/sign-in") || path.StartsWithSegments("/mail")
        || path.StartsWithSegments("/lead") || path.StartsWithSegments("/adviser");
}
