namespace TenderConsortium.Core.Allocation;

/// <summary>An allocated member's answer to its proposed share.</summary>
public enum ConsentStatus
{
    Pending,
    Accepted,
    Declined,
    Withdrawn,
}
