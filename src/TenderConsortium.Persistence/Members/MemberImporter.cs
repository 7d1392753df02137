using Microsoft.EntityFrameworkCore;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Intake;
using TenderConsortium.Core.Members;
using TenderConsortium.Persistence.Common;

namespace TenderConsortium.Persistence.Members;

/// <summary>
/// Imports a member registry (CSV or JSON) in one transaction: all rows or none, every bad row reported at once,
/// upsert by registration number. Rows stream in and are written in batches, so 100,000 members keep memory flat.
/// A dry run does the whole import and rolls it back, so its counts are exact.
/// </summary>
public sealed class MemberImporter(TenderContexts contexts, IntakeOptions options, MemberValidator validator, TimeProvider time)
{
    /// <summary>On the database alone, each write in its own transaction (tools and tests).</summary>
    public MemberImporter(string connectionString, IntakeOptions options, MemberValidator validator, TimeProvider time) : this(new TenderContexts(connectionString), options, validator, time) { }

    public MemberImporter(string connectionString) : this(connectionString, IntakeOptions.Default, new MemberValidator(), TimeProvider.System) { }

    /// <summary>The consortium the members join (tenancy): registration numbers are unique per consortium.</summary>
    public string ConsortiumId { get; init; } = Tenancy.Consortia.Default;

    public Task<MemberImportResult> ImportFileAsync(string path, CancellationToken cancellationToken) => ImportFileAsync(path, false, cancellationToken);

    public async Task<MemberImportResult> ImportFileAsync(string path, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        await using var stream = ImportFile.Open(path, options);
        return await ImportAsync(stream, path, dryRun, cancellationToken);
    }

    /// <remarks>Text that is not text (bytes that are not UTF-8, an escaped lone surrogate) is refused by the readers with its line.</remarks>
    public Task<MemberImportResult> ImportAsync(Stream stream, string fileName, bool dryRun = false, CancellationToken cancellationToken = default) =>
        ImportCheckedAsync(stream, fileName, dryRun, cancellationToken);

    private async Task<MemberImportResult> ImportCheckedAsync(Stream stream, string fileName, bool dryRun, CancellationToken cancellationToken)
    {
        var problems = new IntakeProblems(options);
        var drafts = fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? MemberJsonReader.ReadAsync(stream, problems, cancellationToken)
            : fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? MemberCsvReader.ReadAsync(stream, problems, cancellationToken)
            : throw new BadInputException($"{fileName}: expected a .csv or .json file");

        var counts = new int[3];
        var firstSeen = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var db = contexts.Open();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var batch = new List<Member>(options.BatchSize);
        await foreach (var draft in drafts)
        {
            var member = validator.Validate(draft, problems);
            if (member is null) continue;
            if (!firstSeen.TryAdd(member.RegistrationNumber, draft.Location))
            {
                problems.Error(draft.At("registrationNumber"), $"duplicate member: {member.RegistrationNumber} is also on {firstSeen[member.RegistrationNumber]}");
                continue;
            }

            if (problems.HasErrors) continue;
            batch.Add(member);
            if (batch.Count >= options.BatchSize) await FlushAsync(db, batch, counts, cancellationToken);
        }

        problems.ThrowIfAny();
        if (firstSeen.Count == 0) throw new BadInputException($"{fileName}: no members to import");
        await FlushAsync(db, batch, counts, cancellationToken);
        if (dryRun) await transaction.RollbackAsync(cancellationToken);
        else await transaction.CommitAsync(cancellationToken);
        return new MemberImportResult(counts[(int)ImportOutcome.Created], counts[(int)ImportOutcome.Updated], counts[(int)ImportOutcome.Unchanged], dryRun);
    }

    private async Task FlushAsync(TenderDbContext db, List<Member> batch, int[] counts, CancellationToken cancellationToken)
    {
        if (batch.Count == 0) return;
        var now = time.GetUtcNow().UtcTicks;
        var numbers = batch.Select(m => m.RegistrationNumber).ToList();
        var existing = await db.Members.Where(m => m.ConsortiumId == ConsortiumId && numbers.Contains(m.RegistrationNumber)).ToDictionaryAsync(m => m.RegistrationNumber, cancellationToken);
        foreach (var member in batch)
        {
            var profile = MemberRecords.Profile(member);
            if (existing.TryGetValue(member.RegistrationNumber, out var record))
            {
                if (record.Profile == profile)
                {
                    counts[(int)ImportOutcome.Unchanged]++;
                    continue;
                }

                MemberRecords.Apply(record, member, profile, now);
                db.Entry(record).State = EntityState.Modified;
                counts[(int)ImportOutcome.Updated]++;
            }
            else
            {
                var created = MemberRecords.Create(Guid.NewGuid().ToString("N"), member, profile, now);
                created.ConsortiumId = ConsortiumId;
                db.Members.Add(created);
                counts[(int)ImportOutcome.Created]++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        batch.Clear();
    }
}
