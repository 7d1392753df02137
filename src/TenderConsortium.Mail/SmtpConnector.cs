using System.Net;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using TenderConsortium.Workflows.Mail;

namespace TenderConsortium.Mail;

/// <summary>
/// Opens one authenticated connection to the relay: TCP with Nagle off, TLS as Mail:Smtp:Security says with the
/// certificate checked by <see cref="ServerCertificatePolicy"/>, then SASL PLAIN or LOGIN with the password, or XOAUTH2
/// with a token from <see cref="ISmtpTokenSource"/>.
/// </summary>
public sealed class SmtpConnector
{
    private readonly SmtpOptions _smtp;
    private readonly ISmtpTokenSource? _tokens;
    private readonly ServerCertificatePolicy _certificates;

    public SmtpConnector(SmtpOptions smtp, ISmtpTokenSource? tokens = null)
    {
        var problems = smtp.Problems();
        if (problems.Count > 0) throw new ArgumentException(string.Join(Environment.NewLine, problems), nameof(smtp));
        _smtp = smtp;
        _tokens = tokens ?? (smtp.OAuth.Enabled ? new MsalSmtpTokenSource(smtp.OAuth) : null);
        _certificates = new ServerCertificatePolicy(smtp.TrustedCertificate);
    }

    public string Server => $"{_smtp.Host}:{_smtp.Port}";

    /// <summary>A connected, signed-in client and what it negotiated.</summary>
    /// <exception cref="MailDeliveryException">Transient: the relay cannot be reached, its certificate is refused, or it refuses the sign-in.</exception>
    public async Task<(SmtpClient Client, SmtpNegotiation Negotiation)> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = new SmtpClient
        {
            Timeout = _smtp.TimeoutSeconds * 1000,
            ServerCertificateValidationCallback = _certificates.Validate,
            // A private relay trusted by file has no revocation list to fetch; a public one is checked as usual.
            CheckCertificateRevocation = _smtp.TrustedCertificate is null,
        };
        try
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(_smtp.TimeoutSeconds));
                await socket.ConnectAsync(_smtp.Host!.Trim(), _smtp.Port, timeout.Token);
            }
            catch
            {
                socket.Dispose();
                throw;
            }

            await client.ConnectAsync(socket, _smtp.Host!.Trim(), _smtp.Port, SocketOptions(), cancellationToken);
            var mechanism = await SignInAsync(client, cancellationToken);
            var negotiation = new SmtpNegotiation(Server, client.IsSecure ? client.SslProtocol : System.Security.Authentication.SslProtocols.None,
                client.IsSecure ? client.SslCipherSuite?.ToString() : null, mechanism,
                client.Capabilities.HasFlag(SmtpCapabilities.EightBitMime), client.Capabilities.HasFlag(SmtpCapabilities.Pipelining),
                client.Capabilities.HasFlag(SmtpCapabilities.UTF8));
            return (client, negotiation);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            client.Dispose();
            throw ex switch
            {
                MailDeliveryException delivery => delivery,
                SslHandshakeException => new MailDeliveryException($"{Server}: TLS refused: {_certificates.LastRefusal ?? FirstLine(ex.Message)}", permanent: false, ex),
                AuthenticationException => new MailDeliveryException($"{Server}: the relay refused the sign-in for {_smtp.UserName}: {FirstLine(ex.Message)} (check Mail:Smtp:UserName and {(_tokens is null ? "Mail:Smtp:Password" : "the app's SMTP permission")})", permanent: false, ex),
                OperationCanceledException => new MailDeliveryException($"{Server}: no answer within {_smtp.TimeoutSeconds} s", permanent: false, ex),
                NotSupportedException when _smtp.ResolvedSecurity == SmtpSecurity.StartTls => new MailDeliveryException($"{Server}: the relay does not offer STARTTLS, which Mail:Smtp:Security=StartTls requires", permanent: false, ex),
                _ => SmtpFailures.Classify(ex, Server),
            };
        }
    }

    private SecureSocketOptions SocketOptions() => _smtp.ResolvedSecurity switch
    {
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.None => SecureSocketOptions.None,
        _ => _smtp.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable,
    };

    /// <summary>Signs in as configured; returns the mechanism used, or null when no sign-in is configured.</summary>
    private async Task<string?> SignInAsync(SmtpClient client, CancellationToken cancellationToken)
    {
        if (_tokens is not null)
        {
            var token = await _tokens.GetAccessTokenAsync(cancellationToken);
            var oauth = new SaslMechanismOAuth2(_smtp.UserName!.Trim(), token);
            await client.AuthenticateAsync(oauth, cancellationToken);
            return oauth.MechanismName;
        }

        if (_smtp.UserName is null) return null;
        var credentials = new NetworkCredential(_smtp.UserName, _smtp.Password);
        // PLAIN where offered (one round trip), else LOGIN; both only make sense inside TLS, which Security arranges.
        SaslMechanism mechanism = client.AuthenticationMechanisms.Contains("PLAIN") ? new SaslMechanismPlain(credentials)
            : client.AuthenticationMechanisms.Contains("LOGIN") ? new SaslMechanismLogin(credentials)
            : throw new MailDeliveryException(client.AuthenticationMechanisms.Count == 0
                ? $"{Server}: the relay offers no sign-in{(client.IsSecure ? "" : " before TLS; set Mail:Smtp:Security to StartTls or SslOnConnect")}, but Mail:Smtp:UserName is set"
                : $"{Server}: the relay offers sign-in by {string.Join(", ", client.AuthenticationMechanisms)}, not PLAIN or LOGIN", permanent: false);
        await client.AuthenticateAsync(mechanism, cancellationToken);
        return mechanism.MechanismName;
    }

    internal static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
