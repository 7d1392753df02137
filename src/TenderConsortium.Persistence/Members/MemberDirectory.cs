using Microsoft.EntityFrameworkCore;
using TenderConsortium.Core.Members;

namespace TenderConsortium.Persistence.Members;

public sealed class MemberDirectory(string connectionString) : IMemberDirectory
{
    public async Task<IReadOnlyDictionary<string, Member>> FindAsync(IEnumerable<string> memberIds, CancellationToken cancellationToken = default)
    {
        var ids = memberIds.Distinct().ToList();
        var result = new Dictionary<string, Member>(StringComparer.Ordinal);
        await using var db = TenderDatabase.Open(connectionString);
        foreach (var chunk in ids.Chunk(500))
        {
            var rows = await db.Members.AsNoTracking().Where(m => chunk.Contains(m.Id)).ToListAsync(cancellationToken);
            foreach (var row in rows) result[row.Id] = MemberRecords.ToMember(row);
        }

        return result;
    }
}
