using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Intake;
using TenderConsortium.Core.Opportunities;
using TenderConsortium.Persistence.Common;

namespace TenderConsortium.Persistence.Opportunities;

/// <summary>
/// Imports a file of notices in one transaction: all or none. Notices are written in batches as they stream in, so
/// a 10,000-release package is never in memory at once; any error anywhere rolls every batch back. The same OCID
/// imported again updates the opportunity and appends a revision with what changed.
/// </summary>
public sealed class OpportunityImporter(TenderContexts contexts, NoticeReader reader, TimeProvider time)
{
    /// <summary>On the database alone, each write in its own transaction (tools and tests).</summary>
    public OpportunityImporter(string connectionString, NoticeReader reader, TimeProvider time) : this(new TenderContexts(connectionString), reader, time) { }

    public OpportunityImporter(string connectionString) : this(connectionString, new NoticeReader(), TimeProvider.System) { }

    /// <summary>The consortium the notices are imported into (tenancy): the same OCID in another consortium is another opportunity.</summary>
    public string ConsortiumId { get; init; } = Tenancy.Consortia.Default;

    public async Task<OpportunityImportResult> ImportFileAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = ImportFile.Open(path, reader.Options);
        return await ImportAsync(stream, path, cancellationToken);
    }

    /// <remarks>Text that is not text (bytes that are not UTF-8, an escaped lone surrogate) is refused by the readers with its line.</remarks>
    public Task<OpportunityImportResult> ImportAsync(Stream stream, string fileName, CancellationToken cancellationToken = default) =>
        ImportCheckedAsync(stream, fileName, cancellationToken);

    private async Task<OpportunityImportResult> ImportCheckedAsync(Stream stream, string fileName, CancellationToken cancellationToken)
    {
        var problems = new IntakeProblems(reader.Options);
        var run = new Run(reader.Options.MaxReported);
        await using var db = contexts.Open();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var batch = new List<ImportedNotice>(reader.Options.BatchSize);
        await foreach (var notice in reader.ReadAsync(stream, fileName, problems, cancellationToken))
        {
            // After the first error nothing more is written, but reading goes on so every problem is reported at once.
            if (problems.HasErrors) continue;
            batch.Add(notice);
            if (batch.Count >= reader.Options.BatchSize) await FlushAsync(db, batch, run, problems, cancellationToken);
        }

        problems.ThrowIfAny();
        if (run.Total + batch.Count == 0) throw new BadInputException("the file holds no notice to import");
        await FlushAsync(db, batch, run, problems, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new OpportunityImportResult(run.Created, run.Updated, run.Unchanged, run.Reported, problems.Warnings);
    }

    private async Task FlushAsync(TenderDbContext db, List<ImportedNotice> batch, Run run, IntakeProblems problems, CancellationToken cancellationToken)
    {
        if (batch.Count == 0) return;
        var now = time.GetUtcNow().UtcTicks;
        var ocids = batch.Select(n => n.Opportunity.Ocid).Distinct().ToList();
        var existing = await db.Opportunities.Where(o => o.ConsortiumId == ConsortiumId && ocids.Contains(o.Ocid)).ToDictionaryAsync(o => o.Ocid, cancellationToken);
        foreach (var notice in batch)
        {
            var opportunity = notice.Opportunity;
            ImportOutcome outcome;
            string? changes = null;
            if (existing.TryGetValue(opportunity.Ocid, out var record))
            {
                var previous = JsonSerializer.Deserialize<Opportunity>(record.Model, DomainJson.Options)!;
                if (ReleaseOrder.IsOlder(opportunity, previous))
                {
                    problems.Warn(notice.Path, $"{opportunity.Ocid}: this release ({ReleaseOrder.Describe(opportunity)}) is older than the one already imported ({ReleaseOrder.Describe(previous)}); the newer one is kept");
                    run.Add(new ImportedOpportunity(record.Id, previous, ImportOutcome.Unchanged, record.Revision));
                    continue;
                }

                var diff = OpportunityChanges.Between(previous, opportunity);
                if (diff.Count == 0)
                {
                    run.Add(new ImportedOpportunity(record.Id, opportunity, ImportOutcome.Unchanged, record.Revision));
                    continue;
                }

                changes = JsonSerializer.Serialize(diff, DomainJson.Options);
                OpportunityRecords.Apply(record, opportunity, now);
                record.Revision++;
                // A record added earlier in this batch is still to be inserted; only a loaded one needs an update.
                if (db.Entry(record).State == EntityState.Unchanged) db.Entry(record).State = EntityState.Modified;
                outcome = ImportOutcome.Updated;
            }
            else
            {
                record = OpportunityRecords.Create(Guid.NewGuid().ToString("N"), opportunity, now);
                record.ConsortiumId = ConsortiumId;
                existing[opportunity.Ocid] = record;
                db.Opportunities.Add(record);
                outcome = ImportOutcome.Created;
            }

            db.OpportunityRevisions.Add(new OpportunityRevisionRecord
            {
                OpportunityId = record.Id,
                Revision = record.Revision,
                RecordedAt = now,
                ReleaseId = opportunity.ReleaseId,
                ReleaseDate = opportunity.ReleaseDate?.UtcTicks,
                Changes = changes,
                Original = notice.OriginalJson,
            });
            run.Add(new ImportedOpportunity(record.Id, opportunity, outcome, record.Revision));
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        batch.Clear();
    }

    private sealed class Run(int maxReported)
    {
        public int Created { get; private set; }
        public int Updated { get; private set; }
        public int Unchanged { get; private set; }
        public int Total => Created + Updated + Unchanged;
        public List<ImportedOpportunity> Reported { get; } = [];

        public void Add(ImportedOpportunity imported)
        {
            switch (imported.Outcome)
            {
                case ImportOutcome.Created: Created++; break;
                case ImportOutcome.Updated: Updated++; break;
                default: Unchanged++; break;
            }

            if (Reported.Count < maxReported) Reported.Add(imported);
        }
    }
}
