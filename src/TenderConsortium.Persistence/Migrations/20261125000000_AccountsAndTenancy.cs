using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TenderConsortium.Persistence.Migrations;

/// <summary>
/// Tenancy and accounts: consortia, a consortium_id on opportunities and members (existing rows go to the consortium
/// 'default'; OCIDs and registration numbers become unique per consortium), lead and adviser accounts, one-time
/// sign-in tokens and API keys (both stored hashed). Hand-written and provider-neutral; shipped: never edit.
/// </summary>
[DbContext(typeof(TenderDbContext))]
[Migration("20261125000000_AccountsAndTenancy")]
public sealed partial class AccountsAndTenancy : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable(
            name: "consortia",
            columns: t => new
            {
                id = t.Column<string>(nullable: false),
                name = t.Column<string>(nullable: false),
                created_at = t.Column<long>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_consortia", x => x.id));
        m.CreateIndex("ix_consortia_name", "consortia", "name", unique: true);
        // Plain SQL: hand-written migrations have no model for InsertData to map columns with.
        m.Sql("INSERT INTO consortia (id, name, created_at) VALUES ('default', 'default', 0);");

        m.AddColumn<string>("consortium_id", "opportunities", nullable: false, defaultValue: "default");
        m.DropIndex("ix_opportunities_ocid", "opportunities");
        m.CreateIndex("ix_opportunities_consortium_ocid", "opportunities", ["consortium_id", "ocid"], unique: true);

        m.AddColumn<string>("consortium_id", "members", nullable: false, defaultValue: "default");
        m.DropIndex("ix_members_registration_number", "members");
        m.CreateIndex("ix_members_consortium_registration_number", "members", ["consortium_id", "registration_number"], unique: true);

        m.CreateTable(
            name: "users",
            columns: t => new
            {
                id = t.Column<string>(nullable: false),
                email = t.Column<string>(nullable: false),
                role = t.Column<string>(nullable: false),
                consortium_id = t.Column<string>(nullable: true),
                created_at = t.Column<long>(nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_users", x => x.id));
        m.CreateIndex("ix_users_email", "users", "email", unique: true);

        m.CreateTable(
            name: "sign_in_tokens",
            columns: t => new
            {
                token_hash = t.Column<string>(nullable: false),
                user_id = t.Column<string>(nullable: false),
                created_at = t.Column<long>(nullable: false),
                expires_at = t.Column<long>(nullable: false),
                used_at = t.Column<long>(nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_sign_in_tokens", x => x.token_hash));
        m.CreateIndex("ix_sign_in_tokens_user_id", "sign_in_tokens", "user_id");

        m.CreateTable(
            name: "api_keys",
            columns: t => new
            {
                id = t.Column<string>(nullable: false),
                user_id = t.Column<string>(nullable: false),
                key_hash = t.Column<string>(nullable: false),
                created_at = t.Column<long>(nullable: false),
                last_used_at = t.Column<long>(nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_api_keys", x => x.id));
        m.CreateIndex("ix_api_keys_key_hash", "api_keys", "key_hash", unique: true);
        m.CreateIndex("ix_api_keys_user_id", "api_keys", "user_id");
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("api_keys");
        m.DropTable("sign_in_tokens");
        m.DropTable("users");
        m.DropIndex("ix_members_consortium_registration_number", "members");
        m.CreateIndex("ix_members_registration_number", "members", "registration_number", unique: true);
        m.DropColumn("consortium_id", "members");
        m.DropIndex("ix_opportunities_consortium_ocid", "opportunities");
        m.CreateIndex("ix_opportunities_ocid", "opportunities", "ocid", unique: true);
        m.DropColumn("consortium_id", "opportunities");
        m.DropTable("consortia");
    }
}
