using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TenderConsortium.Persistence.Migrations;

/// <summary>Adviser review rounds. Hand-written; once shipped never edit.</summary>
[DbContext(typeof(TenderDbContext))]
[Migration("20261122010000_Reviews")]
public sealed partial class Reviews : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable(
            name: "reviews",
            columns: t => new
            {
                opportunity_id = t.Column<string>(nullable: false),
                round = t.Column<int>(nullable: false),
                bid_pack_version = t.Column<int>(nullable: false),
                decision = t.Column<string>(nullable: false),
                comments = t.Column<string>(nullable: false),
                requested_at = t.Column<long>(nullable: false),
                due_at = t.Column<long>(nullable: true),
                decided_by = t.Column<string>(nullable: true),
                decided_at = t.Column<long>(nullable: true),
                summary = t.Column<string>(nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_reviews", x => new { x.opportunity_id, x.round }));
        m.CreateIndex("ix_reviews_decision_requested_at", "reviews", ["decision", "requested_at"]);
    }

    protected override void Down(MigrationBuilder m) => m.DropTable("reviews");
}
