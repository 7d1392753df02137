using Microsoft.EntityFrameworkCore;

namespace TenderConsortium.Workflows.Persistence;

/// <summary>The runtime's tables. Table and column names are snake_case so hand-written SQL reads naturally.</summary>
public sealed class WorkflowDbContext(DbContextOptions<WorkflowDbContext> options) : DbContext(options)
{
    public const string MigrationsHistoryTable = "__workflow_migrations";

    // Partial-index conditions, the same text in the model and the migration. OR-terms rather than IN so that SQLite
    // sees that "status = 'Pending'" in a query implies the index's condition.
    internal const string PendingSignals = "status = 'Pending'";
    internal const string PendingTimers = "status = 'Pending'";
    internal const string KeptSignals = "pending_signals > 0";
    internal const string WaitingMail = "status = 'Pending' OR status = 'Held' OR status = 'Failed'";

    public DbSet<DefinitionVersionRecord> Definitions => Set<DefinitionVersionRecord>();
    public DbSet<InstanceRecord> Instances => Set<InstanceRecord>();
    public DbSet<BookmarkRecord> Bookmarks => Set<BookmarkRecord>();
    public DbSet<SignalRecord> Signals => Set<SignalRecord>();
    public DbSet<SignalKeyRecord> SignalKeys => Set<SignalKeyRecord>();
    public DbSet<TimerRecord> Timers => Set<TimerRecord>();
    public DbSet<JournalRecord> Journal => Set<JournalRecord>();
    public DbSet<JournalBurstRecord> JournalBursts => Set<JournalBurstRecord>();
    public DbSet<OutboxRecord> Outbox => Set<OutboxRecord>();
    public DbSet<MailPreferenceRecord> MailPreferences => Set<MailPreferenceRecord>();

    /// <summary>
    /// The runtime always saves inside its own transaction; EF's automatic savepoint around SaveChanges would only
    /// add two statements to every burst.
    /// </summary>
    public override Task<int> SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        Database.AutoSavepointsEnabled = false;
        return base.SaveChangesAsync(cancellationToken);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<DefinitionVersionRecord>(e =>
        {
            e.ToTable("wf_definitions");
            e.HasKey(x => new { x.DefinitionId, x.Version });
            e.HasIndex(x => new { x.DefinitionId, x.Hash }).IsUnique();
            Columns(e);
        });
        b.Entity<InstanceRecord>(e =>
        {
            e.ToTable("wf_instances");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.Status, x.CreatedAt }).HasDatabaseName("ix_wf_instances_status_created_at");
            e.HasIndex(x => x.UpdatedAt).HasDatabaseName("ix_wf_instances_kept_signals").HasFilter(KeptSignals);
            e.HasIndex(x => x.CorrelationId);
            e.HasIndex(x => x.LeaseExpiresAt);
            Columns(e);
        });
        // The hot path's tables (see the LeanHotPath migration): keyed by what they are looked up by, indexes only on
        // rows that are still waiting, so a resume touches as few B-trees as it can.
        b.Entity<BookmarkRecord>(e =>
        {
            e.ToTable("wf_bookmarks");
            e.HasKey(x => new { x.InstanceId, x.Name, x.Key }).HasName("pk_wf_bookmarks");
            Columns(e);
        });
        // Signals as a log (see the SignalLog migration): appended at the right edge, indexed only while they wait; the
        // keys a retry is recognised by in a narrow table of their own, written in batches per instance.
        b.Entity<SignalRecord>(e =>
        {
            e.ToTable("wf_signals");
            e.HasKey(x => x.Id).HasName("pk_wf_signals");
            e.Property(x => x.Id).ValueGeneratedOnAdd().HasAnnotation("Sqlite:Autoincrement", false);
            e.HasIndex(x => new { x.InstanceId, x.ReceivedAt }).HasDatabaseName("ix_wf_signals_pending").HasFilter(PendingSignals);
            Columns(e);
        });
        b.Entity<SignalKeyRecord>(e =>
        {
            e.ToTable("wf_signal_keys");
            e.HasKey(x => new { x.InstanceId, x.IdempotencyKey }).HasName("pk_wf_signal_keys");
            Columns(e);
        });
        b.Entity<TimerRecord>(e =>
        {
            e.ToTable("wf_timers");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.DueAt).HasDatabaseName("ix_wf_timers_pending_due_at").HasFilter(PendingTimers);
            e.HasIndex(x => x.InstanceId);
            Columns(e);
        });
        b.Entity<JournalBurstRecord>(e =>
        {
            e.ToTable("wf_journal_bursts");
            e.HasKey(x => x.Id).HasName("pk_wf_journal_bursts");
            // Ids are only ever appended (the table's largest plus one): AUTOINCREMENT's bookkeeping row is a write per burst.
            e.Property(x => x.Id).ValueGeneratedOnAdd().HasAnnotation("Sqlite:Autoincrement", false);
            // No index on the instance: its bursts are chained (PreviousId from InstanceRecord.JournalHead), see JournalChain.
            Columns(e);
        });
        b.Entity<JournalRecord>(e =>
        {
            e.ToView("wf_journal");
            e.HasKey(x => x.Id);
            Columns(e);
        });
        // The outbox (see the TypedOutbox migration): a rowid table, appended at its right edge, with one index, on the
        // rows still waiting. A resume writes two pages here instead of seven: the Message-ID is derived from
        // (instance, event, addressee) and written once inside the burst's commit, so no unique index guards it, and
        // the rare lookups by instance or Message-ID (a person's list, retention, the refusal follow-up) read the table.
        b.Entity<OutboxRecord>(e =>
        {
            e.ToTable("wf_outbox");
            e.HasKey(x => x.Id).HasName("pk_wf_outbox");
            e.Property(x => x.Id).ValueGeneratedOnAdd().HasAnnotation("Sqlite:Autoincrement", false);
            e.HasIndex(x => new { x.Status, x.NextAttemptAt }).HasDatabaseName("ix_wf_outbox_waiting").HasFilter(WaitingMail);
            Columns(e);
        });
        b.Entity<MailPreferenceRecord>(e =>
        {
            e.ToTable("wf_mail_preferences");
            e.HasKey(x => x.Recipient);
            Columns(e);
        });

        // The hand-written migrations name keys and indexes in lower case (pk_wf_…, ix_wf_…), as PostgreSQL folds
        // unquoted names; the model says the same, so the schema test finds the two equal.
        foreach (var entity in b.Model.GetEntityTypes())
        {
            foreach (var key in entity.GetKeys()) key.SetName(key.GetName()!.ToLowerInvariant());
            foreach (var index in entity.GetIndexes()) index.SetDatabaseName(index.GetDatabaseName()!.ToLowerInvariant());
        }
    }

    private static void Columns<T>(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<T> e) where T : class
    {
        foreach (var p in e.Metadata.GetProperties())
        {
            p.SetColumnName(SnakeCase(p.Name));
        }
    }

    internal static string SnakeCase(string name)
    {
        var sb = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }
}
