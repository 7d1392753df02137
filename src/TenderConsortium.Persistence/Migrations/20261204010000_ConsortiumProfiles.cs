using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TenderConsortium.Persistence.Migrations;

/// <summary>
/// The consortium profile (the lead body's legal name, registration, signatory, contact and address), one row per
/// consortium, required before a bid starts. A new table: existing rows are untouched. Hand-written and
/// provider-neutral; shipped: never edit.
/// </summary>
[DbContext(typeof(TenderDbContext))]
[Migration("20261204010000_ConsortiumProfiles")]
public sealed partial class ConsortiumProfiles : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable(
            name: "consortium_profiles",
            columns: t => new
            {
                consortium_id = t.Column<string>(nullable: false),
                legal_name = t.Column<string>(nullable: false),
                registration_number = t.Column<string>(nullable: false),
                signatory_name = t.Column<string>(nullable: false),
                signatory_role = t.Column<string>(nullable: false),
                contact_email = t.Column<string>(nullable: false),
                contact_phone = t.Column<string>(nullable: false),
                address = t.Column<string>(nullable: false),
                updated_at = t.Column<long>(nullable: false),
                updated_by = t.Column<string>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_consortium_profiles", x => x.consortium_id));
    }

    protected override void Down(MigrationBuilder m) => m.DropTable("consortium_profiles");
}
