using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using TenderConsortium.Core.Common;
using TenderConsortium.Persistence.Tenancy;

namespace TenderConsortium.Persistence.Accounts;

/// <summary>
/// Lead and adviser accounts, their one-time sign-in links and their API keys. Secrets are returned once and stored
/// only hashed; a sign-in link works once, within its lifetime.
/// </summary>
public sealed class AccountStore(TenderContexts contexts, TimeProvider time)
{
    /// <summary>On the database alone, each write in its own transaction (tools and tests).</summary>
    public AccountStore(string connectionString, TimeProvider time) : this(new TenderContexts(connectionString), time) { }

    public AccountStore(string connectionString) : this(connectionString, TimeProvider.System) { }

    public const string ApiKeyPrefix = "tck_";

    public static readonly TimeSpan SignInLifetime = TimeSpan.FromMinutes(15);

    /// <summary>At most this many unused, unexpired links per account: more requests send nothing (no mail bombing).</summary>
    public const int MaxOpenSignInLinks = 3;

    /// <summary>Adds an account. A lead belongs to <paramref name="consortium"/> (created when new; the default one when none is given); an adviser to none.</summary>
    public async Task<Account> AddAsync(string email, string role, string? consortium, CancellationToken cancellationToken = default)
    {
        var problems = new List<string>();
        var address = NormaliseEmail(email);
        if (address is null) problems.Add($"--email: expected an email address, got '{email}'");
        var r = (role ?? "").Trim().ToLowerInvariant();
        if (!AccountRoles.IsKnown(r)) problems.Add($"--role: expected lead or adviser, got '{role}'");
        if (r == AccountRoles.Adviser && !string.IsNullOrWhiteSpace(consortium))
            problems.Add("--consortium: advisers review across consortia and belong to none");
        if (problems.Count > 0) throw new BadInputException(problems);

        var consortiumId = r == AccountRoles.Lead
            ? (await new ConsortiumStore(contexts, time).EnsureAsync(string.IsNullOrWhiteSpace(consortium) ? Consortia.Default : consortium, cancellationToken)).Id
            : null;
        await using var db = contexts.Open();
        if (await db.Set<UserRecord>().AnyAsync(u => u.Email == address, cancellationToken))
            throw new BadInputException($"--email: there is already an account for {address}");
        var record = new UserRecord { Id = Guid.NewGuid().ToString("N"), Email = address!, Role = r, ConsortiumId = consortiumId, CreatedAt = time.GetUtcNow().UtcTicks };
        db.Set<UserRecord>().Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return (await FindAsync(record.Id, cancellationToken))!;
    }

    public async Task<IReadOnlyList<Account>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Open();
        return await AccountsAsync(db, u => true, cancellationToken);
    }

    /// <summary>By id; null when the account was removed.</summary>
    public async Task<Account?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Open();
        return (await AccountsAsync(db, u => u.Id == id, cancellationToken)).FirstOrDefault();
    }

    public async Task<Account?> FindByEmailAsync(string email, CancellationToken cancellationToken = default)
    {
        if (NormaliseEmail(email) is not { } address) return null;
        await using var db = contexts.Open();
        return (await AccountsAsync(db, u => u.Email == address, cancellationToken)).FirstOrDefault();
    }

    /// <summary>Removes the account with its links and keys; false when there was none.</summary>
    public async Task<bool> RemoveAsync(string email, CancellationToken cancellationToken = default)
    {
        if (NormaliseEmail(email) is not { } address) return false;
        await using var db = contexts.Open();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await db.Set<UserRecord>().FirstOrDefaultAsync(u => u.Email == address, cancellationToken);
        if (user is null) return false;
        await db.Set<SignInTokenRecord>().Where(t => t.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        await db.Set<ApiKeyRecord>().Where(k => k.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        await db.Set<UserSessionRecord>().Where(x => x.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        db.Set<UserRecord>().Remove(user);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>A new API key for the account, replacing any earlier one; the key is returned once and stored hashed.</summary>
    public async Task<string> IssueApiKeyAsync(string email, CancellationToken cancellationToken = default)
    {
        var account = await FindByEmailAsync(email, cancellationToken) ?? throw new BadInputException($"--email: no account for '{email}'");
        var key = Secrets.New(ApiKeyPrefix);
        await using var db = contexts.Open();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Set<ApiKeyRecord>().Where(k => k.UserId == account.Id).ExecuteDeleteAsync(cancellationToken);
        db.Set<ApiKeyRecord>().Add(new ApiKeyRecord { Id = Guid.NewGuid().ToString("N"), UserId = account.Id, KeyHash = Secrets.Hash(key), CreatedAt = time.GetUtcNow().UtcTicks });
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return key;
    }

    /// <summary>The account an API key belongs to; null for any key that is not one of ours.</summary>
    public async Task<Account?> FindByApiKeyAsync(string key, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 200 || !key.StartsWith(ApiKeyPrefix, StringComparison.Ordinal)) return null;
        var hash = Secrets.Hash(key);
        await using var db = contexts.Open();
        var userId = await db.Set<ApiKeyRecord>().Where(k => k.KeyHash == hash).Select(k => k.UserId).FirstOrDefaultAsync(cancellationToken);
        return userId is null ? null : (await AccountsAsync(db, u => u.Id == userId, cancellationToken)).FirstOrDefault();
    }

    /// <summary>
    /// A new one-time sign-in token for the account with that email, or null when there is no such account or it
    /// already has <see cref="MaxOpenSignInLinks"/> links open. The caller answers the same either way.
    /// </summary>
    public async Task<(Account Account, string Token)?> IssueSignInTokenAsync(string email, CancellationToken cancellationToken = default)
    {
        if (await FindByEmailAsync(email, cancellationToken) is not { } account) return null;
        var now = time.GetUtcNow().UtcTicks;
        await using var db = contexts.Open();
        await db.Set<SignInTokenRecord>().Where(t => t.ExpiresAt <= now || t.UsedAt != null).ExecuteDeleteAsync(cancellationToken);
        if (await db.Set<SignInTokenRecord>().CountAsync(t => t.UserId == account.Id, cancellationToken) >= MaxOpenSignInLinks) return null;
        var token = Secrets.New();
        db.Set<SignInTokenRecord>().Add(new SignInTokenRecord
        {
            TokenHash = Secrets.Hash(token), UserId = account.Id, CreatedAt = now, ExpiresAt = now + SignInLifetime.Ticks,
        });
        await db.SaveChangesAsync(cancellationToken);
        return (account, token);
    }

    /// <summary>
    /// The account a sign-in token would sign in, without using it up: mail scanners open links before people do, so
    /// only the confirming POST may spend one (<see cref="RedeemSignInTokenAsync"/>).
    /// </summary>
    public Task<Account?> PeekSignInTokenAsync(string token, CancellationToken cancellationToken = default) =>
        SignInTokenAsync(token, spend: false, cancellationToken);

    /// <summary>Uses a sign-in token: the account when the token is known, unexpired and unused (it is then used up), else null.</summary>
    public Task<Account?> RedeemSignInTokenAsync(string token, CancellationToken cancellationToken = default) =>
        SignInTokenAsync(token, spend: true, cancellationToken);

    private async Task<Account?> SignInTokenAsync(string token, bool spend, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200) return null;
        var hash = Secrets.Hash(token);
        var now = time.GetUtcNow().UtcTicks;
        await using var db = contexts.Open();
        var open = db.Set<SignInTokenRecord>().Where(t => t.TokenHash == hash && t.UsedAt == null && t.ExpiresAt > now);
        // One UPDATE decides: two concurrent uses of one link cannot both succeed.
        if (spend && await open.ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), cancellationToken) != 1) return null;
        var userId = await (spend ? db.Set<SignInTokenRecord>().Where(t => t.TokenHash == hash) : open).Select(t => t.UserId).FirstOrDefaultAsync(cancellationToken);
        return userId is null ? null : (await AccountsAsync(db, u => u.Id == userId, cancellationToken)).FirstOrDefault();
    }

    /// <summary>
    /// Starts a browser session for the account, ending at the latest after <paramref name="lifetime"/>; returns its id
    /// (for the cookie; stored hashed). Sessions past their end are cleared on the way.
    /// </summary>
    public async Task<string> StartSessionAsync(string accountId, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcTicks;
        var id = Secrets.New();
        await using var db = contexts.Open();
        await db.Set<UserSessionRecord>().Where(x => x.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        db.Set<UserSessionRecord>().Add(new UserSessionRecord { IdHash = Secrets.Hash(id), UserId = accountId, CreatedAt = now, ExpiresAt = now + lifetime.Ticks });
        await db.SaveChangesAsync(cancellationToken);
        return id;
    }

    /// <summary>The account of a live session; null when it ended (signed out, expired, account removed) or never was.</summary>
    public async Task<Account?> FindSessionAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(sessionId) || sessionId.Length > 200) return null;
        var hash = Secrets.Hash(sessionId);
        var now = time.GetUtcNow().UtcTicks;
        await using var db = contexts.Open();
        var userId = await db.Set<UserSessionRecord>().Where(x => x.IdHash == hash && x.ExpiresAt > now).Select(x => x.UserId).FirstOrDefaultAsync(cancellationToken);
        return userId is null ? null : (await AccountsAsync(db, u => u.Id == userId, cancellationToken)).FirstOrDefault();
    }

    /// <summary>Ends one session (sign-out): its cookie, even copied elsewhere, no longer works.</summary>
    public async Task EndSessionAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(sessionId) || sessionId.Length > 200) return;
        var hash = Secrets.Hash(sessionId);
        await using var db = contexts.Open();
        await db.Set<UserSessionRecord>().Where(x => x.IdHash == hash).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Ends every session of the account with that email (sign out everywhere); how many there were.</summary>
    public async Task<int> EndAllSessionsAsync(string email, CancellationToken cancellationToken = default)
    {
        var account = await FindByEmailAsync(email, cancellationToken) ?? throw new BadInputException($"--email: no account for '{email}'");
        await using var db = contexts.Open();
        return await db.Set<UserSessionRecord>().Where(x => x.UserId == account.Id).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Trimmed, lower-cased address; null when it is not one.</summary>
    public static string? NormaliseEmail(string? email)
    {
        var trimmed = (email ?? "").Trim();
        if (trimmed.Length is 0 or > 254 || trimmed.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))) return null;
        if (!MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed || !trimmed.Contains('@')) return null;
        return trimmed.ToLowerInvariant();
    }

    private static async Task<List<Account>> AccountsAsync(TenderDbContext db, System.Linq.Expressions.Expression<Func<UserRecord, bool>> filter,
        CancellationToken cancellationToken)
    {
        var rows = await (
                from u in db.Set<UserRecord>().AsNoTracking().Where(filter)
                join c in db.Set<ConsortiumRecord>().AsNoTracking() on u.ConsortiumId equals c.Id into cs
                from c in cs.DefaultIfEmpty()
                orderby u.Email
                select new { u.Id, u.Email, u.Role, u.ConsortiumId, ConsortiumName = c == null ? null : c.Name, u.CreatedAt })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new Account(r.Id, r.Email, r.Role, r.ConsortiumId, r.ConsortiumName, new DateTimeOffset(r.CreatedAt, TimeSpan.Zero))).ToList();
    }
}
