using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.Workflows.Engine;

/// <summary>
/// What a burst of activities asked for, held in memory until the burst commits: then bookmarks, timers,
/// journal rows and outbox rows are written in the same transaction as the instance state.
/// </summary>
internal sealed class BurstEffects
{
    public List<BookmarkRecord> NewBookmarks { get; } = [];
    public List<BookmarkRef> RemovedBookmarks { get; } = [];
    public List<TimerRecord> NewTimers { get; } = [];
    public List<Guid> CancelledTimers { get; } = [];
    public List<JournalRecord> Journal { get; } = [];
    public List<OutboxRecord> Outbox { get; } = [];

    /// <summary>Signals received by this call (inserted with their final status).</summary>
    public List<SignalRecord> NewSignals { get; } = [];

    /// <summary>Kept signals, received earlier, that this burst applied (their status is updated).</summary>
    public List<SignalRecord> AppliedSignals { get; } = [];

    /// <summary>A bookmark that goes: one created in this burst is simply not written; an older one is deleted.</summary>
    public void RemoveBookmark(BookmarkRef bookmark)
    {
        if (NewBookmarks.RemoveAll(b => b.Name == bookmark.Name && b.Key == bookmark.Key) == 0) RemovedBookmarks.Add(bookmark);
    }

    /// <summary>A timer that is no longer wanted: one created in this burst is not written; an older one is cancelled.</summary>
    public void CancelTimer(Guid id)
    {
        if (NewTimers.RemoveAll(t => t.Id == id) == 0) CancelledTimers.Add(id);
    }

    /// <summary>A snapshot to roll an activity's effects back when it throws.</summary>
    public (int Bookmarks, int Removed, int Timers, int Cancelled, int Outbox) Checkpoint() =>
        (NewBookmarks.Count, RemovedBookmarks.Count, NewTimers.Count, CancelledTimers.Count, Outbox.Count);

    public void RollBack((int Bookmarks, int Removed, int Timers, int Cancelled, int Outbox) c)
    {
        NewBookmarks.RemoveRange(c.Bookmarks, NewBookmarks.Count - c.Bookmarks);
        RemovedBookmarks.RemoveRange(c.Removed, RemovedBookmarks.Count - c.Removed);
        NewTimers.RemoveRange(c.Timers, NewTimers.Count - c.Timers);
        CancelledTimers.RemoveRange(c.Cancelled, CancelledTimers.Count - c.Cancelled);
        Outbox.RemoveRange(c.Outbox, Outbox.Count - c.Outbox);
    }
}
