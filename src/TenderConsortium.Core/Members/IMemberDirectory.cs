namespace TenderConsortium.Core.Members;

/// <summary>Looks members up by their stored id (the id matching, invitations and allocations use).</summary>
public interface IMemberDirectory
{
    Task<IReadOnlyDictionary<string, Member>> FindAsync(IEnumerable<string> memberIds, CancellationToken cancellationToken = default);
}
