using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using TenderConsortium.IntegrationTests.Support;
using TenderConsortium.Persistence;
using TenderConsortium.Persistence.Members;
using TenderConsortium.Persistence.Opportunities;
using TenderConsortium.Workflows.Hosting;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.IntegrationTests.Schema;

/// <summary>
/// The hand-written migrations and the EF model must describe the same database: an empty database migrated to the
/// end and one made from the model's create script have the same tables, columns (type, nullability, default),
/// indexes and keys, on SQLite and on PostgreSQL. A model change without its migration, or a migration the model does
/// not know of, fails here.
/// </summary>
[NonParallelizable]
public sealed class SchemaTests
{
    [Test]
    public async Task On_sqlite_the_migrated_schema_is_the_models()
    {
        var folder = Path.Combine(Path.GetTempPath(), "tender-schema-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var migrated = Path.Combine(folder, "migrated.db");
            var created = Path.Combine(folder, "created.db");
            await MigrateAsync($"Data Source={migrated}");
            await CreateFromModelAsync($"Data Source={created}");
            var (expected, actual) = (await DescribeSqliteAsync($"Data Source={created}"), await DescribeSqliteAsync($"Data Source={migrated}"));
            Assert.That(actual, Is.EqualTo(expected), Difference(expected, actual));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task On_postgresql_the_migrated_schema_is_the_models()
    {
        var (server, problem) = await PostgresServer.GetAsync();
        if (server is null)
        {
            ServiceRequirement.Missing("PostgreSQL", problem!);
            return;
        }

        var migrated = await server.CreateDatabaseAsync();
        var created = await server.CreateDatabaseAsync();
        await MigrateAsync(migrated);
        await CreateFromModelAsync(created);
        var (expected, actual) = (await DescribePostgresAsync(created), await DescribePostgresAsync(migrated));
        Assert.That(actual, Is.EqualTo(expected), Difference(expected, actual));
    }

    [Test]
    public async Task A_database_of_the_previous_release_keeps_every_row_when_the_bids_arrive()
    {
        var folder = Path.Combine(Path.GetTempPath(), "tender-upgrade-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var connection = DatabaseConnection.ForDataFolder(folder);
        try
        {
            await WorkflowDatabase.MigrateAsync(connection);
            await using (var db = TenderDatabase.Open(connection))
            {
                await DatabaseConnection.PrepareAsync(db);
                await db.GetService<IMigrator>().MigrateAsync("20261125000000_AccountsAndTenancy");
            }

            // What the previous release held: notices (one imported twice, so it has a revision history) and members of two consortia.
            foreach (var notice in new[] { "pcs-ocds-r6ebe6-0000567519-glasgow-residential-recovery.json", "cf-ocds-b5fd17-7445ba73-children-looked-after.json" })
                await new OpportunityImporter(connection).ImportFileAsync(RepoFiles.Path("samples", "notices", notice));
            await new OpportunityImporter(connection) { ConsortiumId = "default" }.ImportFileAsync(RepoFiles.Path("samples", "notices", "pcs-ocds-r6ebe6-0000581730-taxi-nhs-grampian-2-lots.json"));
            await new MemberImporter(connection).ImportFileAsync(RepoFiles.Path("samples", "members", "sample-consortium.csv"));
            const string Rows = """
                SELECT (SELECT count(*) FROM opportunities) || '/' || (SELECT count(*) FROM opportunity_revisions) || '/' || (SELECT count(*) FROM members)
                    || '/' || (SELECT group_concat(consortium_id || ':' || ocid, ',') FROM (SELECT consortium_id, ocid FROM opportunities ORDER BY ocid))
                """;
            var before = await ScalarAsync(connection, Rows);

            await TenderDatabase.MigrateAsync(connection);
            var after = await ScalarAsync(connection, Rows);
            var bids = await ScalarAsync(connection, "SELECT count(*) FROM bids");

            Assert.Multiple(() =>
            {
                Assert.That(before, Does.Match(@"^3/[3-9]/\d+/"), "the previous release's rows are there to keep");
                Assert.That(after, Is.EqualTo(before), "no opportunity, revision or member lost, none moved to another consortium");
                Assert.That(bids, Is.EqualTo("0"));
            });
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<string> ScalarAsync(string connection, string sql)
    {
        await using var db = new SqliteConnection(connection);
        await db.OpenAsync();
        return (await ReadAsync(db, sql))[0][0];
    }

    private static async Task MigrateAsync(string connection)
    {
        await WorkflowDatabase.MigrateAsync(connection);
        await TenderDatabase.MigrateAsync(connection);
    }

    /// <summary>The database the model alone describes: each context's create script, run as it is.</summary>
    private static async Task CreateFromModelAsync(string connection)
    {
        await using (var runtime = new WorkflowDbContext(WorkflowDatabase.Options(connection)))
            await ExecuteAsync(runtime, runtime.Database.GenerateCreateScript());
        await using var domain = new TenderDbContext(TenderDatabase.Options(connection));
        await ExecuteAsync(domain, domain.Database.GenerateCreateScript());
    }

    private static async Task ExecuteAsync(DbContext db, string script)
    {
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = script;
        await command.ExecuteNonQueryAsync();
        await db.Database.CloseConnectionAsync();
    }

    private static async Task<List<string>> DescribeSqliteAsync(string connection)
    {
        await using var db = new SqliteConnection(connection);
        await db.OpenAsync();
        var lines = new List<string>();
        foreach (var table in await ReadAsync(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_\\_%' ESCAPE '\\'"))
        {
            var name = table[0];
            foreach (var c in await ReadAsync(db, $"SELECT name, upper(type), \"notnull\", ifnull(dflt_value, ''), pk FROM pragma_table_info('{name}')"))
                lines.Add($"column {name}.{c[0]} {c[1]} notnull={c[2]} default={c[3]} pk={c[4]}");
            foreach (var i in await ReadAsync(db, $"SELECT name, \"unique\", partial, origin FROM pragma_index_list('{name}')"))
            {
                var columns = string.Join(",", (await ReadAsync(db, $"SELECT name FROM pragma_index_info('{i[0]}') ORDER BY seqno")).Select(r => r[0]));
                // SQLite names the indexes behind PRIMARY KEY and UNIQUE constraints itself; the columns identify them.
                var index = i[3] == "c" ? i[0] : $"({i[3]})";
                lines.Add($"index {name} {index} ({columns}) unique={i[1]} partial={i[2]}");
            }

            foreach (var f in await ReadAsync(db, $"SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list('{name}')"))
                lines.Add($"foreign key {name}.{f[1]} -> {f[0]}.{f[2]} on delete {f[3]}");
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>Tables only, as on SQLite: a view (the runtime's wf_journal) is written by its migration, never by the model's script.</summary>
    private static async Task<List<string>> DescribePostgresAsync(string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        var lines = new List<string>();
        foreach (var c in await ReadAsync(db, """
            SELECT c.table_name, c.column_name, c.data_type, c.is_nullable, coalesce(c.column_default, '') FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
            WHERE c.table_schema = current_schema() AND c.table_name NOT LIKE '\_\_%'
            """))
            lines.Add($"column {c[0]}.{c[1]} {c[2]} nullable={c[3]} default={c[4]}");
        foreach (var i in await ReadAsync(db, "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename NOT LIKE '\\_\\_%'"))
            lines.Add($"index {i[0]} {i[1]}: {i[2]}");
        foreach (var k in await ReadAsync(db, """
            SELECT table_name, constraint_name, constraint_type FROM information_schema.table_constraints
            WHERE table_schema = current_schema() AND table_name NOT LIKE '\_\_%' AND constraint_type <> 'CHECK'
            """))
            lines.Add($"constraint {k[0]} {k[1]} {k[2]}");
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static async Task<List<string[]>> ReadAsync(DbConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!).ToArray());
        return rows;
    }

    private static string Difference(List<string> expected, List<string> actual) =>
        "only in the model: " + string.Join("; ", expected.Except(actual)) + "\nonly in the migrations: " + string.Join("; ", actual.Except(expected));
}
