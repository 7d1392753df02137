using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using TenderConsortium.Workflows.Engine;
using TenderConsortium.Workflows.Hosting;
using TenderConsortium.Workflows.Mail;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.Workflows.Outbox;

/// <summary>
/// Delivers committed outbox rows, at least once, each through the <see cref="IOutboxHandler"/> registered for its type
/// (email is one handler, in the mail project). A batch is claimed by one node for a while (so several nodes never
/// send the same row together); a node that dies mid-batch leaves its claim to expire, and the stable Message-ID makes
/// a repeat recognisable. A node claims only rows of types it has a handler for.
/// </summary>
/// <remarks>
/// Failures: a permanent one (the handler says so: a 5xx, an invalid address) marks the row failed with the reason at once. A transient
/// one (connection refused, 4xx) is retried a few times on the spot (Polly), then the row waits with exponential
/// backoff (durable: next_attempt_at) until <see cref="OutboxOptions.MaxAttempts"/>. When every recent send failed
/// transiently the relay is taken to be down (Polly circuit breaker): sending pauses and rows wait without using up
/// their attempts, so a relay that is down for an hour loses nothing.
/// Recipients who prefer a daily digest have their digestible messages held and composed once a day (<see cref="IMailDigest"/>).
/// </remarks>
public sealed class OutboxDispatcher
{
    private readonly IDbContextFactory<WorkflowDbContext> _dbFactory;
    private readonly Dictionary<string, IOutboxHandler> _handlers;
    private readonly string[] _types;
    private readonly OutboxOptions _options;
    private readonly WorkflowRuntimeOptions _runtime;
    private readonly TimeProvider _time;
    private readonly ILogger<OutboxDispatcher> _logger;
    private readonly IMailDigest? _digest;
    private readonly DigestSchedule _schedule;
    private readonly ResiliencePipeline _pipeline;
    private readonly CircuitBreakerStateProvider _breaker = new();
    private readonly Lock _paceLock = new();
    private DateTimeOffset _nextSendAllowed = DateTimeOffset.MinValue;
    private DateTimeOffset _digestRetryAt = DateTimeOffset.MinValue;
    private long _pausedUntil; // Environment.TickCount64; the breaker itself only half-opens when a send is tried

    public OutboxDispatcher(
        IDbContextFactory<WorkflowDbContext> dbFactory,
        IEnumerable<IOutboxHandler> handlers,
        IOptions<OutboxOptions> options,
        IOptions<WorkflowRuntimeOptions> runtimeOptions,
        TimeProvider time,
        ILogger<OutboxDispatcher> logger,
        IMailDigest? digest = null)
    {
        _dbFactory = dbFactory;
        _handlers = new Dictionary<string, IOutboxHandler>(StringComparer.Ordinal);
        foreach (var handler in handlers) _handlers[handler.Type] = handler; // the last registered for a type wins, as DI's own lookups do
        _types = [.. _handlers.Keys];
        _options = options.Value;
        _runtime = runtimeOptions.Value;
        _time = time;
        _logger = logger;
        _digest = digest;
        _schedule = DigestSchedule.From(_options);
        var problems = _options.Problems();
        if (problems.Count > 0) throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
        _pipeline = BuildPipeline();
    }

    /// <summary>Held mails taken into the digest per statement.</summary>
    private const int DigestSlice = 500;

    /// <summary>Whether sending is paused because the relay looks down.</summary>
    public bool RelayPaused => Environment.TickCount64 < Interlocked.Read(ref _pausedUntil) || _breaker.CircuitState == CircuitState.Isolated;

    /// <summary>Composes due digests, then claims and sends one batch; returns how many messages were sent.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken ct = default)
    {
        if (_digest is not null) await ComposeDueDigestsAsync(ct);
        if (RelayPaused || _types.Length == 0) return 0;

        var now = _time.GetUtcNow();
        var token = Guid.NewGuid();
        var until = now + _options.ClaimDuration;
        // The candidates' keys are kept: every later step finds the claimed rows by key and token, where the token alone
        // (not indexed) read the whole outbox, every mail ever sent, on every dispatch.
        List<long> candidates;
        await using (var db = await _dbFactory.CreateDbContextAsync(ct))
        {
            candidates = await db.Outbox
                .Where(o => o.Status == OutboxStatus.Pending && o.NextAttemptAt <= now && (o.ClaimedUntil == null || o.ClaimedUntil < now) && _types.Contains(o.Type))
                .OrderBy(o => o.CreatedAt)
                .Take(_options.BatchSize)
                .Select(o => o.Id)
                .ToListAsync(ct);
            if (candidates.Count == 0) return 0;
            // The claim re-checks the condition per row, so two nodes racing for a row cannot both win it.
            var claimed = await db.Outbox
                .Where(o => candidates.Contains(o.Id) && o.Status == OutboxStatus.Pending && (o.ClaimedUntil == null || o.ClaimedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.ClaimedBy, _runtime.NodeId).SetProperty(o => o.ClaimToken, token).SetProperty(o => o.ClaimedUntil, until), CancellationToken.None); // a half-cancelled claim would strand rows
            if (claimed == 0) return 0;
        }

        try
        {
            List<OutboxRecord> batch;
            await using (var db = await _dbFactory.CreateDbContextAsync(ct))
            {
                batch = await db.Outbox.AsNoTracking().Where(o => candidates.Contains(o.Id) && o.ClaimToken == token).OrderBy(o => o.CreatedAt).ToListAsync(ct);
            }

            if (_digest is not null) batch = await HoldForDigestAsync(batch, token, ct);
            return await SendBatchAsync(batch, token, ct);
        }
        catch (OperationCanceledException)
        {
            // A node shutting down hands back what it has not sent, so another node need not wait for the claim to expire.
            await using var db = await _dbFactory.CreateDbContextAsync(CancellationToken.None);
            await db.Outbox.Where(o => candidates.Contains(o.Id) && o.ClaimToken == token && o.Status == OutboxStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.ClaimedUntil, (DateTimeOffset?)null), CancellationToken.None);
            throw;
        }
    }

    private async Task<int> SendBatchAsync(List<OutboxRecord> batch, Guid token, CancellationToken ct)
    {
        var sent = 0;
        var marks = new DeliveredMarks(_dbFactory, token, _time, _options.MarkGroupSize);
        try
        {
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = ct }, async (row, token2) =>
            {
                if (await SendOneAsync(row, token, marks, token2)) Interlocked.Increment(ref sent);
            });
        }
        finally
        {
            // Before the batch ends (and before a stopping node hands its claim back): what was delivered is marked.
            await marks.FlushAsync();
        }

        return sent;
    }

    private async Task<bool> SendOneAsync(OutboxRecord row, Guid token, DeliveredMarks marks, CancellationToken ct)
    {
        var handler = _handlers[row.Type];
        var message = new OutboxMessage(row.Id, row.Type, row.MessageId, row.InstanceId, row.Payload, row.Attempts, row.CreatedAt);
        try
        {
            await PaceAsync(ct);
            await _pipeline.ExecuteAsync(async c =>
            {
                try
                {
                    await handler.HandleAsync(message, c);
                }
                catch (Exception ex) when (ex is not OperationCanceledException && handler.IsPermanent(ex))
                {
                    // Not retried on the spot nor counted against the relay: it would fail the same way again.
                    throw new PermanentFailure(ex);
                }
            }, ct);
        }
        catch (BrokenCircuitException)
        {
            await DeferAsync(row, token);
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await FailAsync(row, token, ex);
            return false;
        }

        CrashPoints.Hit("outbox-delivered");
        await marks.AddAsync(row.Id);
        return true;
    }

    private async Task FailAsync(OutboxRecord row, Guid token, Exception ex)
    {
        var attempts = row.Attempts + 1;
        var permanent = ex is PermanentFailure;
        var reason = Reason(ex, _handlers.GetValueOrDefault(row.Type));
        if (permanent || attempts >= _options.MaxAttempts)
        {
            _logger.LogWarning("Outbox {Type} message {MessageId} ({Event}) to {Recipient} failed for good after {Attempts} attempt(s): {Reason}",
                row.Type, row.MessageId, row.Event, row.Recipient, attempts, reason);
            await MarkAsync(row, token, o => o.SetProperty(r => r.Status, OutboxStatus.Failed).SetProperty(r => r.Attempts, attempts)
                .SetProperty(r => r.LastError, reason).SetProperty(r => r.NextAttemptAt, _time.GetUtcNow())
                .SetProperty(r => r.ClaimedUntil, (DateTimeOffset?)null), CancellationToken.None);
            return;
        }

        var delay = TimeSpan.FromTicks(Math.Min(_options.RetryMaxDelay.Ticks, _options.RetryBaseDelay.Ticks * (1L << Math.Min(attempts - 1, 20))));
        var next = _time.GetUtcNow() + delay;
        _logger.LogInformation("Outbox {Type} message {MessageId} to {Recipient} will be retried at {Next}: {Reason}", row.Type, row.MessageId, row.Recipient, next, reason);
        await MarkAsync(row, token, o => o.SetProperty(r => r.Attempts, attempts).SetProperty(r => r.LastError, reason)
            .SetProperty(r => r.NextAttemptAt, next).SetProperty(r => r.ClaimedUntil, (DateTimeOffset?)null), CancellationToken.None);
    }

    /// <summary>The relay is down: the row waits for the pause to end and keeps its attempts.</summary>
    private async Task DeferAsync(OutboxRecord row, Guid token)
    {
        var next = _time.GetUtcNow() + _options.BreakDuration;
        await MarkAsync(row, token, o => o.SetProperty(r => r.NextAttemptAt, next)
            .SetProperty(r => r.LastError, "The mail relay is not answering; sending is paused and will resume by itself.")
            .SetProperty(r => r.ClaimedUntil, (DateTimeOffset?)null), CancellationToken.None);
    }

    private async Task MarkAsync(OutboxRecord row, Guid token,
        Func<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<OutboxRecord>, Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<OutboxRecord>> set,
        CancellationToken ct)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        await db.Outbox.Where(o => o.Id == row.Id && o.ClaimToken == token).ExecuteUpdateAsync(s => set(s), ct);
    }

    private async Task PaceAsync(CancellationToken ct)
    {
        if (_options.MaxPerSecond <= 0) return;
        DateTimeOffset slot;
        var now = TimeProvider.System.GetUtcNow(); // the relay's limit is in real seconds, whatever clock the workflows run on
        lock (_paceLock)
        {
            slot = _nextSendAllowed > now ? _nextSendAllowed : now;
            _nextSendAllowed = slot + TimeSpan.FromSeconds(1 / _options.MaxPerSecond);
        }

        if (slot > now) await Task.Delay(slot - now, ct);
    }

    private ResiliencePipeline BuildPipeline()
    {
        static bool Transient(Outcome<object> outcome) => outcome.Exception is not null and not OperationCanceledException and not PermanentFailure;
        // Real time on purpose: quick retries and the relay's pause are about how a real server behaves now, not about
        // business deadlines; when rows wait, next_attempt_at is written from the injected clock.
        var builder = new ResiliencePipelineBuilder { TimeProvider = TimeProvider.System };
        if (_options.QuickRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(Transient(args.Outcome)),
                MaxRetryAttempts = _options.QuickRetries,
                Delay = _options.QuickRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            ShouldHandle = args => ValueTask.FromResult(Transient(args.Outcome)),
            FailureRatio = 1.0,
            MinimumThroughput = _options.BreakAfterFailures,
            SamplingDuration = _options.BreakSamplingDuration,
            BreakDuration = _options.BreakDuration,
            StateProvider = _breaker,
            OnOpened = args =>
            {
                Interlocked.Exchange(ref _pausedUntil, Environment.TickCount64 + (long)args.BreakDuration.TotalMilliseconds);
                _logger.LogWarning("The mail relay failed {Count} times in a row ({Reason}); sending pauses for {Pause}",
                    _options.BreakAfterFailures, Reason(args.Outcome.Exception), args.BreakDuration);
                return ValueTask.CompletedTask;
            },
            OnClosed = _ =>
            {
                _logger.LogInformation("The mail relay answers again; sending resumes");
                return ValueTask.CompletedTask;
            },
        });
        return builder.Build();
    }

    /// <summary>Why a delivery failed, in the handler's words when it has some (they are what the lead reads).</summary>
    private static string Reason(Exception? ex, IOutboxHandler? handler = null) => ex switch
    {
        null => "unknown",
        PermanentFailure p => Reason(p.InnerException, handler),
        _ when handler is not null => handler.Describe(ex),
        _ => IOutboxHandler.DescribeAny(ex),
    };

    /// <summary>A failure the message's handler called permanent, so that the retry and the relay's breaker pass it by.</summary>
    private sealed class PermanentFailure(Exception inner) : Exception(inner.Message, inner);

    // ---- Daily digest -------------------------------------------------------------------------------------------

    /// <summary>Rows of this batch whose recipient prefers the digest and whose event may wait are held; the rest are returned.</summary>
    private async Task<List<OutboxRecord>> HoldForDigestAsync(List<OutboxRecord> batch, Guid token, CancellationToken ct)
    {
        var waitable = batch.Where(r => r.Type == OutboxMessageTypes.Email && _digest!.CanWait(r.Event)).ToList();
        if (waitable.Count == 0) return batch;
        var recipients = waitable.Select(r => MailPreferences.Normalise(r.Recipient)).Distinct().ToList();
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var digestOf = (await db.MailPreferences.AsNoTracking().Where(p => recipients.Contains(p.Recipient) && p.Digest).Select(p => p.Recipient).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var held = waitable.Where(r => digestOf.Contains(MailPreferences.Normalise(r.Recipient))).Select(r => r.Id).ToList();
        if (held.Count == 0) return batch;
        var due = _schedule.NextAfter(_time.GetUtcNow());
        await db.Outbox.Where(o => held.Contains(o.Id) && o.ClaimToken == token)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OutboxStatus.Held).SetProperty(o => o.NextAttemptAt, due)
                .SetProperty(o => o.ClaimedUntil, (DateTimeOffset?)null), CancellationToken.None);
        return batch.Where(r => !held.Contains(r.Id)).ToList();
    }

    /// <summary>
    /// Turns held rows that are due into one digest row per recipient, in one transaction: the held rows become
    /// Digested and the digest is an ordinary pending row with its own stable Message-ID.
    /// </summary>
    public async Task<int> ComposeDueDigestsAsync(CancellationToken ct = default)
    {
        if (_digest is null) return 0;
        var now = _time.GetUtcNow();
        if (now < _digestRetryAt) return 0;
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        if (!await db.Outbox.AnyAsync(o => o.Status == OutboxStatus.Held && o.NextAttemptAt <= now, ct)) return 0;

        var token = Guid.NewGuid();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            // By key, as in the claim (the token alone is not indexed), in slices that stay far below the databases'
            // limits on bound values however many mails a day held.
            var due = await db.Outbox.Where(o => o.Status == OutboxStatus.Held && o.NextAttemptAt <= now).Select(o => o.Id).ToListAsync(ct);
            var rows = new List<OutboxRecord>(due.Count);
            foreach (var slice in due.Chunk(DigestSlice))
            {
                await db.Outbox.Where(o => slice.Contains(o.Id) && o.Status == OutboxStatus.Held)
                    .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OutboxStatus.Digested).SetProperty(o => o.ClaimToken, token)
                        .SetProperty(o => o.SentAt, now), ct);
                rows.AddRange(await db.Outbox.AsNoTracking().Where(o => slice.Contains(o.Id) && o.ClaimToken == token).ToListAsync(ct));
            }

            if (rows.Count == 0) return 0;
            rows.Sort((a, b) => a.CreatedAt.CompareTo(b.CreatedAt) is var c && c != 0 ? c : a.Id.CompareTo(b.Id));
            var day = _schedule.DayOf(now);
            var composed = 0;
            foreach (var group in rows.GroupBy(r => MailPreferences.Normalise(r.Recipient)))
            {
                var held = group.Select(r => new HeldMail(JsonSerializer.Deserialize<OutgoingMail>(r.Payload)!, r.CreatedAt)).ToList();
                var messageId = DigestMessageId(group.Key, day, group.Select(r => r.Id));
                var digest = _digest.Compose(messageId, group.First().Recipient, day, held);
                db.Outbox.Add(new OutboxRecord
                {
                    InstanceId = null,
                    Type = OutboxMessageTypes.Email,
                    MessageId = messageId,
                    Event = $"digest:{day:yyyy-MM-dd}",
                    Recipient = digest.To,
                    Subject = digest.Subject,
                    Payload = JsonSerializer.Serialize(digest),
                    Status = OutboxStatus.Pending,
                    CreatedAt = now,
                    NextAttemptAt = now,
                });
                composed++;
            }

            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            _logger.LogInformation("Composed {Digests} daily digest(s) from {Messages} held message(s)", composed, rows.Count);
            return composed;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await tx.RollbackAsync(CancellationToken.None);
            _digestRetryAt = now + TimeSpan.FromMinutes(1);
            _logger.LogError(ex, "Daily digests could not be composed; the held messages wait and this is tried again in a minute");
            return 0;
        }
    }

    /// <summary>Stable for the same held rows, so a digest composed again after a crash is recognisable.</summary>
    private string DigestMessageId(string recipient, DateOnly day, IEnumerable<long> rows)
    {
        var key = $"{recipient}|{day:yyyy-MM-dd}|{string.Join(',', rows.Order())}";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 16));
        return $"<digest-{day:yyyyMMdd}-{hash}@{_runtime.MessageIdDomain}>";
    }
}
