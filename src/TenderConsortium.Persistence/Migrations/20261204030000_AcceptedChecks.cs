using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TenderConsortium.Persistence.Migrations;

/// <summary>
/// The failed checks a person accepted, with reasons: the adviser's approval (reviews.accepted_checks) and the lead's
/// submission (bids.submission_accepted_checks), each as JSON, null when none. Nullable columns added at the end, so
/// SQLite and PostgreSQL both take them in place and every row stays. Hand-written; shipped: never edit.
/// </summary>
[DbContext(typeof(TenderDbContext))]
[Migration("20261204030000_AcceptedChecks")]
public sealed partial class AcceptedChecks : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<string>("accepted_checks", "reviews", nullable: true);
        m.AddColumn<string>("submission_accepted_checks", "bids", nullable: true);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropColumn("submission_accepted_checks", "bids");
        m.DropColumn("accepted_checks", "reviews");
    }
}
