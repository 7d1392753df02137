using Microsoft.EntityFrameworkCore;

namespace TenderConsortium.Workflows.Persistence;

/// <summary>The runtime's tables. Table and column names are snake_case so hand-written SQL reads naturally.</summary>
public sealed class WorkflowDbContext(DbContextOptions<WorkflowDbContext> options) : DbContext(options)
{
    public const string MigrationsHistoryTable = "__workflow_migrations";

    public DbSet<DefinitionVersionRecord> Definitions => Set<DefinitionVersionRecord>();
    public DbSet<InstanceRecord> Instances => Set<InstanceRecord>();
    public DbSet<BookmarkRecord> Bookmarks => Set<BookmarkRecord>();
    public DbSet<SignalRecord> Signals => Set<SignalRecord>();
    public DbSet<TimerRecord> Timers => Set<TimerRecord>();
    public DbSet<JournalRecord> Journal => Set<JournalRecord>();
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
            e.HasIndex(x => new { x.Status, x.UpdatedAt });
            e.HasIndex(x => x.CorrelationId);
            e.HasIndex(x => x.LeaseExpiresAt);
            Columns(e);
        });
        b.Entity<BookmarkRecord>(e =>
        {
            e.ToTable("wf_bookmarks");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.InstanceId, x.Name, x.Key }).IsUnique();
            Columns(e);
        });
        b.Entity<SignalRecord>(e =>
        {
            e.ToTable("wf_signals");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.InstanceId, x.IdempotencyKey }).IsUnique();
            e.HasIndex(x => new { x.InstanceId, x.Status });
            Columns(e);
        });
        b.Entity<TimerRecord>(e =>
        {
            e.ToTable("wf_timers");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.Status, x.DueAt });
            e.HasIndex(x => x.InstanceId);
            Columns(e);
        });
        b.Entity<JournalRecord>(e =>
        {
            e.ToTable("wf_journal");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedOnAdd();
            e.HasIndex(x => new { x.InstanceId, x.Id });
            Columns(e);
        });
        b.Entity<OutboxRecord>(e =>
        {
            e.ToTable("wf_outbox");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.MessageId).IsUnique();
            e.HasIndex(x => new { x.Status, x.NextAttemptAt });
            e.HasIndex(x => x.InstanceId);
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
