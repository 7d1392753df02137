using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Persistence.Accounts;

namespace TenderConsortium.Web.Security;

/// <summary>
/// Server-side sessions behind the <c>tender.auth</c> cookie. A cookie alone proves only that we once issued it; each
/// sign-in therefore starts a session row (<see cref="AccountStore.StartSessionAsync"/>) whose id the cookie carries,
/// and every request checks that the row still exists, is within its absolute lifetime, and that the account still
/// has the role and consortium the cookie says. Sign-out deletes the row, so a copied cookie is refused at its next
/// request; "sign out everywhere" and removing the account delete all of the account's rows.
/// </summary>
public static class CookieSessions
{
    public const string SessionClaim = "tender:session";

    /// <summary>Cookie event: a new session row for the person signing in, its id added to the cookie's claims.</summary>
    public static async Task StartAsync(CookieSigningInContext ctx)
    {
        if (ctx.Principal?.Identity is not ClaimsIdentity identity || Caller.From(ctx.Principal) is not { } caller) return;
        var options = ctx.HttpContext.RequestServices.GetRequiredService<SecurityOptions>();
        var id = await Accounts(ctx.HttpContext).StartSessionAsync(caller.UserId, options.SessionAbsoluteLifetime, ctx.HttpContext.RequestAborted);
        identity.AddClaim(new Claim(SessionClaim, id));
    }

    /// <summary>Cookie event at every request: the session must be live and the account unchanged, else the cookie is dropped.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext ctx)
    {
        var caller = ctx.Principal is null ? null : Caller.From(ctx.Principal);
        var session = ctx.Principal?.FindFirstValue(SessionClaim);
        var account = caller is null || session is null ? null : await Accounts(ctx.HttpContext).FindSessionAsync(session, ctx.HttpContext.RequestAborted);
        if (account is null || account.Id != caller!.UserId || account.Role != caller.Role || account.ConsortiumId != caller.ConsortiumId)
        {
            ctx.RejectPrincipal();
            await ctx.HttpContext.SignOutAsync(TenderAuth.CookieScheme);
        }
    }

    /// <summary>Cookie event: signing out ends the session on the server, not only in this browser.</summary>
    public static async Task EndAsync(CookieSigningOutContext ctx)
    {
        if (ctx.HttpContext.User.FindFirstValue(SessionClaim) is { } session)
            await Accounts(ctx.HttpContext).EndSessionAsync(session, CancellationToken.None);
    }

    private static AccountStore Accounts(Microsoft.AspNetCore.Http.HttpContext http) => http.RequestServices.GetRequiredService<AccountStore>();
}
