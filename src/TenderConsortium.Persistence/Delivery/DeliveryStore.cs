using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Delivery;
using TenderConsortium.Persistence.Common;

namespace TenderConsortium.Persistence.Delivery;

/// <summary>Contracts in delivery. Joined to a unit of work (an activity's), its writes commit with it.</summary>
public sealed class DeliveryStore(TenderContexts contexts) : IDeliveryStore
{
    /// <summary>On the database alone, each write in its own transaction (tools and tests).</summary>
    public DeliveryStore(string connectionString) : this(new TenderContexts(connectionString)) { }

    public async Task<DeliveryContract?> FindAsync(string contractId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Open();
        var row = await Rows(db).AsNoTracking().FirstOrDefaultAsync(c => c.Id == contractId, cancellationToken);
        return row is null ? null : ToContract(row);
    }

    public async Task<DeliveryContract?> FindByOpportunityAsync(string opportunityId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Open();
        var row = await Rows(db).AsNoTracking().FirstOrDefaultAsync(c => c.OpportunityId == opportunityId, cancellationToken);
        return row is null ? null : ToContract(row);
    }

    public async Task<IReadOnlyList<DeliveryContract>> ListAsync(string? consortiumId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Open();
        var query = Rows(db).AsNoTracking();
        if (consortiumId is not null) query = query.Where(c => c.ConsortiumId == consortiumId);
        return (await query.OrderByDescending(c => c.StartedAt).ToListAsync(cancellationToken)).Select(ToContract).ToList();
    }

    public async Task<IReadOnlyList<DeliveryContract>> ForMemberAsync(string memberId, CancellationToken cancellationToken = default)
    {
        // The terms are JSON; a contract names its members there. Few contracts per consortium, so filter after reading.
        var all = await ListAsync(null, cancellationToken);
        return all.Where(c => c.Members.Any(m => m.MemberId == memberId)).ToList();
    }

    public async Task<bool> TryAddAsync(DeliveryContract contract, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Open();
        await using var tx = await contexts.BeginWriteAsync(db, cancellationToken);
        if (await db.DeliveryContracts.AnyAsync(c => c.BidId == contract.BidId, cancellationToken)) return false;
        var row = new DeliveryContractRecord
        {
            Id = contract.Id, BidId = contract.BidId, OpportunityId = contract.OpportunityId, ConsortiumId = contract.ConsortiumId, Title = contract.Title,
            Buyer = contract.Buyer, LeadEmail = contract.LeadEmail, PeriodLength = contract.PeriodLength.ToString(),
            Terms = JsonSerializer.Serialize(new DeliveryTerms(contract.Periods, contract.Members), DomainJson.Options),
            ManagementFeeBasisPoints = (int)Math.Round(contract.ManagementFeeRate * 10_000m), PaymentDays = contract.PaymentDays,
            StartedAt = contract.StartedAt.UtcTicks, StartedBy = contract.StartedBy,
        };
        Copy(contract, row);
        db.DeliveryContracts.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (contexts.UnitOfWork is null)
        {
            // Another door started this bid's delivery between our check and our insert: the unique index decided.
            await using var again = contexts.Open();
            if (await again.DeliveryContracts.AnyAsync(c => c.BidId == contract.BidId && c.Id != contract.Id, cancellationToken)) return false;
            throw;
        }

        await tx.CommitAsync(cancellationToken);
        return true;
    }

    public async Task SaveAsync(DeliveryContract contract, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Open();
        await using var tx = await contexts.BeginWriteAsync(db, cancellationToken);
        var row = await Rows(db).FirstOrDefaultAsync(c => c.Id == contract.Id, cancellationToken)
                  ?? throw new ProblemException("contract", ProblemCode.NotFound, "this contract no longer exists");
        if (row.Concurrency != contract.Concurrency)
            throw new ProblemException("contract", ProblemCode.Conflict, "someone else changed this contract at the same time; look at it again and retry");
        Copy(contract, row);
        foreach (var r in contract.Returns)
        {
            var existing = row.Returns.FirstOrDefault(x => x.Period == r.Period && x.MemberId == r.MemberId);
            if (existing is null)
                row.Returns.Add(existing = new DeliveryReturnRecord { ContractId = contract.Id, Period = r.Period, MemberId = r.MemberId, Outputs = "", SocialValue = "", SubmittedBy = "" });
            existing.Revision = r.Revision;
            existing.Outputs = JsonSerializer.Serialize(r.Outputs, DomainJson.Options);
            existing.SocialValue = JsonSerializer.Serialize(r.SocialValue, DomainJson.Options);
            existing.Evidence = r.Evidence;
            existing.SubmittedAt = r.SubmittedAt.UtcTicks;
            existing.SubmittedBy = r.SubmittedBy;
        }

        foreach (var invoice in contract.AllInvoices)
        {
            var existing = row.Invoices.FirstOrDefault(x => x.Id == invoice.Id);
            if (existing is null) row.Invoices.Add(existing = new DeliveryInvoiceRecord { ContractId = contract.Id, Id = invoice.Id });
            existing.Period = invoice.Period;
            existing.MemberId = (invoice as MemberInvoice)?.MemberId;
            existing.ComputedMinor = Minor(invoice switch { MemberInvoice m => m.ComputedAmount, BuyerInvoice b => b.MembersTotal, _ => invoice.Amount });
            existing.AmountMinor = Minor(invoice.Amount);
            existing.FeeMinor = Minor((invoice as BuyerInvoice)?.Fee ?? 0m);
            existing.AdjustmentReason = (invoice as MemberInvoice)?.AdjustmentReason;
            existing.ReceivedOn = invoice.ReceivedOn.DayNumber;
            existing.DueOn = invoice.DueOn.DayNumber;
            existing.PaymentDays = invoice.PaymentDays;
            existing.PaidOn = invoice.IsPaid ? invoice.PaidOn?.DayNumber : null;
            foreach (var payment in invoice.Payments)
            {
                var key = payment.Reference.ToUpperInvariant();
                // Payments are facts: added, never changed or removed.
                if (row.Payments.Any(p => p.InvoiceId == invoice.Id && p.ReferenceKey == key)) continue;
                row.Payments.Add(new DeliveryPaymentRecord
                {
                    ContractId = contract.Id, InvoiceId = invoice.Id, ReferenceKey = key, Reference = payment.Reference, PaidOn = payment.PaidOn.DayNumber,
                    AmountMinor = Minor(payment.Amount), RecordedAt = payment.RecordedAt.UtcTicks, RecordedBy = payment.RecordedBy,
                });
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (contexts.UnitOfWork is null)
        {
            throw new ProblemException("contract", ProblemCode.Conflict, "someone else recorded the same thing on this contract at the same time; look at it again");
        }

        await tx.CommitAsync(cancellationToken);
    }

    private static long Minor(decimal amount) => MinorUnits.From(amount) ?? 0;

    private static decimal Amount(long minor) => MinorUnits.ToAmount(minor) ?? 0m;

    private static IQueryable<DeliveryContractRecord> Rows(TenderDbContext db) =>
        db.DeliveryContracts.Include(c => c.Returns).Include(c => c.Invoices).Include(c => c.Payments).AsSplitQuery();

    private static void Copy(DeliveryContract contract, DeliveryContractRecord row)
    {
        row.InstanceId = contract.InstanceId;
        row.Concurrency = contract.Concurrency + 1;
    }

    private static DateTimeOffset At(long ticks) => new(ticks, TimeSpan.Zero);

    private static DeliveryContract ToContract(DeliveryContractRecord row)
    {
        var terms = JsonSerializer.Deserialize<DeliveryTerms>(row.Terms, DomainJson.Options)!;
        var payments = row.Payments.ToLookup(p => p.InvoiceId, p => new Payment(DateOnly.FromDayNumber(p.PaidOn), Amount(p.AmountMinor), p.Reference, At(p.RecordedAt), p.RecordedBy));
        var returns = row.Returns.Select(r => new DeliveryReturn(r.Period, r.MemberId,
            JsonSerializer.Deserialize<List<OutputLine>>(r.Outputs, DomainJson.Options)!,
            JsonSerializer.Deserialize<List<SocialValueDelivered>>(r.SocialValue, DomainJson.Options)!, r.Evidence, r.Revision, At(r.SubmittedAt), r.SubmittedBy));
        var memberInvoices = row.Invoices.Where(i => i.MemberId is not null).OrderBy(i => i.Period).ThenBy(i => i.Id, StringComparer.Ordinal)
            .Select(i => MemberInvoice.Restore(i.Id, i.Period, i.MemberId!, Amount(i.ComputedMinor), Amount(i.AmountMinor), i.AdjustmentReason,
                DateOnly.FromDayNumber(i.ReceivedOn), i.PaymentDays, payments[i.Id]));
        var buyerInvoices = row.Invoices.Where(i => i.MemberId is null).OrderBy(i => i.Period)
            .Select(i => BuyerInvoice.Restore(i.Id, i.Period, Amount(i.ComputedMinor), Amount(i.FeeMinor), DateOnly.FromDayNumber(i.ReceivedOn), i.PaymentDays, payments[i.Id]));
        return DeliveryContract.Restore(row.Id, row.BidId, row.OpportunityId, row.ConsortiumId, row.Title, row.Buyer, row.LeadEmail,
            Enum.Parse<PeriodLength>(row.PeriodLength), terms.Periods, terms.Members, row.ManagementFeeBasisPoints / 10_000m, row.PaymentDays, At(row.StartedAt), row.StartedBy,
            row.InstanceId, returns.OrderBy(r => r.Period).ThenBy(r => r.MemberId, StringComparer.Ordinal), memberInvoices, buyerInvoices, row.Concurrency);
    }
}
