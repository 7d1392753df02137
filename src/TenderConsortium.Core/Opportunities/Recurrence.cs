namespace TenderConsortium.Core.Opportunities;

/// <summary>Whether the buyer expects to procure this again (OCDS tender.hasRecurrence / recurrence.description).</summary>
public sealed record Recurrence(bool Recurs, string? Description);
