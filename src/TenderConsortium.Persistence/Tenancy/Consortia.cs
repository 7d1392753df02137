namespace TenderConsortium.Persistence.Tenancy;

/// <summary>
/// Tenancy: every opportunity and member belongs to one consortium; a lead sees only its own consortium's.
/// Rows that existed before tenancy, and everything the CLI does without --consortium, belong to <see cref="Default"/>.
/// </summary>
public static class Consortia
{
    /// <summary>The id (and name) of the consortium every single-consortium node uses.</summary>
    public const string Default = "default";
}
