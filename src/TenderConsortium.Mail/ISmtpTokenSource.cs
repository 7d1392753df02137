namespace TenderConsortium.Mail;

/// <summary>Where XOAUTH2 access tokens come from; a port, so tests can hand the relay a token they know.</summary>
public interface ISmtpTokenSource
{
    /// <summary>A current access token for the SMTP relay (cached by the source until shortly before it expires).</summary>
    /// <exception cref="Workflows.Mail.MailDeliveryException">The identity platform refused or could not be reached.</exception>
    Task<string> GetAccessTokenAsync(CancellationToken cancellationToken);
}
