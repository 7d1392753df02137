using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TenderConsortium.Workflows.Persistence.Migrations;

/// <summary>
/// Recipients' mail preferences (the daily digest). Written by hand and
/// provider-neutral like <see cref="InitialRuntime"/>. The outbox's new statuses (Held, Digested) are values only.
/// </summary>
[DbContext(typeof(WorkflowDbContext))]
[Migration("20261201000000_MailPreferences")]
public sealed class MailPreferences : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable(
            name: "wf_mail_preferences",
            columns: t => new
            {
                recipient = t.Column<string>(nullable: false),
                digest = t.Column<bool>(nullable: false),
                updated_at = t.Column<long>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_wf_mail_preferences", x => x.recipient));
    }

    protected override void Down(MigrationBuilder m) => m.DropTable("wf_mail_preferences");
}
