using System.Diagnostics;
using TenderConsortium.Workflows.Mail;

namespace TenderConsortium.Benchmarking.Mail;

/// <summary>The transport the outbox sends through, timed: how long sends took in all, to tell the relay's time from the outbox's.</summary>
internal sealed class TimedTransport(IMailTransport inner) : IMailTransport
{
    private long _busyTicks;

    public TimeSpan Busy => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _busyTicks));

    public void Reset() => Interlocked.Exchange(ref _busyTicks, 0);

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await inner.SendAsync(mail, cancellationToken);
        }
        finally
        {
            Interlocked.Add(ref _busyTicks, Stopwatch.GetTimestamp() - started);
        }
    }
}
