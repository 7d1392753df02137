using Microsoft.EntityFrameworkCore;
using TenderConsortium.Persistence.Allocations;
using TenderConsortium.Persistence.Bids;
using TenderConsortium.Persistence.Common;
using TenderConsortium.Persistence.Contacts;
using TenderConsortium.Persistence.Declarations;
using TenderConsortium.Persistence.Delivery;
using TenderConsortium.Persistence.Invitations;
using TenderConsortium.Persistence.Reviews;
using TenderConsortium.Persistence.Members;
using TenderConsortium.Persistence.Opportunities;

namespace TenderConsortium.Persistence;

/// <summary>
/// The consortium domain's tables. Each feature contributes its own IEntityTypeConfiguration classes and its own
/// hand-written migration; the runtime's tables live in a separate context in the same database.
/// </summary>
public sealed class TenderDbContext(DbContextOptions<TenderDbContext> options) : DbContext(options)
{
    public const string MigrationsHistoryTable = "__tender_migrations";

    public DbSet<OpportunityRecord> Opportunities => Set<OpportunityRecord>();

    public DbSet<OpportunityRevisionRecord> OpportunityRevisions => Set<OpportunityRevisionRecord>();

    public DbSet<MemberRecord> Members => Set<MemberRecord>();

    public DbSet<DeclarationRoundRecord> DeclarationRounds => Set<DeclarationRoundRecord>();

    public DbSet<InvitationRecord> Invitations => Set<InvitationRecord>();

    public DbSet<DeclarationRecord> Declarations => Set<DeclarationRecord>();

    public DbSet<AllocationRecord> Allocations => Set<AllocationRecord>();

    public DbSet<ReviewRecord> Reviews => Set<ReviewRecord>();

    public DbSet<BidRecord> Bids => Set<BidRecord>();

    public DbSet<BidLotOutcomeRecord> BidLotOutcomes => Set<BidLotOutcomeRecord>();

    public DbSet<BidSubcontractRecord> BidSubcontracts => Set<BidSubcontractRecord>();

    public DbSet<ContactRefusalRecord> ContactRefusals => Set<ContactRefusalRecord>();

    public DbSet<DeliveryContractRecord> DeliveryContracts => Set<DeliveryContractRecord>();

    public DbSet<DeliveryInvoiceRecord> DeliveryInvoices => Set<DeliveryInvoiceRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TenderDbContext).Assembly);
        SnakeCase.Apply(modelBuilder);
    }
}
