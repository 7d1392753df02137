using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TenderConsortium.Persistence.Migrations;

/// <summary>
/// Removes the 'default' default that the tenancy migration left on opportunities.consortium_id and
/// members.consortium_id: a row must name its consortium, never fall into one silently (and the model has no
/// default). PostgreSQL drops the default; SQLite cannot, so the two tables are rebuilt with every row kept, with
/// foreign keys off so that opportunity revisions are not cascaded away. Hand-written; shipped: never edit.
/// </summary>
[DbContext(typeof(TenderDbContext))]
[Migration("20261203120100_ConsortiumWithoutDefault")]
public sealed partial class ConsortiumWithoutDefault : Migration
{
    private const string Sqlite = "Microsoft.EntityFrameworkCore.Sqlite";

    protected override void Up(MigrationBuilder m)
    {
        if (m.ActiveProvider != Sqlite)
        {
            m.Sql("ALTER TABLE opportunities ALTER COLUMN consortium_id DROP DEFAULT;");
            m.Sql("ALTER TABLE members ALTER COLUMN consortium_id DROP DEFAULT;");
            return;
        }

        m.Sql("PRAGMA foreign_keys = 0;", suppressTransaction: true);
        m.Sql("""
            CREATE TABLE "ef_temp_opportunities" (
                "id" TEXT NOT NULL CONSTRAINT "pk_opportunities" PRIMARY KEY,
                "ocid" TEXT NOT NULL,
                "consortium_id" TEXT NOT NULL,
                "source" TEXT NOT NULL,
                "title" TEXT NOT NULL,
                "buyer_name" TEXT NOT NULL,
                "reference" TEXT NULL,
                "value_minor" INTEGER NULL,
                "currency" TEXT NULL,
                "deadline_utc" INTEGER NULL,
                "deadline_offset_minutes" INTEGER NULL,
                "lot_count" INTEGER NOT NULL,
                "revision" INTEGER NOT NULL,
                "created_at" INTEGER NOT NULL,
                "updated_at" INTEGER NOT NULL,
                "model" TEXT NOT NULL
            );
            INSERT INTO "ef_temp_opportunities" ("id", "ocid", "consortium_id", "source", "title", "buyer_name", "reference", "value_minor", "currency",
                "deadline_utc", "deadline_offset_minutes", "lot_count", "revision", "created_at", "updated_at", "model")
            SELECT "id", "ocid", "consortium_id", "source", "title", "buyer_name", "reference", "value_minor", "currency",
                "deadline_utc", "deadline_offset_minutes", "lot_count", "revision", "created_at", "updated_at", "model" FROM "opportunities";
            DROP TABLE "opportunities";
            ALTER TABLE "ef_temp_opportunities" RENAME TO "opportunities";
            CREATE UNIQUE INDEX "ix_opportunities_consortium_ocid" ON "opportunities" ("consortium_id", "ocid");
            CREATE INDEX "ix_opportunities_deadline_utc" ON "opportunities" ("deadline_utc");

            CREATE TABLE "ef_temp_members" (
                "id" TEXT NOT NULL CONSTRAINT "pk_members" PRIMARY KEY,
                "registration_number" TEXT NOT NULL,
                "consortium_id" TEXT NOT NULL,
                "name" TEXT NOT NULL,
                "legal_form" TEXT NOT NULL,
                "email" TEXT NULL,
                "cpv" TEXT NOT NULL,
                "service_areas" TEXT NOT NULL,
                "annual_turnover_minor" INTEGER NULL,
                "max_contract_value_minor" INTEGER NULL,
                "currency" TEXT NULL,
                "staff_fte" REAL NULL,
                "asset_lock" INTEGER NOT NULL,
                "created_at" INTEGER NOT NULL,
                "updated_at" INTEGER NOT NULL,
                "profile" TEXT NOT NULL
            );
            INSERT INTO "ef_temp_members" ("id", "registration_number", "consortium_id", "name", "legal_form", "email", "cpv", "service_areas",
                "annual_turnover_minor", "max_contract_value_minor", "currency", "staff_fte", "asset_lock", "created_at", "updated_at", "profile")
            SELECT "id", "registration_number", "consortium_id", "name", "legal_form", "email", "cpv", "service_areas",
                "annual_turnover_minor", "max_contract_value_minor", "currency", "staff_fte", "asset_lock", "created_at", "updated_at", "profile" FROM "members";
            DROP TABLE "members";
            ALTER TABLE "ef_temp_members" RENAME TO "members";
            CREATE UNIQUE INDEX "ix_members_consortium_registration_number" ON "members" ("consortium_id", "registration_number");
            CREATE INDEX "ix_members_name" ON "members" ("name");
            """);
        m.Sql("PRAGMA foreign_keys = 1;", suppressTransaction: true);
    }

    protected override void Down(MigrationBuilder m)
    {
        // Going back restores no default: rows always name their consortium, so none is needed.
    }
}
