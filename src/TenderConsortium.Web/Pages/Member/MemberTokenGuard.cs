using System.Globalization;
using Microsoft.AspNetCore.Http;
using TenderConsortium.Core.Invitations;
using TenderConsortium.Web.Declarations;
using TenderConsortium.Web.Pages.Shared;

namespace TenderConsortium.Web.Pages.Member;

/// <summary>
/// The member pages' door, as the token API's: a client that tried too many bad links waits (429 with Retry-After,
/// no link looked at); a link that opens nothing gets one plain 403 page that says nothing about why.
/// </summary>
internal static class MemberTokenGuard
{
    public static async Task<IResult> RunAsync(HttpContext http, TokenThrottle throttle, Func<Task<IResult>> work)
    {
        var client = Security.ClientKey.Of(http);
        if (throttle.WaitFor(client) is { } wait)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Layout.Message(http, PageArea.Member, "Too many attempts",
                $"Too many links that do not work were tried from here. Try again in {Math.Ceiling(wait.TotalMinutes)} {(Math.Ceiling(wait.TotalMinutes) == 1 ? "minute" : "minutes")}.",
                StatusCodes.Status429TooManyRequests);
        }

        try
        {
            return await work();
        }
        catch (InvitationRefusedException ex)
        {
            throttle.Failed(client);
            return Layout.Message(http, PageArea.Member, "Link not valid", ex.Message, StatusCodes.Status403Forbidden);
        }
    }
}
