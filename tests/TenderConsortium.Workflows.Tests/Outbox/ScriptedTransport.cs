using System.Collections.Concurrent;
using TenderConsortium.Workflows.Mail;

namespace TenderConsortium.Workflows.Tests.Outbox;

/// <summary>A mail port whose answer per recipient the test chooses; records what it delivered and how many sends overlapped.</summary>
public sealed class ScriptedTransport : IMailTransport
{
    private readonly ConcurrentDictionary<string, Queue<Exception?>> _answers = new(StringComparer.OrdinalIgnoreCase);
    private int _inFlight;

    public ConcurrentQueue<OutgoingMail> Delivered { get; } = new();
    public Exception? Always { get; set; }
    public TimeSpan SendTime { get; set; }
    public int MaxInFlight { get; private set; }
    public int Calls;

    /// <summary>The next sends to this recipient fail with these exceptions, in order; then they succeed.</summary>
    public void Answer(string recipient, params Exception[] failures) => _answers[recipient] = new Queue<Exception?>(failures);

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Calls);
        var now = Interlocked.Increment(ref _inFlight);
        lock (this) MaxInFlight = Math.Max(MaxInFlight, now);
        try
        {
            if (SendTime > TimeSpan.Zero) await Task.Delay(SendTime, cancellationToken);
            if (Always is not null) throw Always;
            if (_answers.TryGetValue(mail.To, out var queue))
            {
                Exception? next = null;
                lock (queue)
                {
                    if (queue.Count > 0) next = queue.Dequeue();
                }

                if (next is not null) throw next;
            }

            Delivered.Enqueue(mail);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public static MailDeliveryException Permanent(string reason = "550 5.1.1 Mailbox does not exist") => new(reason, permanent: true);

    public static MailDeliveryException Transient(string reason = "450 4.2.1 Mailbox busy") => new(reason, permanent: false);
}
