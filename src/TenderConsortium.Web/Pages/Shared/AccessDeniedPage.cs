using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using TenderConsortium.Persistence.Accounts;

namespace TenderConsortium.Web.Pages.Shared;

/// <summary>
/// A signed-in person who opens another role's page (a lead opening /adviser, an adviser opening /lead) gets a plain
/// page saying whose page it is, what they can do, and a link to their own, instead of the API's JSON refusal.
/// </summary>
public static class AccessDeniedPage
{
    public static Task WriteAsync(HttpContext http)
    {
        var role = http.User.FindFirstValue(ClaimTypes.Role);
        var email = http.User.FindFirstValue(ClaimTypes.Email) ?? "";
        var (area, title, message, link) = role switch
        {
            AccountRoles.Lead => (PageArea.Lead, "This page is for the adviser",
                $"You are signed in as {email}, a lead of your consortium. The adviser reviews bid packs here. You can run your consortium's bids: import notices, start bids, approve shares and record submissions.",
                ("/lead", "Go to your opportunities")),
            AccountRoles.Adviser => (PageArea.Adviser, "This page is for the consortium's lead",
                $"You are signed in as {email}, an adviser. Leads run their consortium's bids here. You can review the bid packs waiting for you.",
                ("/adviser", "Go to the review queue")),
            _ => (PageArea.Member, "You cannot open this page", "Your account does not allow this page.", ("/sign-in", "Sign in with another account")),
        };
        return ComponentPage.Render<MessagePage>(http, area, new Dictionary<string, object?>
        {
            ["Title"] = title,
            ["Message"] = message,
            ["Link"] = ((string Href, string Text)?)link,
        }, StatusCodes.Status403Forbidden).ExecuteAsync(http);
    }
}
