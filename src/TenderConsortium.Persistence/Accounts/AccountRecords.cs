using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TenderConsortium.Persistence.Accounts;

/// <summary>A lead or adviser account. Leads belong to one consortium; advisers to none (they review across consortia).</summary>
public sealed class UserRecord
{
    public required string Id { get; set; }

    /// <summary>Trimmed and lower-cased, unique.</summary>
    public required string Email { get; set; }

    /// <summary><see cref="AccountRoles.Lead"/> or <see cref="AccountRoles.Adviser"/>.</summary>
    public required string Role { get; set; }

    public string? ConsortiumId { get; set; }

    public long CreatedAt { get; set; }
}

/// <summary>A one-time sign-in link: only the SHA-256 of its token is stored.</summary>
public sealed class SignInTokenRecord
{
    public required string TokenHash { get; set; }

    public required string UserId { get; set; }

    public long CreatedAt { get; set; }

    public long ExpiresAt { get; set; }

    public long? UsedAt { get; set; }
}

/// <summary>An API key for a lead's scripts: only the SHA-256 of the key is stored.</summary>
public sealed class ApiKeyRecord
{
    public required string Id { get; set; }

    public required string UserId { get; set; }

    public required string KeyHash { get; set; }

    public long CreatedAt { get; set; }

    public long? LastUsedAt { get; set; }
}

/// <summary>
/// A browser's signed-in session. The cookie carries the session's id; only its SHA-256 is stored. Deleting the row
/// ends the session at the browser's next request (sign-out, sign out everywhere, account removed).
/// </summary>
public sealed class UserSessionRecord
{
    public required string IdHash { get; set; }

    public required string UserId { get; set; }

    public long CreatedAt { get; set; }

    /// <summary>The absolute end: however active the browser is, the session ends here and the person signs in again.</summary>
    public long ExpiresAt { get; set; }
}

internal sealed class UserRecordConfiguration : IEntityTypeConfiguration<UserRecord>
{
    public void Configure(EntityTypeBuilder<UserRecord> e)
    {
        e.ToTable("users");
        e.HasKey(x => x.Id).HasName("pk_users");
        e.HasIndex(x => x.Email).IsUnique().HasDatabaseName("ix_users_email");
    }
}

internal sealed class SignInTokenRecordConfiguration : IEntityTypeConfiguration<SignInTokenRecord>
{
    public void Configure(EntityTypeBuilder<SignInTokenRecord> e)
    {
        e.ToTable("sign_in_tokens");
        e.HasKey(x => x.TokenHash).HasName("pk_sign_in_tokens");
        e.HasIndex(x => x.UserId).HasDatabaseName("ix_sign_in_tokens_user_id");
    }
}

internal sealed class ApiKeyRecordConfiguration : IEntityTypeConfiguration<ApiKeyRecord>
{
    public void Configure(EntityTypeBuilder<ApiKeyRecord> e)
    {
        e.ToTable("api_keys");
        e.HasKey(x => x.Id).HasName("pk_api_keys");
        e.HasIndex(x => x.KeyHash).IsUnique().HasDatabaseName("ix_api_keys_key_hash");
        e.HasIndex(x => x.UserId).HasDatabaseName("ix_api_keys_user_id");
    }
}

internal sealed class UserSessionRecordConfiguration : IEntityTypeConfiguration<UserSessionRecord>
{
    public void Configure(EntityTypeBuilder<UserSessionRecord> e)
    {
        e.ToTable("user_sessions");
        e.HasKey(x => x.IdHash).HasName("pk_user_sessions");
        e.HasIndex(x => x.UserId).HasDatabaseName("ix_user_sessions_user_id");
    }
}
