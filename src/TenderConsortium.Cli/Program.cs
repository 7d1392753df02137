using System.CommandLine;
using TenderConsortium.Cli.Allocations;
using TenderConsortium.Cli.Bench;
using TenderConsortium.Cli.Bids;
using TenderConsortium.Cli.Declarations;
using TenderConsortium.Cli.Demo;
using TenderConsortium.Cli.Infrastructure;
using TenderConsortium.Cli.Instances;
using TenderConsortium.Cli.Mail;
using TenderConsortium.Cli.Matching;
using TenderConsortium.Cli.Members;
using TenderConsortium.Cli.Opportunities;
using TenderConsortium.Cli.Outbox;
using TenderConsortium.Cli.Reviews;
using TenderConsortium.Cli.Serve;
using TenderConsortium.Cli.Workflows;

var root = new RootCommand("tender: run a consortium's public-tender bids as durable workflows")
{
    ServeCommand.Create(),
    WorkflowCommands.Create(),
    InstanceCommands.Create(),
    OpportunityCommands.Create(),
    MemberCommands.Create(),
    MatchCommand.Create(),
    BidCommands.Create(),
    InvitationCommands.Create(),
    DeclareCommand.Create(),
    AllocateCommand.Create(),
    TenderConsortium.Cli.BidPacks.BidPackCommands.Create(),
    ConsentCommands.Consent(),
    ConsentCommands.Withdraw(),
    ReviewCommands.Create(),
    DemoCommand.Create(),
    BenchCommand.Create(),
    MailCommands.Create(),
    OutboxCommands.Create(),
    TenderConsortium.Cli.Users.UserCommands.Create(),
    TenderConsortium.Cli.Backup.BackupCommands.Backup(),
    TenderConsortium.Cli.Backup.BackupCommands.Restore(),
    TenderConsortium.Cli.Privacy.PrivacyCommands.Create(),
    TenderConsortium.Cli.Delivery.DeliveryCommands.Create(),
    TenderConsortium.Cli.Consortium.ConsortiumCommands.Create(),
};

return await CliEntry.RunAsync(root, args);
