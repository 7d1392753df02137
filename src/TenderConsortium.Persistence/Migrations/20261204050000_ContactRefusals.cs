using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TenderConsortium.Persistence.Migrations;

/// <summary>
/// Addresses the mail relay refused permanently, so a member nobody can reach is shown as such, the lead is told once,
/// and nothing more is sent to the address until it is corrected. Hand-written; once shipped never edit.
/// </summary>
[DbContext(typeof(TenderDbContext))]
[Migration("20261204050000_ContactRefusals")]
public sealed partial class ContactRefusals : Migration
{
    protected override void Up(MigrationBuilder m) =>
        m.CreateTable(
            name: "contact_refusals",
            columns: t => new
            {
                address = t.Column<string>(nullable: false),
                reason = t.Column<string>(nullable: false),
                refused_at = t.Column<long>(nullable: false),
                lead_told_at = t.Column<long>(nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_contact_refusals", x => x.address));

    protected override void Down(MigrationBuilder m) => m.DropTable("contact_refusals");
}
