using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TenderConsortium.Workflows.Mail;

namespace TenderConsortium.Web.Accounts;

/// <summary>
/// Sends sign-in links in the background, so a sign-in request answers at once and in the same time whether or not
/// the address has an account (no timing oracle), and a slow mail server never holds a request.
/// </summary>
public sealed class SignInMailer(IMailTransport transport, ILogger<SignInMailer> logger) : BackgroundService
{
    private readonly Channel<OutgoingMail> _queue = Channel.CreateBounded<OutgoingMail>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Enqueue(OutgoingMail mail)
    {
        if (!_queue.Writer.TryWrite(mail)) logger.LogWarning("Sign-in mail queue is full; a link was not sent");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var mail in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await transport.SendAsync(mail, stoppingToken);
                    break;
                }
                catch (MailDeliveryException ex) when (attempt < 3 && !ex.Permanent && !stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning("Sign-in link not delivered yet (attempt {Attempt}): {Reason}", attempt, ex.Message);
                    await Task.Delay(TimeSpan.FromSeconds(attempt * 2), stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError("Sign-in link could not be delivered: {Reason}", ex.Message);
                    break;
                }
            }
        }
    }
}
