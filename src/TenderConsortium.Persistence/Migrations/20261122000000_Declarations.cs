using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TenderConsortium.Persistence.Migrations;

/// <summary>Declaration rounds, invitations (token hashes), declaration revisions and allocation rounds. Hand-written; once shipped never edit.</summary>
[DbContext(typeof(TenderDbContext))]
[Migration("20261122000000_Declarations")]
public sealed partial class Declarations : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable(
            name: "declaration_rounds",
            columns: t => new
            {
                opportunity_id = t.Column<string>(nullable: false),
                instance_id = t.Column<string>(nullable: false),
                deadline = t.Column<long>(nullable: false),
                closes_at = t.Column<long>(nullable: false),
                closed_at = t.Column<long>(nullable: true),
                terms = t.Column<string>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_declaration_rounds", x => x.opportunity_id));

        m.CreateTable(
            name: "invitations",
            columns: t => new
            {
                id = t.Column<string>(nullable: false),
                opportunity_id = t.Column<string>(nullable: false),
                member_id = t.Column<string>(nullable: false),
                member_name = t.Column<string>(nullable: false),
                email = t.Column<string>(nullable: false),
                instance_id = t.Column<string>(nullable: false),
                token_hash = t.Column<string>(nullable: false),
                issued_at = t.Column<long>(nullable: false),
                expires_at = t.Column<long>(nullable: false),
                revoked_at = t.Column<long>(nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_invitations", x => x.id));
        m.CreateIndex("ix_invitations_token_hash", "invitations", "token_hash", unique: true);
        m.CreateIndex("ix_invitations_opportunity_member", "invitations", ["opportunity_id", "member_id"], unique: true);

        m.CreateTable(
            name: "declarations",
            columns: t => new
            {
                id = t.Column<string>(nullable: false),
                opportunity_id = t.Column<string>(nullable: false),
                member_id = t.Column<string>(nullable: false),
                revision = t.Column<int>(nullable: false),
                submitted_at = t.Column<long>(nullable: false),
                declined = t.Column<bool>(nullable: false),
                body = t.Column<string>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_declarations", x => x.id));
        m.CreateIndex("ix_declarations_opportunity_member_revision", "declarations", ["opportunity_id", "member_id", "revision"], unique: true);

        m.CreateTable(
            name: "allocations",
            columns: t => new
            {
                opportunity_id = t.Column<string>(nullable: false),
                round = t.Column<int>(nullable: false),
                status = t.Column<string>(nullable: false),
                result = t.Column<string>(nullable: false),
                consents = t.Column<string>(nullable: false),
                updated_at = t.Column<long>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_allocations", x => new { x.opportunity_id, x.round }));
        m.CreateIndex("ix_allocations_status_updated_at", "allocations", ["status", "updated_at"]);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("allocations");
        m.DropTable("declarations");
        m.DropTable("invitations");
        m.DropTable("declaration_rounds");
    }
}
