using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Metadata;

namespace TenderConsortium.Workflows.Persistence;

/// <summary>
/// The burst's hand-written statements (see <see cref="InstanceStore.PersistAsync"/>), with the properties their values
/// are bound through, worked out once per model: looking each property and column name up in the model and building
/// the SQL on every resume was about 3 % of a resume's CPU (perf, one instance resumed in a loop on /dev/shm).
/// </summary>
internal sealed class BurstStatements
{
    private static readonly ConditionalWeakTable<IModel, BurstStatements> ByModel = new();

    public static BurstStatements For(BurstWriter writer) => ByModel.GetValue(writer.Model, _ => new BurstStatements(writer));

    private BurstStatements(BurstWriter writer)
    {
        IProperty Of<T>(string name) where T : class => writer.Property<T>(name);
        string Col(IProperty p) => writer.Column(p);

        BookmarkInstance = Of<BookmarkRecord>(nameof(BookmarkRecord.InstanceId));
        BookmarkName = Of<BookmarkRecord>(nameof(BookmarkRecord.Name));
        BookmarkKey = Of<BookmarkRecord>(nameof(BookmarkRecord.Key));
        BookmarkActivity = Of<BookmarkRecord>(nameof(BookmarkRecord.ActivityId));
        BookmarkCreatedAt = Of<BookmarkRecord>(nameof(BookmarkRecord.CreatedAt));
        TimerId = Of<TimerRecord>(nameof(TimerRecord.Id));
        TimerInstance = Of<TimerRecord>(nameof(TimerRecord.InstanceId));
        TimerStatus = Of<TimerRecord>(nameof(TimerRecord.Status));
        SignalStatus = Of<SignalRecord>(nameof(SignalRecord.Status));
        SignalAppliedAt = Of<SignalRecord>(nameof(SignalRecord.AppliedAt));
        SignalId = Of<SignalRecord>(nameof(SignalRecord.Id));
        SignalKeyInstance = Of<SignalKeyRecord>(nameof(SignalKeyRecord.InstanceId));
        SignalKey = Of<SignalKeyRecord>(nameof(SignalKeyRecord.IdempotencyKey));
        JournalInstance = Of<JournalBurstRecord>(nameof(JournalBurstRecord.InstanceId));
        JournalAt = Of<JournalBurstRecord>(nameof(JournalBurstRecord.At));
        JournalNode = Of<JournalBurstRecord>(nameof(JournalBurstRecord.Node));
        JournalEntries = Of<JournalBurstRecord>(nameof(JournalBurstRecord.Entries));
        JournalPrevious = Of<JournalBurstRecord>(nameof(JournalBurstRecord.PreviousId));
        JournalHead = Of<InstanceRecord>(nameof(InstanceRecord.JournalHead));

        var bookmarks = writer.Table<BookmarkRecord>();
        var timers = writer.Table<TimerRecord>();
        var bookmark = $"{Col(BookmarkInstance)} = {{2}} AND {Col(BookmarkName)} = {{3}} AND {Col(BookmarkKey)} = {{4}}";
        RearmBookmark = $"UPDATE {bookmarks} SET {Col(BookmarkActivity)} = {{0}}, {Col(BookmarkCreatedAt)} = {{1}} "
            + $"WHERE {bookmark} AND {Col(BookmarkActivity)} <> {{5}}";
        DeleteBookmark = $"DELETE FROM {bookmarks} WHERE {Col(BookmarkInstance)} = {{0}} AND {Col(BookmarkName)} = {{1}} AND {Col(BookmarkKey)} = {{2}}";
        DeleteBookmarks = $"DELETE FROM {bookmarks} WHERE {Col(BookmarkInstance)} = {{0}}";
        CancelTimer = $"UPDATE {timers} SET {Col(TimerStatus)} = {{0}} WHERE {Col(TimerId)} = {{1}} AND {Col(TimerStatus)} = {{2}}";
        CancelTimers = $"UPDATE {timers} SET {Col(TimerStatus)} = {{0}} WHERE {Col(TimerInstance)} = {{1}} AND {Col(TimerStatus)} = {{2}}";
        ApplySignal = $"UPDATE {writer.Table<SignalRecord>()} SET {Col(SignalStatus)} = {{0}}, {Col(SignalAppliedAt)} = {{1}} WHERE {Col(SignalId)} = {{2}}";
        // A key can already be there when a signal was kept for the instance while another node held it (that path
        // writes its key at once): the batch must not fail the burst for it.
        InsertSignalKey = $"INSERT INTO {writer.Table<SignalKeyRecord>()} ({Col(SignalKeyInstance)}, {Col(SignalKey)}) VALUES ({{0}}, {{1}}) ON CONFLICT DO NOTHING";
        var insertJournal = $"INSERT INTO {writer.Table<JournalBurstRecord>()} ({Col(JournalInstance)}, {Col(JournalAt)}, {Col(JournalNode)}, "
            + $"{Col(JournalEntries)}, {Col(JournalPrevious)}) VALUES ({{0}}, {{1}}, {{2}}, {{3}}, ";
        InsertJournal = insertJournal + "{4})";
        InsertJournalAfterLast = insertJournal + writer.LastInsertedId + ")";
    }

    public IProperty BookmarkInstance { get; }
    public IProperty BookmarkName { get; }
    public IProperty BookmarkKey { get; }
    public IProperty BookmarkActivity { get; }
    public IProperty BookmarkCreatedAt { get; }
    public IProperty TimerId { get; }
    public IProperty TimerInstance { get; }
    public IProperty TimerStatus { get; }
    public IProperty SignalStatus { get; }
    public IProperty SignalAppliedAt { get; }
    public IProperty SignalId { get; }
    public IProperty SignalKeyInstance { get; }
    public IProperty SignalKey { get; }
    public IProperty JournalInstance { get; }
    public IProperty JournalAt { get; }
    public IProperty JournalNode { get; }
    public IProperty JournalEntries { get; }
    public IProperty JournalPrevious { get; }
    public IProperty JournalHead { get; }

    /// <summary>A consumed bookmark armed again by the same burst, moved only if its activity changed: {0} activity, {1} created, {2}–{4} key, {5} activity.</summary>
    public string RearmBookmark { get; }

    /// <summary>{0} instance, {1} name, {2} key.</summary>
    public string DeleteBookmark { get; }

    /// <summary>Every bookmark of instance {0}.</summary>
    public string DeleteBookmarks { get; }

    /// <summary>{0} new status, {1} timer, {2} status it must still have.</summary>
    public string CancelTimer { get; }

    /// <summary>{0} new status, {1} instance, {2} status they must still have.</summary>
    public string CancelTimers { get; }

    /// <summary>{0} status, {1} applied at, {2} the signal's id.</summary>
    public string ApplySignal { get; }

    /// <summary>{0} instance, {1} idempotency key; nothing when it is recorded already.</summary>
    public string InsertSignalKey { get; }

    /// <summary>A journal row: {0} instance, {1} at, {2} node, {3} entries, {4} the burst before it.</summary>
    public string InsertJournal { get; }

    /// <summary>A further row of the same burst, after the one just inserted: {0}–{3} as <see cref="InsertJournal"/>.</summary>
    public string InsertJournalAfterLast { get; }
}
