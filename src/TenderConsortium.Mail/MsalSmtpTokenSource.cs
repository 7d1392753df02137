using Microsoft.Identity.Client;
using TenderConsortium.Workflows.Mail;

namespace TenderConsortium.Mail;

/// <summary>
/// Client-credentials tokens from the Microsoft identity platform (MSAL) for Microsoft 365's SMTP: the consortium's app
/// registration with the SMTP.SendAsApp permission and a service principal allowed on the sending mailbox. MSAL keeps
/// the token in memory and fetches a new one shortly before it expires.
/// </summary>
public sealed class MsalSmtpTokenSource : ISmtpTokenSource
{
    private readonly IConfidentialClientApplication _application;
    private readonly string[] _scopes;

    public MsalSmtpTokenSource(SmtpOAuthOptions options)
    {
        var problems = options.Problems();
        if (problems.Count > 0) throw new ArgumentException(string.Join(Environment.NewLine, problems), nameof(options));
        _application = ConfidentialClientApplicationBuilder.Create(options.ClientId!.Trim())
            .WithClientSecret(options.ClientSecret!)
            .WithAuthority(options.ResolvedAuthority)
            .Build();
        _scopes = [options.Scope.Trim()];
    }

    public async Task<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        try
        {
            var result = await _application.AcquireTokenForClient(_scopes).ExecuteAsync(cancellationToken);
            return result.AccessToken;
        }
        catch (MsalServiceException ex)
        {
            // A refused secret or app is a setting to fix, not a member's problem: transient, so the relay pause holds the mail.
            throw new MailDeliveryException($"Microsoft sign-in refused the app's credentials ({ex.ErrorCode}): check Mail:Smtp:OAuth:TenantId, ClientId and ClientSecret. {FirstLine(ex.Message)}", permanent: false, ex);
        }
        catch (MsalException ex)
        {
            throw new MailDeliveryException($"Could not get a sign-in token from Microsoft ({ex.ErrorCode}): {FirstLine(ex.Message)}", permanent: false, ex);
        }
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
