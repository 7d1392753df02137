using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TenderConsortium.Core.BidPacks;
using TenderConsortium.Core.Bids;
using TenderConsortium.Core.Common;
using TenderConsortium.Persistence.Common;

namespace TenderConsortium.Persistence.Bids;

public sealed class BidStore(TenderContexts contexts) : IBidStore
{
    /// <summary>On the database alone, each write in its own transaction (tools and tests).</summary>
    public BidStore(string connectionString) : this(new TenderContexts(connectionString)) { }

    public async Task<Bid?> FindAsync(string opportunityId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Open();
        var row = await Rows(db).AsNoTracking().FirstOrDefaultAsync(b => b.OpportunityId == opportunityId, cancellationToken);
        return row is null ? null : ToBid(row);
    }

    public async Task<IReadOnlyList<Bid>> ListAsync(string? consortiumId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Open();
        var query = Rows(db).AsNoTracking();
        if (consortiumId is not null) query = query.Where(b => b.ConsortiumId == consortiumId);
        var rows = await query.OrderByDescending(b => b.StartedAt).ToListAsync(cancellationToken);
        return rows.Select(ToBid).ToList();
    }

    public async Task<bool> TryAddAsync(Bid bid, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Open();
        await using var tx = await contexts.BeginWriteAsync(db, cancellationToken);
        if (await db.Bids.AnyAsync(b => b.OpportunityId == bid.OpportunityId, cancellationToken)) return false;
        var row = new BidRecord { Id = bid.Id, OpportunityId = bid.OpportunityId, ConsortiumId = bid.ConsortiumId, WorkflowId = bid.WorkflowId, StartedBy = bid.StartedBy };
        Copy(bid, row);
        db.Bids.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another door added the opportunity's bid between our check and our insert: the unique index decided.
            if (await OtherHasItAsync(bid, cancellationToken)) return false;
            throw;
        }

        await tx.CommitAsync(cancellationToken);
        return true;
    }

    public async Task SaveAsync(Bid bid, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Open();
        await using var tx = await contexts.BeginWriteAsync(db, cancellationToken);
        var row = await Rows(db).FirstOrDefaultAsync(b => b.Id == bid.Id, cancellationToken)
                  ?? throw new ProblemException("bid", ProblemCode.NotFound, "this bid no longer exists");
        if (row.Concurrency != bid.Concurrency)
            throw new ProblemException("bid", ProblemCode.Conflict, "someone else changed this bid at the same time; look at it again and retry");
        Copy(bid, row);
        db.RemoveRange(row.Outcomes.Where(o => bid.Outcomes.All(x => x.LotId != o.LotId)));
        foreach (var outcome in bid.Outcomes)
        {
            var existing = row.Outcomes.FirstOrDefault(o => o.LotId == outcome.LotId);
            if (existing is null) row.Outcomes.Add(existing = new BidLotOutcomeRecord { BidId = bid.Id, LotId = outcome.LotId, RecordedBy = outcome.RecordedBy });
            existing.Awarded = outcome.Awarded;
            existing.RecordedAt = outcome.RecordedAt.UtcTicks;
            existing.RecordedBy = outcome.RecordedBy;
        }

        db.RemoveRange(row.Subcontracts.Where(s => bid.Subcontracts.All(x => x.MemberId != s.MemberId)));
        foreach (var subcontract in bid.Subcontracts)
        {
            var existing = row.Subcontracts.FirstOrDefault(s => s.MemberId == subcontract.MemberId);
            if (existing is null)
                row.Subcontracts.Add(existing = new BidSubcontractRecord { BidId = bid.Id, MemberId = subcontract.MemberId, MemberName = "", LotIds = "" });
            existing.MemberName = subcontract.MemberName;
            existing.LotIds = string.Join(',', subcontract.LotIds);
            existing.ValueMinor = MinorUnits.From(subcontract.Value) ?? 0;
            existing.Document = subcontract.Document;
            existing.PaymentDays = subcontract.PaymentDays;
            existing.IssuedAt = subcontract.IssuedAt.UtcTicks;
        }

        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    public async Task<Bid> EnsureAsync(string opportunityId, Guid instanceId, string workflowId, DateTimeOffset startedAt, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(opportunityId, cancellationToken) is { } existing) return existing;
        string consortium;
        await using (var db = contexts.Open())
            consortium = await db.Opportunities.Where(o => o.Id == opportunityId).Select(o => o.ConsortiumId).FirstOrDefaultAsync(cancellationToken) ?? "default";
        var adopted = Bid.Start(opportunityId, consortium, workflowId, null, null, null, startedAt, Bid.UnknownStarter);
        adopted.AttachInstance(instanceId);
        await TryAddAsync(adopted, cancellationToken);
        return (await FindAsync(opportunityId, cancellationToken))!;
    }

    public async Task RemoveUnstartedAsync(string bidId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Open();
        await using var tx = await contexts.BeginWriteAsync(db, cancellationToken);
        var row = await db.Bids.FirstOrDefaultAsync(b => b.Id == bidId && b.InstanceId == null, cancellationToken);
        if (row is null) return;
        db.Bids.Remove(row);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    private async Task<bool> OtherHasItAsync(Bid bid, CancellationToken cancellationToken)
    {
        // Outside a burst the failed insert's own transaction is gone with its context; look again on a fresh one.
        await using var db = contexts.Open();
        return await db.Bids.AnyAsync(b => b.OpportunityId == bid.OpportunityId && b.Id != bid.Id, cancellationToken);
    }

    private static IQueryable<BidRecord> Rows(TenderDbContext db) => db.Bids.Include(b => b.Outcomes).Include(b => b.Subcontracts).AsSplitQuery();

    private static void Copy(Bid bid, BidRecord row)
    {
        row.Version = bid.Version;
        row.WorkflowId = bid.WorkflowId;
        row.InstanceId = bid.InstanceId;
        row.LeadEmail = bid.LeadEmail;
        row.DeclarationDeadline = bid.DeclarationDeadline?.UtcTicks;
        row.TenderDeadline = bid.TenderDeadline?.UtcTicks;
        row.StartedAt = bid.StartedAt.UtcTicks;
        row.StartedBy = bid.StartedBy;
        row.StartRequest = bid.StartRequest;
        row.SubmissionReference = bid.Submission?.Reference;
        row.SubmittedAt = bid.Submission?.At.UtcTicks;
        row.SubmittedBy = bid.Submission?.By;
        row.SubmissionAcceptedChecks = bid.Submission is { AcceptedChecks.Count: > 0 } submitted
            ? JsonSerializer.Serialize(submitted.AcceptedChecks, DomainJson.Options) : null;
        row.Concurrency = bid.Concurrency + 1;
    }

    private static DateTimeOffset At(long ticks) => new(ticks, TimeSpan.Zero);

    private static IReadOnlyList<AcceptedCheck> AcceptedChecks(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<List<AcceptedCheck>>(json, DomainJson.Options) ?? [];

    private static Bid ToBid(BidRecord row) => Bid.Restore(
        row.Id, row.OpportunityId, row.ConsortiumId, row.Version, row.WorkflowId, row.InstanceId, row.LeadEmail,
        row.DeclarationDeadline is { } d ? At(d) : null,
        row.TenderDeadline is { } t ? At(t) : null,
        At(row.StartedAt), row.StartedBy, row.StartRequest,
        row.SubmittedAt is { } s
            ? new BidSubmission(row.SubmissionReference, At(s), row.SubmittedBy ?? "") { AcceptedChecks = AcceptedChecks(row.SubmissionAcceptedChecks) }
            : null,
        row.Outcomes.OrderBy(o => o.LotId, StringComparer.Ordinal).Select(o => new LotOutcome(o.LotId, o.Awarded, At(o.RecordedAt), o.RecordedBy)),
        row.Subcontracts.OrderBy(s => s.MemberName, StringComparer.Ordinal)
            .Select(s => new BidSubcontract(s.MemberId, s.MemberName, s.LotIds.Split(',', StringSplitOptions.RemoveEmptyEntries), MinorUnits.ToAmount(s.ValueMinor) ?? 0,
                s.Document, s.PaymentDays, At(s.IssuedAt))),
        row.Concurrency);
}
