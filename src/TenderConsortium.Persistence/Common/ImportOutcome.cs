namespace TenderConsortium.Persistence.Common;

/// <summary>What an import did with one opportunity or member.</summary>
public enum ImportOutcome
{
    Created,
    Updated,

    /// <summary>Imported again with nothing changed: no new revision, no write.</summary>
    Unchanged,
}
