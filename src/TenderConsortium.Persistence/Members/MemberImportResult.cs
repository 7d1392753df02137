namespace TenderConsortium.Persistence.Members;

/// <param name="DryRun">Everything was checked and written, then rolled back: the counts are what a real import does.</param>
public sealed record MemberImportResult(int Created, int Updated, int Unchanged, bool DryRun)
{
    public int Total => Created + Updated + Unchanged;
}
