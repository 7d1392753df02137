using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TenderConsortium.Core.Notifications;
using TenderConsortium.Web.Declarations;
using TenderConsortium.Web.Pages.Shared;
using TenderConsortium.Web.Security;
using TenderConsortium.Workflows.Outbox;
using TenderConsortium.Core.Common;

namespace TenderConsortium.Web.Digest;

/// <summary>
/// The daily digest's one-click unsubscribe (RFC 8058), the address its <c>List-Unsubscribe</c> header names:
/// <c>POST /mail/unsubscribe/{token}</c> with <c>List-Unsubscribe=One-Click</c> (what Gmail, Outlook and Yahoo send, and
/// what the page's button sends) turns the digest off, so every email goes at once again and anything held goes now.
/// <c>GET</c> only shows that button: mail scanners that open links must not unsubscribe anyone.
/// </summary>
/// <remarks>
/// No antiforgery token and no cookie: the link's token (an HMAC of the address, <see cref="DigestUnsubscribeTokens"/>) is
/// the only credential, so another site cannot forge the request without it, and RFC 8058 forbids the mail system from
/// sending cookies anyway. Bad tokens count against the client like bad member links.
/// </remarks>
public static class UnsubscribeEndpoints
{
    public const string OneClick = "List-Unsubscribe=One-Click";

    public static IEndpointRouteBuilder MapDigestUnsubscribe(this IEndpointRouteBuilder app)
    {
        app.MapGet("/mail/unsubscribe/{token}", (string token, HttpContext http, DigestUnsubscribeTokens tokens, TokenThrottle throttle) =>
                WithToken(http, throttle, tokens, token, address => Task.FromResult(Layout.Page(http, PageArea.Member, "Stop the daily digest", H.Html($"""
                    <h1 class="govuk-heading-l">Stop the daily digest</h1>
                    <p class="govuk-body">Emails to {address} are now gathered into one email a day. Stop the digest to get each email as it is sent.</p>
                    <form method="post" action="/mail/unsubscribe/{token}">
                    <input type="hidden" name="List-Unsubscribe" value="One-Click">
                    {Forms.Button("Stop my daily digest")}
                    </form>
                    """)))))
            .AllowAnonymous()
            .ExcludeFromDescription();

        app.MapPost("/mail/unsubscribe/{token}", (string token, HttpContext http, DigestUnsubscribeTokens tokens, TokenThrottle throttle, MailPreferences preferences) =>
                WithToken(http, throttle, tokens, token, async address =>
                {
                    var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : null;
                    if (form?["List-Unsubscribe"].ToString() != "One-Click")
                        return Results.Problem(title: "Bad request", detail: $"List-Unsubscribe: send {OneClick} as a form field to stop the daily digest.",
                            statusCode: StatusCodes.Status400BadRequest);
                    await preferences.SetDigestAsync(address, digest: false, http.RequestAborted);
                    return Layout.Page(http, PageArea.Member, "Daily digest stopped", H.Html($"""
                        <h1 class="govuk-heading-l">Daily digest stopped</h1>
                        <p class="govuk-body">Emails to {address} now go one by one, as they are sent. Anything waiting for the digest has been sent now.</p>
                        """));
                }))
            .AllowAnonymous()
            .DisableAntiforgery() // the token in the path is the credential; see the remarks
            .WithBodyLimit(RequestLimits.SignInBytes)
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> WithToken(HttpContext http, TokenThrottle throttle, DigestUnsubscribeTokens tokens, string token, Func<string, Task<IResult>> work)
    {
        var client = ClientKey.Of(http);
        if (throttle.WaitFor(client) is { } wait)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Results.Problem(title: "Too many attempts", detail: $"Too many links that do not work were tried from here. Try again in {Wording.Count((int)Math.Ceiling(wait.TotalMinutes), "minute")}.",
                statusCode: StatusCodes.Status429TooManyRequests);
        }

        if (tokens.AddressOf(token) is not { } address)
        {
            throttle.Failed(client);
            return Layout.Page(http, PageArea.Member, "Link not valid", H.Html($"""
                <h1 class="govuk-heading-l">This link does not work</h1>
                <p class="govuk-body">Use the link in your latest daily digest, or reply to it and ask us to stop the digest.</p>
                """), StatusCodes.Status403Forbidden);
        }

        return await work(address);
    }
}
