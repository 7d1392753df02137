using System.Text;
using Microsoft.EntityFrameworkCore;

namespace TenderConsortium.Persistence.Common;

/// <summary>
/// Column names in snake_case, as in the runtime's tables, so that the hand-written migrations and any SQL read the
/// same on SQLite and PostgreSQL (where unquoted identifiers fold to lower case).
/// </summary>
internal static class SnakeCase
{
    public static void Apply(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        foreach (var property in entity.GetProperties())
            property.SetColumnName(From(property.Name));
    }

    public static string From(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(name[i]));
        }

        return sb.ToString();
    }
}
