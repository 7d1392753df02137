using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TenderConsortium.Persistence.Migrations;

/// <summary>The member registry. Hand-written and provider-neutral; shipped: never edit, add a new migration instead.</summary>
[DbContext(typeof(TenderDbContext))]
[Migration("20261121120100_Members")]
public sealed partial class Members : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable(
            name: "members",
            columns: t => new
            {
                id = t.Column<string>(nullable: false),
                registration_number = t.Column<string>(nullable: false),
                name = t.Column<string>(nullable: false),
                legal_form = t.Column<string>(nullable: false),
                email = t.Column<string>(nullable: true),
                cpv = t.Column<string>(nullable: false),
                service_areas = t.Column<string>(nullable: false),
                annual_turnover_minor = t.Column<long>(nullable: true),
                max_contract_value_minor = t.Column<long>(nullable: true),
                currency = t.Column<string>(nullable: true),
                staff_fte = t.Column<double>(nullable: true),
                asset_lock = t.Column<bool>(nullable: false),
                created_at = t.Column<long>(nullable: false),
                updated_at = t.Column<long>(nullable: false),
                profile = t.Column<string>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_members", x => x.id));
        m.CreateIndex("ix_members_registration_number", "members", "registration_number", unique: true);
        m.CreateIndex("ix_members_name", "members", "name");
    }

    protected override void Down(MigrationBuilder m) => m.DropTable("members");
}
