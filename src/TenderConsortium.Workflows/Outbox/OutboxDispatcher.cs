using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TenderConsortium.Workflows.Engine;
using TenderConsortium.Workflows.Hosting;
using TenderConsortium.Workflows.Mail;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.Workflows.Outbox;

/// <summary>
/// Delivers committed outbox rows through the mail port, at least once. A batch is claimed by one node for a
/// while (so several nodes never send the same row together); a node that dies mid-batch leaves its claim to
/// expire, and the stable Message-ID makes a repeat recognisable.
/// </summary>
public sealed class OutboxDispatcher(
    IDbContextFactory<WorkflowDbContext> dbFactory,
    IMailTransport transport,
    IOptions<OutboxOptions> options,
    IOptions<WorkflowRuntimeOptions> runtimeOptions,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger)
{
    private readonly OutboxOptions _options = options.Value;
    private readonly string _node = runtimeOptions.Value.NodeId;
    private DateTimeOffset _nextSendAllowed = DateTimeOffset.MinValue;

    /// <summary>Claims and sends one batch; returns how many were sent.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var token = Guid.NewGuid();
        var until = now + _options.ClaimDuration;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var candidates = db.Outbox
                .Where(o => o.Status == OutboxStatus.Pending && o.NextAttemptAt <= now && (o.ClaimedUntil == null || o.ClaimedUntil < now))
                .OrderBy(o => o.CreatedAt)
                .Take(_options.BatchSize)
                .Select(o => o.Id);
            // The claim re-checks the condition per row, so two nodes racing for a row cannot both win it.
            var claimed = await db.Outbox
                .Where(o => candidates.Contains(o.Id) && o.Status == OutboxStatus.Pending && (o.ClaimedUntil == null || o.ClaimedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.ClaimedBy, _node).SetProperty(o => o.ClaimToken, token).SetProperty(o => o.ClaimedUntil, until), CancellationToken.None); // a half-cancelled claim would strand rows
            if (claimed == 0) return 0;
        }

        try
        {
            List<OutboxRecord> batch;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                batch = await db.Outbox.AsNoTracking().Where(o => o.ClaimToken == token).OrderBy(o => o.CreatedAt).ToListAsync(ct);
            }

            return await SendBatchAsync(batch, token, ct);
        }
        catch (OperationCanceledException)
        {
            // A node shutting down hands back what it has not sent, so another node need not wait for the claim to expire.
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            await db.Outbox.Where(o => o.ClaimToken == token && o.Status == OutboxStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.ClaimedUntil, (DateTimeOffset?)null), CancellationToken.None);
            throw;
        }
    }

    private async Task<int> SendBatchAsync(List<OutboxRecord> batch, Guid token, CancellationToken ct)
    {
        var sent = 0;
        foreach (var row in batch)
        {
            await PaceAsync(ct);
            var mail = JsonSerializer.Deserialize<OutgoingMail>(row.Message)!;
            try
            {
                await transport.SendAsync(mail, ct);
                CrashPoints.Hit("outbox-delivered");
                await MarkAsync(row, token, o => o.SetProperty(r => r.Status, OutboxStatus.Sent)
                    .SetProperty(r => r.SentAt, time.GetUtcNow())
                    .SetProperty(r => r.Attempts, row.Attempts + 1)
                    .SetProperty(r => r.ClaimedUntil, (DateTimeOffset?)null), CancellationToken.None); // sent is sent: record it even when stopping
                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await FailAsync(row, token, ex, ct);
            }
        }

        return sent;
    }

    private async Task FailAsync(OutboxRecord row, Guid token, Exception ex, CancellationToken ct)
    {
        var attempts = row.Attempts + 1;
        var permanent = ex is MailDeliveryException { Permanent: true };
        var reason = ex.Message;
        if (permanent || attempts >= _options.MaxAttempts)
        {
            logger.LogWarning("Email {MessageId} to {Recipient} failed for good: {Reason}", row.MessageId, row.Recipient, reason);
            await MarkAsync(row, token, o => o.SetProperty(r => r.Status, OutboxStatus.Failed).SetProperty(r => r.Attempts, attempts)
                .SetProperty(r => r.LastError, reason).SetProperty(r => r.ClaimedUntil, (DateTimeOffset?)null), ct);
            return;
        }

        var delay = TimeSpan.FromTicks(Math.Min(_options.RetryMaxDelay.Ticks, _options.RetryBaseDelay.Ticks * (1L << Math.Min(attempts - 1, 20))));
        var next = time.GetUtcNow() + delay;
        logger.LogInformation("Email {MessageId} to {Recipient} will be retried at {Next}: {Reason}", row.MessageId, row.Recipient, next, reason);
        await MarkAsync(row, token, o => o.SetProperty(r => r.Attempts, attempts).SetProperty(r => r.LastError, reason)
            .SetProperty(r => r.NextAttemptAt, next).SetProperty(r => r.ClaimedUntil, (DateTimeOffset?)null), ct);
    }

    private async Task MarkAsync(OutboxRecord row, Guid token,
        Func<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<OutboxRecord>, Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<OutboxRecord>> set,
        CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Outbox.Where(o => o.Id == row.Id && o.ClaimToken == token).ExecuteUpdateAsync(s => set(s), ct);
    }

    private async Task PaceAsync(CancellationToken ct)
    {
        if (_options.MaxPerSecond <= 0) return;
        var now = time.GetUtcNow();
        if (_nextSendAllowed > now) await Task.Delay(_nextSendAllowed - now, time, ct);
        _nextSendAllowed = (_nextSendAllowed > now ? _nextSendAllowed : now) + TimeSpan.FromSeconds(1 / _options.MaxPerSecond);
    }
}
