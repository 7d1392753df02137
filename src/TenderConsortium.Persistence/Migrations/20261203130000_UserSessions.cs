using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TenderConsortium.Persistence.Migrations;

/// <summary>
/// Browsers' sessions, so that signing out (or out everywhere, or removing the account) ends them on the server and a
/// copied cookie stops working; each has an absolute end. Ids stored hashed. Hand-written; once shipped never edit.
/// </summary>
[DbContext(typeof(TenderDbContext))]
[Migration("20261203130000_UserSessions")]
public sealed partial class UserSessions : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable(
            name: "user_sessions",
            columns: t => new
            {
                id_hash = t.Column<string>(nullable: false),
                user_id = t.Column<string>(nullable: false),
                created_at = t.Column<long>(nullable: false),
                expires_at = t.Column<long>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_user_sessions", x => x.id_hash));
        m.CreateIndex("ix_user_sessions_user_id", "user_sessions", "user_id");
    }

    protected override void Down(MigrationBuilder m) => m.DropTable("user_sessions");
}
