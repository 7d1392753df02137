using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TenderConsortium.Persistence.Migrations;

/// <summary>
/// The consortium profile names the procurement adviser who reviews bid packs, so no review request goes to an
/// invented address. A profile saved before keeps an empty adviser and a bid cannot start until the lead adds one.
/// Hand-written and provider-neutral; once shipped never edit.
/// </summary>
[DbContext(typeof(TenderDbContext))]
[Migration("20261204061400_ProfileAdviser")]
public sealed partial class ProfileAdviser : Migration
{
    protected override void Up(MigrationBuilder m) =>
        m.AddColumn<string>(name: "adviser_email", table: "consortium_profiles", nullable: false, defaultValue: "");

    protected override void Down(MigrationBuilder m) => m.DropColumn(name: "adviser_email", table: "consortium_profiles");
}
