using System.Diagnostics;
using System.Diagnostics.Metrics;
using TenderConsortium.Workflows.Mail;

namespace TenderConsortium.Host.Telemetry;

/// <summary>
/// Outbox delivery as traces and metrics: a span per message handed to the transport and a count by outcome (sent,
/// transient, permanent). A decorator, so the dispatcher and the transports stay as they are; silent unless listened to.
/// </summary>
public sealed class MeteredMailTransport(IMailTransport inner) : IMailTransport
{
    public const string Name = "TenderConsortium.Mail";

    private static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);
    private static readonly Counter<long> Deliveries = Meter.CreateCounter<long>("tender.mail.deliveries", description: "Emails handed to the mail transport, by outcome");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("tender.mail.send.duration", "ms", "Time to hand one email to the relay or the pickup folder");

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        // No address in the span: telemetry leaves the node, personal data does not.
        using var span = Source.StartActivity("mail send");
        var started = Stopwatch.GetTimestamp();
        var outcome = "sent";
        try
        {
            await inner.SendAsync(mail, cancellationToken);
        }
        catch (MailDeliveryException ex)
        {
            outcome = ex.Permanent ? "permanent" : "transient";
            span?.SetStatus(ActivityStatusCode.Error, outcome);
            throw;
        }
        finally
        {
            span?.SetTag("mail.outcome", outcome);
            Deliveries.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
            Duration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }
}
