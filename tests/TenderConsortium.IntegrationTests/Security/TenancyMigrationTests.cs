using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using TenderConsortium.Persistence;
using TenderConsortium.Persistence.Members;
using TenderConsortium.Persistence.Opportunities;
using TenderConsortium.Persistence.Tenancy;
using TenderConsortium.Workflows.Persistence;
using TenderConsortium.IntegrationTests.Support;

namespace TenderConsortium.IntegrationTests.Security;

/// <summary>The tenancy migration on a database that already holds opportunities and members: they join the default consortium.</summary>
public sealed class TenancyMigrationTests
{
    [Test]
    public async Task Existing_rows_join_the_default_consortium_and_uniqueness_becomes_per_consortium()
    {
        var folder = Path.Combine(Path.GetTempPath(), "tender-tenancy-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var connection = DatabaseConnection.ForDataFolder(folder);
        try
        {
            await using (var db = TenderDatabase.Open(connection))
            {
                await DatabaseConnection.PrepareAsync(db);
                var all = db.Database.GetMigrations().ToList();
                var before = all[all.FindIndex(m => m.EndsWith("_AccountsAndTenancy", StringComparison.Ordinal)) - 1];
                await db.GetService<IMigrator>().MigrateAsync(before);
            }

            await using (var raw = new SqliteConnection(connection))
            {
                await raw.OpenAsync();
                await using var command = raw.CreateCommand();
                command.CommandText = """
                    INSERT INTO opportunities (id, ocid, source, title, buyer_name, lot_count, revision, created_at, updated_at, model)
                    VALUES ('old', 'ocds-old-1', 'own', 'Older notice', 'Council', 0, 1, 0, 0, '{}');
                    INSERT INTO members (id, registration_number, name, legal_form, cpv, service_areas, asset_lock, created_at, updated_at, profile)
                    VALUES ('m1', 'SC000001', 'Older member', 'Cic', '', '', 1, 0, 0, '{}');
                    """;
                await command.ExecuteNonQueryAsync();
            }

            await TenderDatabase.MigrateAsync(connection);
            await using var after = TenderDatabase.Open(connection);
            var opportunity = await after.Opportunities.AsNoTracking().SingleAsync();
            var member = await after.Members.AsNoTracking().SingleAsync();
            var consortia = await new ConsortiumStore(connection).ListAsync();

            Assert.Multiple(() =>
            {
                Assert.That(opportunity.ConsortiumId, Is.EqualTo(Consortia.Default));
                Assert.That(member.ConsortiumId, Is.EqualTo(Consortia.Default));
                Assert.That(consortia.Select(c => c.Name), Is.EqualTo(new[] { "default" }));
            });

            after.Opportunities.Add(new OpportunityRecord { Id = "other", Ocid = "ocds-old-1", Source = "own", Title = "Same notice", BuyerName = "Council", Model = "{}", ConsortiumId = "beta" });
            after.Members.Add(new MemberRecord { Id = "m2", RegistrationNumber = "SC000001", Name = "Same member", LegalForm = "Cic", Cpv = "", ServiceAreas = "", Profile = "{}", ConsortiumId = "beta" });
            await after.SaveChangesAsync();
            after.ChangeTracker.Clear();
            after.Opportunities.Add(new OpportunityRecord { Id = "dup", Ocid = "ocds-old-1", Source = "own", Title = "Dup", BuyerName = "Council", Model = "{}", ConsortiumId = "beta" });
            Assert.ThrowsAsync<DbUpdateException>(() => after.SaveChangesAsync(), "an OCID is unique within a consortium");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
