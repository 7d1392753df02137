using System.Net;
using TenderConsortium.Core.Notifications;
using TenderConsortium.Mail;
using TenderConsortium.Persistence.Accounts;
using TenderConsortium.Host;
using TenderConsortium.Workflows.Mail;

namespace TenderConsortium.Web.Accounts;

/// <summary>
/// Passwordless sign-in: a request emails a one-time link (token stored hashed, 15 minutes, single use) to an
/// account's address; the same answer is given whether or not the address has an account. The pages' sign-in form
/// calls <see cref="RequestAsync"/> too.
/// </summary>
public sealed class SignInLinks(AccountStore accounts, SignInMailer mailer, PublicLinks links, MailOptions mail)
{
    public const string VerifyPath = "/sign-in/verify";

    public static string Link(PublicLinks links, string token) => links.Absolute($"{VerifyPath.TrimStart('/')}?token={Uri.EscapeDataString(token)}");

    /// <summary>Queues a link when the address has an account (and not too many links are open). Never says which.</summary>
    public async Task RequestAsync(string email, CancellationToken cancellationToken)
    {
        if (await accounts.IssueSignInTokenAsync(email, cancellationToken) is not { } issued) return;
        var link = Link(links, issued.Token);
        var site = NodeComposition.SiteName(mail);
        var minutes = (int)AccountStore.SignInLifetime.TotalMinutes;
        var text = $"""
            Hello,

            Someone (we hope you) asked to sign in to {site} as {issued.Account.Email}.

            Sign in: {link}

            The link works once, within {minutes} minutes. If you did not ask for it, ignore this email: nobody can sign in without it.
            """;
        var html = $"<p>Hello,</p><p>Someone (we hope you) asked to sign in to {WebUtility.HtmlEncode(site)} as {WebUtility.HtmlEncode(issued.Account.Email)}.</p>" +
                   $"<p><a href=\"{WebUtility.HtmlEncode(link)}\">Sign in</a></p>" +
                   $"<p>The link works once, within {minutes} minutes. If you did not ask for it, ignore this email: nobody can sign in without it.</p>";
        mailer.Enqueue(new OutgoingMail($"<sign-in-{Guid.NewGuid():N}@tender.local>", issued.Account.Email, $"Sign in to {site}", text, html));
    }
}
