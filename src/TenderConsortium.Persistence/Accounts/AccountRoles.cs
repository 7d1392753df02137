namespace TenderConsortium.Persistence.Accounts;

/// <summary>The roles an account can have. Members have no account: their emailed links carry their tokens.</summary>
public static class AccountRoles
{
    public const string Lead = "lead";
    public const string Adviser = "adviser";

    public static bool IsKnown(string role) => role is Lead or Adviser;
}

/// <summary>An account as the web host and the CLI see it.</summary>
public sealed record Account(string Id, string Email, string Role, string? ConsortiumId, string? ConsortiumName, DateTimeOffset CreatedAt);
