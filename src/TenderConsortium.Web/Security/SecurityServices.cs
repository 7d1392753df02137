using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TenderConsortium.Persistence;
using TenderConsortium.Persistence.Accounts;
using TenderConsortium.Host;

namespace TenderConsortium.Web.Security;

/// <summary>
/// Access control for the web host: the cookie (browsers, after a sign-in link) and API keys (leads' scripts) behind one
/// default scheme, the Lead/Adviser policies, antiforgery, rate limiting of sign-in, problem details, and the middleware
/// order (headers → routing → limits → cross-site guard → authentication → authorization → antiforgery → rate limiter).
/// </summary>
public static class SecurityServices
{
    public static IServiceCollection AddTenderSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        services.AddSingleton(options);
        // Read and checked now, so a bad proxy address stops the node at start with the setting named.
        var proxies = configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>() ?? new ProxyOptions();
        services.AddSingleton(proxies);
        if (proxies.Any) services.AddSingleton(proxies.ToForwardedHeaders());
        services.AddSingleton(sp => new AccountStore(sp.GetRequiredService<TenderContexts>(), sp.GetRequiredService<TimeProvider>()));
        services.AddProblemDetails();
        // The keys that seal cookies and antiforgery tokens live in the data folder: every node behind the balancer
        // shares that folder, so a cookie set by one node is read by the others, and a backup of the folder keeps
        // people signed in after a restore. Owner-only, like the rest of the folder (DataFolderAccess).
        services.AddDataProtection().SetApplicationName("TenderConsortium");
        services.AddOptions<KeyManagementOptions>().Configure<NodeSettings, ILoggerFactory>((o, node, logs) =>
            o.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(node.DataFolder, "keys", "data-protection")), logs));

        services.AddAuthentication(TenderAuth.Scheme)
            .AddPolicyScheme(TenderAuth.Scheme, "Cookie or API key", o =>
                o.ForwardDefaultSelector = http => ApiKeyAuthenticationHandler.CarriesKey(http.Request) ? TenderAuth.ApiKeyScheme : TenderAuth.CookieScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(TenderAuth.ApiKeyScheme, _ => { })
            .AddCookie(TenderAuth.CookieScheme, o =>
            {
                o.Cookie.Name = TenderAuth.CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.IsEssential = true;
                o.LoginPath = TenderAuth.SignInPath;
                o.ExpireTimeSpan = options.CookieLifetime;
                o.SlidingExpiration = true;
                o.Events = new CookieAuthenticationEvents
                {
                    OnSigningIn = CookieSessions.StartAsync,
                    OnValidatePrincipal = CookieSessions.ValidateAsync,
                    OnSigningOut = CookieSessions.EndAsync,
                    OnRedirectToLogin = ctx => Problems.IsApi(ctx.Request)
                        ? Problems.WriteAsync(ctx.HttpContext, StatusCodes.Status401Unauthorized, "Authentication required",
                            "Sign in, or send a lead's API key as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'.")
                        : Redirect(ctx),
                    // A person's browser on another role's page gets a plain page naming their own; API clients get the problem.
                    OnRedirectToAccessDenied = ctx => Problems.IsApi(ctx.Request)
                        ? Problems.WriteAsync(ctx.HttpContext, StatusCodes.Status403Forbidden, "Forbidden", "Your role does not allow this.")
                        : Pages.Shared.AccessDeniedPage.WriteAsync(ctx.HttpContext),
                    OnRedirectToLogout = ctx => Redirect(ctx),
                    OnRedirectToReturnUrl = ctx => Redirect(ctx),
                };
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(TenderAuth.Lead, p => p.RequireAuthenticatedUser().RequireRole(AccountRoles.Lead))
            .AddPolicy(TenderAuth.Adviser, p => p.RequireAuthenticatedUser().RequireRole(AccountRoles.Adviser))
            .AddPolicy(TenderAuth.LeadOrAdviser, p => p.RequireAuthenticatedUser().RequireRole(AccountRoles.Lead, AccountRoles.Adviser));

        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "tender.af";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.HeaderName = "X-CSRF-TOKEN";
        });

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (ctx, _) =>
            {
                var retry = ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : options.SignInWindow;
                ctx.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await Problems.WriteAsync(ctx.HttpContext, StatusCodes.Status429TooManyRequests, "Too many attempts",
                    $"Too many sign-in attempts from here. Try again in {Math.Ceiling(retry.TotalSeconds)} seconds.");
            };
            o.AddPolicy(TenderAuth.SignInRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                ClientKey.Of(http),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.SignInPermitLimit, Window = options.SignInWindow, QueueLimit = 0 }));
        });
        return services;
    }

    /// <summary>The middleware, in order. Call right after <c>Build()</c>, before mapping endpoints.</summary>
    public static WebApplication UseTenderSecurity(this WebApplication app)
    {
        // First, so that the scheme (Secure cookies, HSTS) and the client address (throttles) are the real ones. Only
        // with configured proxies: otherwise nothing a client sends can change its address.
        if (app.Services.GetService<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>() is { } forwarded) app.UseForwardedHeaders(forwarded);
        app.Use((http, next) => SecurityHeaders.ApplyAsync(http, () => next(http)));
        app.UseStatusCodePages(async ctx =>
        {
            var http = ctx.HttpContext;
            if (Problems.IsApi(http.Request) && (http.Response.ContentLength is null or 0) && string.IsNullOrEmpty(http.Response.ContentType))
                await Problems.WriteAsync(http, http.Response.StatusCode, Title(http.Response.StatusCode), $"{http.Request.Method} {http.Request.Path}");
        });
        app.UseRouting();
        app.Use((http, next) => RequestLimits.ApplyAsync(http, () => next(http)));
        app.Use((http, next) => CrossSiteGuard.ApplyAsync(http, () => next(http)));
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseRateLimiter();
        return app;
    }

    private static string Title(int status) => status switch
    {
        400 => "Bad request",
        401 => "Authentication required",
        403 => "Forbidden",
        404 => "Not found",
        405 => "Method not allowed",
        413 => "Request body too large",
        415 => "Unsupported media type",
        _ => "Error",
    };

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> ctx)
    {
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
