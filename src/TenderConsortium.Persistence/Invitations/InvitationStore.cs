using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Invitations;

namespace TenderConsortium.Persistence.Invitations;

public sealed class InvitationStore(TenderContexts contexts) : IInvitationStore
{
    /// <summary>On the database alone, each write in its own transaction (tools and tests).</summary>
    public InvitationStore(string connectionString) : this(new TenderContexts(connectionString)) { }

    public async Task OpenRoundAsync(DeclarationRound round, IReadOnlyList<(Invitation Invitation, string TokenHash)> invitations,
        CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Open();
        await using var tx = await contexts.BeginWriteAsync(db, cancellationToken);
        var existing = await db.DeclarationRounds.FirstOrDefaultAsync(r => r.OpportunityId == round.OpportunityId, cancellationToken);
        if (existing is null)
        {
            existing = new DeclarationRoundRecord { OpportunityId = round.OpportunityId, InstanceId = "", Terms = "[]" };
            db.DeclarationRounds.Add(existing);
        }

        existing.InstanceId = round.InstanceId.ToString("N");
        existing.Deadline = round.Deadline.UtcTicks;
        existing.ClosesAt = round.ClosesAt.UtcTicks;
        existing.ClosedAt = round.ClosedAt?.UtcTicks;
        existing.Terms = JsonSerializer.Serialize(round.Terms, DomainJson.Options);

        var rows = await db.Invitations.Where(i => i.OpportunityId == round.OpportunityId).ToDictionaryAsync(i => i.MemberId, cancellationToken);
        foreach (var (invitation, hash) in invitations)
        {
            if (!rows.TryGetValue(invitation.MemberId, out var row))
            {
                row = new InvitationRecord
                {
                    Id = Guid.NewGuid().ToString("N"),
                    OpportunityId = invitation.OpportunityId,
                    MemberId = invitation.MemberId,
                    MemberName = "",
                    Email = "",
                    InstanceId = "",
                    TokenHash = hash,
                };
                db.Invitations.Add(row);
            }

            // A re-run after a crash issues new tokens: the email that finally goes out carries the new one.
            row.MemberName = invitation.MemberName;
            row.Email = invitation.Email;
            row.InstanceId = invitation.InstanceId.ToString("N");
            row.TokenHash = hash;
            row.IssuedAt = invitation.IssuedAt.UtcTicks;
            row.ExpiresAt = invitation.ExpiresAt.UtcTicks;
            row.RevokedAt = invitation.RevokedAt?.UtcTicks;
        }

        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    public async Task<DeclarationRound?> RoundAsync(string opportunityId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Open();
        var row = await db.DeclarationRounds.AsNoTracking().FirstOrDefaultAsync(r => r.OpportunityId == opportunityId, cancellationToken);
        return row is null ? null : ToRound(row);
    }

    public async Task ExtendRoundAsync(string opportunityId, DateTimeOffset closesAt, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Open();
        await using var tx = await contexts.BeginWriteAsync(db, cancellationToken);
        var round = await db.DeclarationRounds.FirstOrDefaultAsync(r => r.OpportunityId == opportunityId, cancellationToken)
                    ?? throw new BadInputException($"opportunity '{opportunityId}' has no declaration round");
        var previous = round.ClosesAt;
        round.ClosesAt = closesAt.UtcTicks;
        round.ClosedAt = null;
        var until = closesAt.UtcTicks;
        await db.Invitations
            .Where(i => i.OpportunityId == opportunityId && i.RevokedAt == null && i.ExpiresAt <= previous)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, until), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    public async Task CloseRoundAsync(string opportunityId, DateTimeOffset closedAt, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Open();
        await using var tx = await contexts.BeginWriteAsync(db, cancellationToken);
        var at = closedAt.UtcTicks;
        await db.DeclarationRounds.Where(r => r.OpportunityId == opportunityId && r.ClosedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ClosedAt, at), cancellationToken);
        // Links end with the round (also when it closes early); the lead can reopen one member's link afterwards.
        await db.Invitations.Where(i => i.OpportunityId == opportunityId && i.ExpiresAt > at)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, at), cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    public async Task<Invitation?> FindByTokenHashAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Open();
        var row = await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == tokenHash, cancellationToken);
        return row is null ? null : ToInvitation(row);
    }

    public async Task<Invitation?> FindAsync(string opportunityId, string memberId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Open();
        var row = await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.OpportunityId == opportunityId && i.MemberId == memberId, cancellationToken);
        return row is null ? null : ToInvitation(row);
    }

    public async Task<IReadOnlyList<Invitation>> ListAsync(string opportunityId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Open();
        var rows = await db.Invitations.AsNoTracking().Where(i => i.OpportunityId == opportunityId).OrderBy(i => i.MemberName).ToListAsync(cancellationToken);
        return rows.Select(ToInvitation).ToList();
    }

    public async Task<bool> RevokeAsync(string opportunityId, string memberId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Open();
        var ticks = at.UtcTicks;
        return await db.Invitations.Where(i => i.OpportunityId == opportunityId && i.MemberId == memberId)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.RevokedAt, ticks), cancellationToken) == 1;
    }

    public async Task<bool> ReopenAsync(string opportunityId, string memberId, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Open();
        var ticks = until.UtcTicks;
        return await db.Invitations.Where(i => i.OpportunityId == opportunityId && i.MemberId == memberId)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, ticks).SetProperty(i => i.RevokedAt, (long?)null), cancellationToken) == 1;
    }

    private static DateTimeOffset At(long ticks) => new(ticks, TimeSpan.Zero);

    private static Invitation ToInvitation(InvitationRecord row) => new(
        row.OpportunityId, row.MemberId, row.MemberName, row.Email, Guid.ParseExact(row.InstanceId, "N"),
        At(row.IssuedAt), At(row.ExpiresAt), row.RevokedAt is { } r ? At(r) : null);

    private static DeclarationRound ToRound(DeclarationRoundRecord row) => new(
        row.OpportunityId, Guid.ParseExact(row.InstanceId, "N"), At(row.Deadline), At(row.ClosesAt),
        JsonSerializer.Deserialize<List<LotTerms>>(row.Terms, DomainJson.Options) ?? [],
        row.ClosedAt is { } c ? At(c) : null);
}
