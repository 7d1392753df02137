using System.CommandLine;
using TenderConsortium.Cli.Infrastructure;
using TenderConsortium.Core.Common;
using TenderConsortium.Persistence;
using TenderConsortium.Persistence.Privacy;
using TenderConsortium.Workflows.Hosting;

namespace TenderConsortium.Cli.Privacy;

/// <summary>
/// "tender privacy erase --email E | --member REG --yes": a person's right to erasure. Prints what was removed and what
/// was kept as the lawful record of bids, so the operator can answer the person in those words.
/// </summary>
public static class EraseCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var db = CommonOptions.Database();
        var member = new Option<string?>("--member") { Description = "Erase every contact person of this member (registration number, e.g. SC123456)" };
        var email = new Option<string?>("--email") { Description = "Erase the person with this email address" };
        var yes = new Option<bool>("--yes") { Description = "Go ahead: erasing cannot be undone" };
        var command = new Command("erase", "Erase a person: account removed, contact details replaced, emails, journal and workflow data redacted; bids' lawful record kept")
            { data, db, member, email, yes };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var (reg, address) = (parse.GetValue(member), parse.GetValue(email));
            if (string.IsNullOrWhiteSpace(reg) == string.IsNullOrWhiteSpace(address))
                throw new BadInputException("--member or --email: give exactly one, e.g. --member SC123456 or --email someone@example.org");
            if (!parse.GetValue(yes))
                throw new BadInputException("--yes: erasing cannot be undone; run tender privacy export first if the person also asked for a copy, then add --yes");
            var location = DataLocation.From(parse.GetValue(data)!, parse.GetValue(db));
            await WorkflowDatabase.MigrateAsync(location.ConnectionString, ct);
            await TenderDatabase.MigrateAsync(location.ConnectionString, ct);
            var pickup = NodeFactory.Configuration(location.DataFolder)["Mail:PickupFolder"] ?? location.OutboxFolder;
            var eraser = new PersonalDataEraser(location.ConnectionString, pickup, TimeProvider.System);
            var report = string.IsNullOrWhiteSpace(reg) ? await eraser.EraseEmailAsync(address!, ct) : await eraser.EraseMemberContactsAsync(reg, ct);
            Console.WriteLine(Describe(report));
            return CliExit.Ok;
        }));
        return command;
    }

    /// <summary>The report in the words the operator can pass on.</summary>
    public static string Describe(ErasureReport r)
    {
        if (r.NothingHeld) return $"Nothing was held about {r.Subject}: nothing to erase.";
        var lines = new List<string> { $"Erased {r.Subject}:" };
        if (r.AccountsRemoved > 0) lines.Add("- the sign-in account, with its sessions, links and API key");
        if (r.MemberContactsReplaced > 0) lines.Add($"- the contact's name, email address and phone on {Wording.Count(r.MemberContactsReplaced, "member record")} (replaced by \"(erased)\")");
        if (r.InvitationsChanged > 0) lines.Add($"- the email address on {Wording.Count(r.InvitationsChanged, "invitation")}");
        if (r.EmailsErased > 0) lines.Add($"- {r.EmailsErased} email(s) sent to them (text removed)");
        if (r.EmailsRedacted > 0) lines.Add($"- their address and name in {r.EmailsRedacted} other email(s)");
        if (r.EmailFilesDeleted > 0) lines.Add($"- {r.EmailFilesDeleted} email file(s) in the outbox folder");
        if (r.JournalBurstsRedacted + r.InstancesRedacted > 0) lines.Add("- their address and name in the bids' workflow journal and data");
        lines.Add($"Kept as the lawful record of bids (UK GDPR art. 17(3)(b) and (e): contracts and legal claims): the member organisations with {r.DeclarationsKept} declaration(s), " +
                  $"{r.AllocationsKept} allocation(s) and {r.SubcontractsKept} sub-contract(s) naming them, and the documents issued under documents/ (bid packs and sub-contracts are not changed).");
        lines.Add("Backups taken before today still hold the erased data: they are deleted on your backup schedule (see docs/privacy.md).");
        return string.Join(Environment.NewLine, lines);
    }
}
