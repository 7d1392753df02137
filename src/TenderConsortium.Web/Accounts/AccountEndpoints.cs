using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TenderConsortium.Core.Common;
using TenderConsortium.Persistence.Accounts;
using TenderConsortium.Web.Api;
using TenderConsortium.Web.Declarations;
using TenderConsortium.Web.Intake;
using TenderConsortium.Web.Security;

namespace TenderConsortium.Web.Accounts;

/// <summary>
/// Sign-in by emailed link: <c>POST /api/sign-in</c> {"email"} (always 202; the link is redeemed on the sign-in pages,
/// <see cref="Pages.Shared.SignInPage"/>), <c>POST /sign-out</c> and <c>POST /sign-out/everywhere</c> (antiforgery; both end sessions on the server), and <c>GET /api/me</c>.
/// </summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/sign-in", async (HttpContext http, SignInLinks signIn) =>
            {
                try
                {
                    var email = await ReadEmailAsync(http);
                    await signIn.RequestAsync(email, http.RequestAborted);
                    return Results.Json(new { message = "If this address has an account, a sign-in link is on its way. It works once, within 15 minutes." },
                        statusCode: StatusCodes.Status202Accepted);
                }
                catch (BadInputException ex)
                {
                    return BadInputProblem.From(ex);
                }
            })
            .AllowAnonymous()
            .RequireRateLimiting(TenderAuth.SignInRateLimit)
            .WithBodyLimit(RequestLimits.SignInBytes)
            .WithTags("Accounts")
            .WithSummary("Ask for a sign-in link by email (always 202, whether or not the address has an account)");

        app.MapPost("/sign-out", (HttpContext http, IAntiforgery antiforgery, AccountStore accounts) => SignOutAsync(http, antiforgery, accounts, everywhere: false))
            .AllowAnonymous()
            .DisableAntiforgery() // validated in SignOutAsync, so a bad token is a plain 400 rather than an exception
            .ExcludeFromDescription();

        // A lost laptop or a shared computer: every browser signed in as this account is signed out at its next request.
        app.MapPost("/sign-out/everywhere", (HttpContext http, IAntiforgery antiforgery, AccountStore accounts) => SignOutAsync(http, antiforgery, accounts, everywhere: true))
            .AllowAnonymous()
            .DisableAntiforgery()
            .ExcludeFromDescription();

        app.MapGet("/api/me", (HttpContext http, AccountStore accounts) => Me(http, accounts))
            .RequireAuthorization(TenderAuth.LeadOrAdviser)
            .WithTags("Accounts")
            .WithSummary("The signed-in account: email, role and consortium");
        return app;
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, IAntiforgery antiforgery, AccountStore accounts, bool everywhere)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            return Results.Problem(title: "Bad request", detail: "The form has expired; reload the page and try again.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (everywhere && Caller.From(http.User) is { } caller) await accounts.EndAllSessionsAsync(caller.Email, http.RequestAborted);
        await http.SignOutAsync(TenderAuth.CookieScheme); // ends this session on the server too (CookieSessions)
        return Results.Redirect(TenderAuth.SignInPath);
    }

    private static async Task<IResult> Me(HttpContext http, AccountStore accounts)
    {
        var caller = http.Caller();
        var account = await accounts.FindAsync(caller.UserId, http.RequestAborted);
        return Results.Json(new
        {
            email = caller.Email,
            role = caller.Role,
            consortium = account?.ConsortiumId is null ? null : new { id = account.ConsortiumId, name = account.ConsortiumName },
        }, DomainJson.Options);
    }

    private static async Task<string> ReadEmailAsync(HttpContext http)
    {
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            return form["email"].ToString() is { Length: > 0 } e ? e : throw new BadInputException("email: required");
        }

        var body = await ApiBody.ReadObjectAsync(http, "{\"email\": \"you@example.org\"}");
        if (ApiBody.String(body, "email", required: false) is not { Length: > 0 } address)
            throw new BadInputException("email: required, as {\"email\": \"you@example.org\"}");
        return AccountStore.NormaliseEmail(address) is not null ? address : throw new BadInputException("email: expected an email address");
    }
}
