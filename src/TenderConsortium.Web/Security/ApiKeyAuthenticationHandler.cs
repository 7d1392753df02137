using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using TenderConsortium.Persistence.Accounts;

namespace TenderConsortium.Web.Security;

/// <summary>
/// API keys for leads' scripts: <c>Authorization: Bearer tck_…</c> or <c>X-Api-Key: tck_…</c>. A request without a
/// key is left to the cookie; a request with a key that is not one of ours fails (401), whatever else it carries.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AccountStore accounts)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string HeaderName = "X-Api-Key";

    public static bool CarriesKey(Microsoft.AspNetCore.Http.HttpRequest request) =>
        request.Headers.ContainsKey(HeaderName)
        || request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = Request.Headers[HeaderName].ToString();
        var authorization = Request.Headers.Authorization.ToString();
        if (key.Length == 0 && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) key = authorization["Bearer ".Length..].Trim();
        if (key.Length == 0) return CarriesKey(Request) ? AuthenticateResult.Fail("empty API key") : AuthenticateResult.NoResult();
        var account = await accounts.FindByApiKeyAsync(key, Context.RequestAborted);
        if (account is null) return AuthenticateResult.Fail("unknown API key");
        return AuthenticateResult.Success(new AuthenticationTicket(Caller.Principal(account, Scheme.Name), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        return Problems.WriteAsync(Context, 401, "Authentication required", "Send a lead's API key as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>', or sign in.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, 403, "Forbidden", "Your role does not allow this.");
}
