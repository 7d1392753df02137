using System.Collections.Concurrent;
using System.Net;
using System.Net.Mail;
using TenderConsortium.Workflows.Mail;

namespace TenderConsortium.Mail;

/// <summary>
/// Sends through an SMTP relay with System.Net.Mail (MailKit is not available to this project). Safe for concurrent
/// sends: each send takes a client of its own from a small pool. Failures say whether a retry may help: 5xx replies and
/// invalid addresses are permanent, with the server's reason; 4xx replies and connection trouble are transient.
/// </summary>
/// <remarks>
/// A pooled client keeps its connection open between messages (SmtpClient does so until disposed), with Nagle's
/// algorithm off (<see cref="SmtpSocketTuning"/>); one idle for longer than <see cref="IdleLifetime"/> is closed rather
/// than reused, since relays drop idle connections.
/// </remarks>
public sealed class SmtpTransport : IMailTransport, IDisposable
{
    private const int MaxIdleClients = 16;
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromSeconds(30);
    private readonly SmtpOptions _smtp;
    private readonly MailOptions _options;
    private readonly ConcurrentBag<(SmtpClient Client, long IdleSince)> _idle = [];

    public SmtpTransport(SmtpOptions smtp, MailOptions options)
    {
        var problems = smtp.Problems();
        if (problems.Count > 0) throw new ArgumentException(string.Join(Environment.NewLine, problems), nameof(smtp));
        _smtp = smtp;
        _options = options;
    }

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        using var message = MimeMessageFactory.Create(mail, _options);
        var client = TakeClient();
        var reusable = false;
        try
        {
            await client.SendMailAsync(message, cancellationToken);
            SmtpSocketTuning.TryDisableNagle(client);
            reusable = true;
        }
        catch (SmtpFailedRecipientException ex)
        {
            throw new MailDeliveryException(Reason(ex.StatusCode, ex), IsPermanent(ex.StatusCode), ex);
        }
        catch (SmtpException ex)
        {
            throw new MailDeliveryException(Reason(ex.StatusCode, ex), IsPermanent(ex.StatusCode), ex);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or InvalidOperationException or System.Security.Authentication.AuthenticationException)
        {
            throw new MailDeliveryException($"{_smtp.Host}:{_smtp.Port}: {ex.Message}", permanent: false, ex);
        }
        finally
        {
            if (reusable && _idle.Count < MaxIdleClients) _idle.Add((client, Environment.TickCount64));
            else client.Dispose();
        }
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var idle)) idle.Client.Dispose();
    }

    private SmtpClient TakeClient()
    {
        while (_idle.TryTake(out var idle))
        {
            if (Environment.TickCount64 - idle.IdleSince < IdleLifetime.TotalMilliseconds) return idle.Client;
            idle.Client.Dispose();
        }

        return NewClient();
    }

    private SmtpClient NewClient()
    {
        var client = new SmtpClient(_smtp.Host, _smtp.Port)
        {
            EnableSsl = _smtp.StartTls,
            Timeout = _smtp.TimeoutSeconds * 1000,
            DeliveryMethod = SmtpDeliveryMethod.Network,
            UseDefaultCredentials = false,
        };
        if (_smtp.UserName is not null) client.Credentials = new NetworkCredential(_smtp.UserName, _smtp.Password);
        return client;
    }

    /// <summary>The server's reply code and words, or what went wrong on the way to it; never the credentials.</summary>
    private string Reason(SmtpStatusCode code, Exception ex)
    {
        if (code == SmtpStatusCode.GeneralFailure)
        {
            var inner = ex.InnerException is { } i ? $": {i.Message}" : "";
            return $"{_smtp.Host}:{_smtp.Port}: {ex.Message.TrimEnd('.')}{inner}";
        }

        return $"{(int)code} {ex.Message}";
    }

    /// <summary>5xx replies are permanent; 4xx and connection trouble (GeneralFailure) may pass.</summary>
    public static bool IsPermanent(SmtpStatusCode code) => (int)code is >= 500 and < 600;
}
