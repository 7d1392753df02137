using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace TenderConsortium.Web.Declarations;

/// <summary>
/// Slows a client that keeps presenting bad member links (guessing tokens): after too many failures in the window
/// it must wait, longer each time, before any link is looked at again. Per node and in memory: tokens carry 256
/// bits, so this only has to make guessing pointless, not impossible.
/// </summary>
public sealed class TokenThrottle(IOptions<TokenThrottleOptions> options, TimeProvider time)
{
    private readonly TokenThrottleOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, Entry> _clients = new();

    /// <summary>How long the client must still wait, or null when it may try.</summary>
    public TimeSpan? WaitFor(string client)
    {
        if (!_clients.TryGetValue(client, out var entry)) return null;
        lock (entry)
        {
            var now = time.GetUtcNow();
            return entry.BlockedUntil > now ? entry.BlockedUntil - now : null;
        }
    }

    public void Failed(string client)
    {
        var entry = _clients.GetOrAdd(client, _ => new Entry());
        lock (entry)
        {
            var now = time.GetUtcNow();
            entry.Failures.Enqueue(now);
            while (entry.Failures.Count > 0 && entry.Failures.Peek() < now - _options.Window) entry.Failures.Dequeue();
            var over = entry.Failures.Count - _options.MaxFailures;
            if (over <= 0) return;
            var delay = TimeSpan.FromTicks(Math.Min(_options.MaxDelay.Ticks, _options.BaseDelay.Ticks * (1L << Math.Min(over - 1, 20))));
            entry.BlockedUntil = now + delay;
        }

        if (_clients.Count > 10_000) Prune();
    }

    private void Prune()
    {
        var cutoff = time.GetUtcNow() - _options.Window - _options.MaxDelay;
        foreach (var (key, entry) in _clients)
        {
            lock (entry)
            {
                if (entry.BlockedUntil < cutoff && (entry.Failures.Count == 0 || entry.Failures.Max() < cutoff)) _clients.TryRemove(key, out _);
            }
        }
    }

    private sealed class Entry
    {
        public Queue<DateTimeOffset> Failures { get; } = new();
        public DateTimeOffset BlockedUntil { get; set; }
    }
}
