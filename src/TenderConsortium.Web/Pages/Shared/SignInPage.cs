using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TenderConsortium.Persistence.Accounts;
using TenderConsortium.Web.Accounts;
using TenderConsortium.Web.Security;

namespace TenderConsortium.Web.Pages.Shared;

/// <summary>
/// The page the cookie scheme sends a signed-out lead or adviser to (<see cref="TenderAuth.SignInPath"/>): one email
/// box; the link itself comes by email (<see cref="SignInLinks"/>) and is redeemed at /sign-in/verify.
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
        return app;
    }

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
