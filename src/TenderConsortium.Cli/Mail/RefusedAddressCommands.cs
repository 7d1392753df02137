using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Cli.Infrastructure;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Members;
using TenderConsortium.Mail;
using TenderConsortium.Persistence;
using Microsoft.EntityFrameworkCore;

namespace TenderConsortium.Cli.Mail;

/// <summary>
/// <c>tender mail refused</c> lists the addresses the relay refused for good (nothing is sent to them);
/// <c>tender mail reachable ADDRESS</c> says one works again, so mail to it is sent again.
/// </summary>
public static class RefusedAddressCommands
{
    public static Command Refused()
    {
        var data = CommonOptions.Data();
        var db = CommonOptions.Database();
        var command = new Command("refused", "Addresses the mail server refused for good, with its reason; nothing more is sent to them") { data, db };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var location = DataLocation.From(parse.GetValue(data)!, parse.GetValue(db));
            await using var services = await NodeFactory.StartAsync(location, ct: ct);
            await using var tender = TenderDatabase.Open(location.ConnectionString);
            var rows = await tender.ContactRefusals.AsNoTracking().OrderBy(r => r.RefusedAt).ToListAsync(ct);
            if (rows.Count == 0)
            {
                Console.WriteLine("No address has been refused.");
                return CliExit.Ok;
            }

            var members = await tender.Members.AsNoTracking().Where(m => m.Email != null).Select(m => new { m.Name, Email = m.Email!.ToLower() }).ToListAsync(ct);
            foreach (var row in rows)
            {
                var names = members.Where(m => m.Email == row.Address).Select(m => m.Name).Distinct().ToList();
                Console.WriteLine($"{row.Address}{(names.Count > 0 ? $" ({string.Join(", ", names)})" : "")}: refused on {new DateTimeOffset(row.RefusedAt, TimeSpan.Zero):d MMMM yyyy HH:mm} UTC; the server said: {row.Reason}");
            }

            Console.WriteLine($"{rows.Count} address(es). Correct a member's address by importing its member file again, or say one works again with: tender mail reachable ADDRESS");
            return CliExit.Ok;
        }));
        return command;
    }

    public static Command Reachable()
    {
        var data = CommonOptions.Data();
        var db = CommonOptions.Database();
        var address = new Argument<string>("address") { Description = "The email address that works again" };
        var command = new Command("reachable", "Say an address the mail server refused works again: mail to it is sent again") { data, db, address };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var to = parse.GetValue(address)?.Trim() ?? "";
            if (!MailOptions.IsAddress(to)) throw new BadInputException($"address: \"{to}\" is not an email address such as someone@example.org");
            await using var services = await NodeFactory.StartAsync(DataLocation.From(parse.GetValue(data)!, parse.GetValue(db)), ct: ct);
            if (!await services.GetRequiredService<IContactRefusals>().ClearAsync(to, ct))
                throw new BadInputException($"address: {to} was not refused by the mail server; nothing to change (see tender mail refused)");
            Console.WriteLine($"{to} is reachable again: new emails to it are sent. Emails that failed before can be sent again with tender outbox retry --all-failed.");
            return CliExit.Ok;
        }));
        return command;
    }
}
