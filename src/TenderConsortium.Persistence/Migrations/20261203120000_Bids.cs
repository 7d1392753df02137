using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TenderConsortium.Persistence.Migrations;

/// <summary>
/// The Bid aggregate: one bid per opportunity (its workflow, deadlines, submission), the buyer's decision per lot
/// and the sub-contracts issued. Bids of an earlier release are adopted from their workflow instances when first
/// read, so no row is lost. Hand-written and provider-neutral; shipped: never edit.
/// </summary>
[DbContext(typeof(TenderDbContext))]
[Migration("20261203120000_Bids")]
public sealed partial class Bids : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable(
            name: "bids",
            columns: t => new
            {
                id = t.Column<string>(nullable: false),
                opportunity_id = t.Column<string>(nullable: false),
                consortium_id = t.Column<string>(nullable: false),
                version = t.Column<int>(nullable: false),
                workflow_id = t.Column<string>(nullable: false),
                instance_id = t.Column<Guid>(nullable: true),
                lead_email = t.Column<string>(nullable: true),
                declaration_deadline = t.Column<long>(nullable: true),
                tender_deadline = t.Column<long>(nullable: true),
                started_at = t.Column<long>(nullable: false),
                started_by = t.Column<string>(nullable: false),
                start_request = t.Column<string>(nullable: true),
                submission_reference = t.Column<string>(nullable: true),
                submitted_at = t.Column<long>(nullable: true),
                submitted_by = t.Column<string>(nullable: true),
                concurrency = t.Column<long>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_bids", x => x.id));
        m.CreateIndex("ix_bids_opportunity_id", "bids", "opportunity_id", unique: true);
        m.CreateIndex("ix_bids_consortium_id", "bids", "consortium_id");

        m.CreateTable(
            name: "bid_lot_outcomes",
            columns: t => new
            {
                bid_id = t.Column<string>(nullable: false),
                lot_id = t.Column<string>(nullable: false),
                awarded = t.Column<bool>(nullable: false),
                recorded_at = t.Column<long>(nullable: false),
                recorded_by = t.Column<string>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_bid_lot_outcomes", x => new { x.bid_id, x.lot_id });
                t.ForeignKey("fk_bid_lot_outcomes_bids_bid_id", x => x.bid_id, "bids", "id", onDelete: ReferentialAction.Cascade);
            });

        m.CreateTable(
            name: "bid_subcontracts",
            columns: t => new
            {
                bid_id = t.Column<string>(nullable: false),
                member_id = t.Column<string>(nullable: false),
                member_name = t.Column<string>(nullable: false),
                lot_ids = t.Column<string>(nullable: false),
                value_minor = t.Column<long>(nullable: false),
                document = t.Column<string>(nullable: true),
                payment_days = t.Column<int>(nullable: false),
                issued_at = t.Column<long>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_bid_subcontracts", x => new { x.bid_id, x.member_id });
                t.ForeignKey("fk_bid_subcontracts_bids_bid_id", x => x.bid_id, "bids", "id", onDelete: ReferentialAction.Cascade);
            });
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("bid_subcontracts");
        m.DropTable("bid_lot_outcomes");
        m.DropTable("bids");
    }
}
