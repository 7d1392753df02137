using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TenderConsortium.Workflows.Persistence.Migrations;

/// <summary>
/// An instance's journal as a chain instead of an index (issue 17): each burst names the instance's burst before it
/// (<c>previous_id</c>) and the instance row names its latest (<c>journal_head</c>), so the index on (instance_id, id)
/// goes. That index took a page at a random place on every resume (1.4 of a resume's 8 pages), and with many instances
/// resumed in one group commit, one page per instance; the head costs nothing, the instance row being written anyway.
/// Existing bursts are linked in id order per instance (through the index, before it is dropped); none is lost.
/// Shipped: never edit, add a new migration instead.
/// </summary>
[DbContext(typeof(WorkflowDbContext))]
[Migration("20261207000000_ChainedJournal")]
public sealed class ChainedJournal : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<long>("previous_id", "wf_journal_bursts", nullable: true);
        m.AddColumn<long>("journal_head", "wf_instances", nullable: true);

        // The same SQL on both providers; each correlated lookup is a seek in the index still there.
        m.Sql("""
            UPDATE wf_journal_bursts SET previous_id = (
                SELECT max(p.id) FROM wf_journal_bursts AS p WHERE p.instance_id = wf_journal_bursts.instance_id AND p.id < wf_journal_bursts.id);
            UPDATE wf_instances SET journal_head = (SELECT max(b.id) FROM wf_journal_bursts AS b WHERE b.instance_id = wf_instances.id);
            """);
        m.DropIndex("ix_wf_journal_bursts_instance_id_id", "wf_journal_bursts");
    }

    protected override void Down(MigrationBuilder m) =>
        throw new NotSupportedException("The journal chain is not undone; restore a backup taken before upgrading instead.");
}
