namespace TenderConsortium.Persistence.Privacy;

/// <summary>
/// What an erasure changed, and what it kept as the lawful record of bids (said to the operator, who tells the person).
/// </summary>
public sealed record ErasureReport(
    string Subject,
    int AccountsRemoved,
    int MemberContactsReplaced,
    int InvitationsChanged,
    int EmailsErased,
    int EmailsRedacted,
    int EmailFilesDeleted,
    int JournalBurstsRedacted,
    int InstancesRedacted,
    int DeclarationsKept,
    int AllocationsKept,
    int SubcontractsKept)
{
    public bool NothingHeld => AccountsRemoved + MemberContactsReplaced + InvitationsChanged + EmailsErased + EmailsRedacted + EmailFilesDeleted
                               + JournalBurstsRedacted + InstancesRedacted == 0;
}
