using System.Text;
using Microsoft.EntityFrameworkCore;

namespace TenderConsortium.Workflows.Persistence;

/// <summary>
/// Appends a burst's journal rows with one multi-row INSERT: a resume writes half a dozen rows, and one statement
/// instead of one per row (each returning its generated id) is most of the difference on the hot path.
/// </summary>
internal static class JournalWriter
{
    private const int Columns = 7;

    public static async Task AppendAsync(WorkflowDbContext db, IReadOnlyList<JournalRecord> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        var sqlite = db.Database.IsSqlite();
        var sql = new StringBuilder("INSERT INTO wf_journal (instance_id, at, kind, activity_id, actor, node, detail) VALUES ");
        var parameters = new object[rows.Count * Columns];
        using var factory = db.Database.GetDbConnection().CreateCommand();
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var p = i * Columns;
            if (i > 0) sql.Append(", ");
            sql.Append('(');
            for (var c = 0; c < Columns; c++) sql.Append(c == 0 ? "" : ", ").Append("@j").Append(p + c);
            sql.Append(')');
            // Values as EF stores them: a Guid is upper-case text on SQLite and uuid on PostgreSQL; instants are UTC ticks.
            object?[] values = [sqlite ? r.InstanceId.ToString().ToUpperInvariant() : r.InstanceId, r.At.UtcTicks, r.Kind, r.ActivityId, r.Actor, r.Node, r.Detail];
            for (var c = 0; c < Columns; c++)
            {
                var parameter = factory.CreateParameter();
                parameter.ParameterName = "@j" + (p + c);
                parameter.Value = values[c] ?? DBNull.Value;
                if (values[c] is null) parameter.DbType = System.Data.DbType.String;
                parameters[p + c] = parameter;
            }
        }

        await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, ct);
    }
}
