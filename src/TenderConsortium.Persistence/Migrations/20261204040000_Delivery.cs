using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TenderConsortium.Persistence.Migrations;

/// <summary>
/// The delivery phase after the award: one contract per won bid with its fixed terms, members' returns per period,
/// invoices (members' to the lead, the lead's to the buyer) and payments, keyed so the same payment cannot be
/// stored twice. Hand-written and provider-neutral; shipped: never edit.
/// </summary>
[DbContext(typeof(TenderDbContext))]
[Migration("20261204040000_Delivery")]
public sealed partial class Delivery : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable(
            name: "delivery_contracts",
            columns: t => new
            {
                id = t.Column<string>(nullable: false),
                bid_id = t.Column<string>(nullable: false),
                opportunity_id = t.Column<string>(nullable: false),
                consortium_id = t.Column<string>(nullable: false),
                title = t.Column<string>(nullable: false),
                buyer = t.Column<string>(nullable: false),
                lead_email = t.Column<string>(nullable: true),
                period_length = t.Column<string>(nullable: false),
                terms = t.Column<string>(nullable: false),
                management_fee_basis_points = t.Column<int>(nullable: false),
                payment_days = t.Column<int>(nullable: false),
                started_at = t.Column<long>(nullable: false),
                started_by = t.Column<string>(nullable: false),
                instance_id = t.Column<Guid>(nullable: true),
                concurrency = t.Column<long>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_delivery_contracts", x => x.id));
        m.CreateIndex("ix_delivery_contracts_bid_id", "delivery_contracts", "bid_id", unique: true);
        m.CreateIndex("ix_delivery_contracts_opportunity_id", "delivery_contracts", "opportunity_id");
        m.CreateIndex("ix_delivery_contracts_consortium_id", "delivery_contracts", "consortium_id");

        m.CreateTable(
            name: "delivery_returns",
            columns: t => new
            {
                contract_id = t.Column<string>(nullable: false),
                period = t.Column<int>(nullable: false),
                member_id = t.Column<string>(nullable: false),
                revision = t.Column<int>(nullable: false),
                outputs = t.Column<string>(nullable: false),
                social_value = t.Column<string>(nullable: false),
                evidence = t.Column<string>(nullable: true),
                submitted_at = t.Column<long>(nullable: false),
                submitted_by = t.Column<string>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_delivery_returns", x => new { x.contract_id, x.period, x.member_id });
                t.ForeignKey("fk_delivery_returns_delivery_contracts_contract_id", x => x.contract_id, "delivery_contracts", "id", onDelete: ReferentialAction.Cascade);
            });

        m.CreateTable(
            name: "delivery_invoices",
            columns: t => new
            {
                contract_id = t.Column<string>(nullable: false),
                id = t.Column<string>(nullable: false),
                period = t.Column<int>(nullable: false),
                member_id = t.Column<string>(nullable: true),
                computed_minor = t.Column<long>(nullable: false),
                amount_minor = t.Column<long>(nullable: false),
                fee_minor = t.Column<long>(nullable: false),
                adjustment_reason = t.Column<string>(nullable: true),
                received_on = t.Column<int>(nullable: false),
                due_on = t.Column<int>(nullable: false),
                payment_days = t.Column<int>(nullable: false),
                paid_on = t.Column<int>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_delivery_invoices", x => new { x.contract_id, x.id });
                t.ForeignKey("fk_delivery_invoices_delivery_contracts_contract_id", x => x.contract_id, "delivery_contracts", "id", onDelete: ReferentialAction.Cascade);
            });
        m.CreateIndex("ix_delivery_invoices_member_paid_on", "delivery_invoices", ["member_id", "paid_on"]);

        m.CreateTable(
            name: "delivery_payments",
            columns: t => new
            {
                contract_id = t.Column<string>(nullable: false),
                invoice_id = t.Column<string>(nullable: false),
                reference_key = t.Column<string>(nullable: false),
                reference = t.Column<string>(nullable: false),
                paid_on = t.Column<int>(nullable: false),
                amount_minor = t.Column<long>(nullable: false),
                recorded_at = t.Column<long>(nullable: false),
                recorded_by = t.Column<string>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_delivery_payments", x => new { x.contract_id, x.invoice_id, x.reference_key });
                t.ForeignKey("fk_delivery_payments_delivery_contracts_contract_id", x => x.contract_id, "delivery_contracts", "id", onDelete: ReferentialAction.Cascade);
            });
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("delivery_payments");
        m.DropTable("delivery_invoices");
        m.DropTable("delivery_returns");
        m.DropTable("delivery_contracts");
    }
}
