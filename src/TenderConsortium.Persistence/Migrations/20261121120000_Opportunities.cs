using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TenderConsortium.Persistence.Migrations;

/// <summary>
/// Opportunities and their revision history. Hand-written and provider-neutral (no store types), so the same
/// migration runs on SQLite and PostgreSQL. Shipped: never edit, add a new migration instead.
/// </summary>
[DbContext(typeof(TenderDbContext))]
[Migration("20261121120000_Opportunities")]
public sealed partial class Opportunities : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable(
            name: "opportunities",
            columns: t => new
            {
                id = t.Column<string>(nullable: false),
                ocid = t.Column<string>(nullable: false),
                source = t.Column<string>(nullable: false),
                title = t.Column<string>(nullable: false),
                buyer_name = t.Column<string>(nullable: false),
                reference = t.Column<string>(nullable: true),
                value_minor = t.Column<long>(nullable: true),
                currency = t.Column<string>(nullable: true),
                deadline_utc = t.Column<long>(nullable: true),
                deadline_offset_minutes = t.Column<int>(nullable: true),
                lot_count = t.Column<int>(nullable: false),
                revision = t.Column<int>(nullable: false),
                created_at = t.Column<long>(nullable: false),
                updated_at = t.Column<long>(nullable: false),
                model = t.Column<string>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_opportunities", x => x.id));
        m.CreateIndex("ix_opportunities_ocid", "opportunities", "ocid", unique: true);
        m.CreateIndex("ix_opportunities_deadline_utc", "opportunities", "deadline_utc");

        m.CreateTable(
            name: "opportunity_revisions",
            columns: t => new
            {
                opportunity_id = t.Column<string>(nullable: false),
                revision = t.Column<int>(nullable: false),
                recorded_at = t.Column<long>(nullable: false),
                release_id = t.Column<string>(nullable: true),
                release_date = t.Column<long>(nullable: true),
                changes = t.Column<string>(nullable: true),
                original = t.Column<string>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_opportunity_revisions", x => new { x.opportunity_id, x.revision });
                t.ForeignKey("fk_opportunity_revisions_opportunities", x => x.opportunity_id, "opportunities", "id", onDelete: ReferentialAction.Cascade);
            });
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("opportunity_revisions");
        m.DropTable("opportunities");
    }
}
