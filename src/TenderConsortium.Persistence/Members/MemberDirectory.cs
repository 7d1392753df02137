using Microsoft.EntityFrameworkCore;
using TenderConsortium.Core.Members;

namespace TenderConsortium.Persistence.Members;

public sealed class MemberDirectory(TenderContexts contexts) : IMemberDirectory
{
    /// <summary>On the database alone, each write in its own transaction (tools and tests).</summary>
    public MemberDirectory(string connectionString) : this(new TenderContexts(connectionString)) { }

    public async Task<IReadOnlyDictionary<string, Member>> FindAsync(IEnumerable<string> memberIds, CancellationToken cancellationToken = default)
    {
        var ids = memberIds.Distinct().ToList();
        var result = new Dictionary<string, Member>(StringComparer.Ordinal);
        await using var db = contexts.Open();
        foreach (var chunk in ids.Chunk(500))
        {
            var rows = await db.Members.AsNoTracking().Where(m => chunk.Contains(m.Id)).ToListAsync(cancellationToken);
            foreach (var row in rows) result[row.Id] = MemberRecords.ToMember(row);
        }

        return result;
    }
}
