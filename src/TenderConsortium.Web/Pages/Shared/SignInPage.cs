using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TenderConsortium.Persistence.Accounts;
using TenderConsortium.Web.Accounts;
using TenderConsortium.Web.Declarations;
using TenderConsortium.Web.Security;

namespace TenderConsortium.Web.Pages.Shared;

/// <summary>
/// The page the cookie scheme sends a signed-out lead or adviser to (<see cref="TenderAuth.SignInPath"/>): one email
/// box; the link itself comes by email (<see cref="SignInLinks"/>); opening it shows a button whose POST to /sign-in/verify
/// spends the token and sets the cookie.
/// The answer is the same whether or not the address has an account.
/// </summary>
public static class SignInPage
{
    public static IEndpointRouteBuilder MapSignInPage(this IEndpointRouteBuilder app)
    {
        app.MapGet(TenderAuth.SignInPath, (HttpContext http) => Render(http, new FormState(), sent: false)).AllowAnonymous();
        app.MapPost(TenderAuth.SignInPath, async (HttpContext http, SignInLinks links) =>
            {
                if (await PageEndpoints.ReadFormAsync(http) is not { } form) return PageEndpoints.Expired(http, PageArea.Member);
                var email = form.Value("email").Trim();
                if (AccountStore.NormaliseEmail(email) is null)
                {
                    form.Error("email", "Enter an email address in the correct format, like name@example.org");
                    return Render(http, form, sent: false, StatusCodes.Status400BadRequest);
                }

                await links.RequestAsync(email, http.RequestAborted);
                return Results.Redirect($"{TenderAuth.SignInPath}?sent=1");
            })
            .AllowAnonymous()
            .DisableAntiforgery()
            .RequireRateLimiting(TenderAuth.SignInRateLimit);

        // Opening the emailed link only shows a button: Outlook Safe Links and other mail scanners fetch links before
        // the person does, and a GET that spent the one-time token would leave them with "link not valid".
        app.MapGet(SignInLinks.VerifyPath, async (HttpContext http, AccountStore accounts, TokenThrottle throttle, string? token) =>
            {
                if (Throttled(http, throttle) is { } slow) return slow;
                if (token is null || await accounts.PeekSignInTokenAsync(token, http.RequestAborted) is not { } account) return NotValid(http, throttle);
                return Layout.Page(http, PageArea.Member, "Sign in", H.Html($"""
                    <h1 class="govuk-heading-l">Sign in</h1>
                    <p class="govuk-body">You are signing in to {Layout.SiteName(http)} as <strong>{account.Email}</strong>.</p>
                    <form method="post" action="{SignInLinks.VerifyPath}" novalidate>
                    {Forms.Antiforgery(http)}
                    <input type="hidden" name="token" value="{token}">
                    {Forms.Button("Continue")}
                    </form>
                    """));
            })
            .AllowAnonymous()
            .RequireRateLimiting(TenderAuth.SignInRateLimit);

        app.MapPost(SignInLinks.VerifyPath, async (HttpContext http, AccountStore accounts, TokenThrottle throttle) =>
            {
                if (Throttled(http, throttle) is { } slow) return slow;
                if (await PageEndpoints.ReadFormAsync(http) is not { } form) return PageEndpoints.Expired(http, PageArea.Member);
                if (await accounts.RedeemSignInTokenAsync(form.Value("token"), http.RequestAborted) is not { } account) return NotValid(http, throttle);
                await http.SignInAsync(TenderAuth.CookieScheme, Caller.Principal(account, TenderAuth.CookieScheme),
                    new AuthenticationProperties { IsPersistent = false, IssuedUtc = DateTimeOffset.UtcNow });
                return Results.Redirect(account.Role == AccountRoles.Adviser ? "/adviser" : "/lead");
            })
            .AllowAnonymous()
            .DisableAntiforgery() // checked by ReadFormAsync, so a stale form gets a page rather than an exception
            .RequireRateLimiting(TenderAuth.SignInRateLimit);
        return app;
    }

    private static IResult? Throttled(HttpContext http, TokenThrottle throttle)
    {
        if (throttle.WaitFor(Client(http)) is not { } wait) return null;
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Layout.Message(http, PageArea.Member, "Too many attempts", "Too many links that do not work were tried from here. Try again later.",
            StatusCodes.Status429TooManyRequests);
    }

    private static IResult NotValid(HttpContext http, TokenThrottle throttle)
    {
        throttle.Failed(Client(http));
        return Layout.Page(http, PageArea.Member, "Link not valid", H.Html($"""
            <h1 class="govuk-heading-l">Link not valid</h1>
            <p class="govuk-body">This sign-in link is not valid: it may have expired (links work for {(int)AccountStore.SignInLifetime.TotalMinutes} minutes) or been used already.</p>
            <p class="govuk-body"><a class="govuk-link" href="{TenderAuth.SignInPath}">Ask for a new link</a></p>
            """), StatusCodes.Status403Forbidden);
    }

    private static string Client(HttpContext http) => Security.ClientKey.Of(http);

    private static IResult Render(HttpContext http, FormState form, bool sent, int status = StatusCodes.Status200OK)
    {
        sent |= http.Request.Query["sent"] == "1";
        var main = sent
            ? H.Html($"""
                <h1 class="govuk-heading-l">Check your email</h1>
                <p class="govuk-body">If the address has an account, a sign-in link is on its way. It works once, within {(int)AccountStore.SignInLifetime.TotalMinutes} minutes.</p>
                <p class="govuk-body"><a class="govuk-link" href="{TenderAuth.SignInPath}">Ask for another link</a></p>
                """)
            : H.Html($"""
                {Forms.ErrorSummary(form.Errors)}
                <h1 class="govuk-heading-l">Sign in</h1>
                <p class="govuk-body">For the consortium's bid team and advisers. Members do not need to sign in: use the link in your invitation email.</p>
                <form method="post" action="{TenderAuth.SignInPath}" novalidate>
                {Forms.Antiforgery(http)}
                {Forms.TextInput("email", "email", "Email address", form.Value("email"), form, "We will email you a link to sign in.", "govuk-!-width-two-thirds", "email", autocomplete: "email", spellcheck: "false")}
                {Forms.Button("Email me a sign-in link")}
                </form>
                """);
        return Layout.Page(http, PageArea.Member, sent ? "Check your email" : "Sign in", main, status, form.HasErrors);
    }
}
