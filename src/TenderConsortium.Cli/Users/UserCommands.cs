using System.CommandLine;
using TenderConsortium.Cli.Infrastructure;
using TenderConsortium.Cli.Intake;
using TenderConsortium.Core.Common;
using TenderConsortium.Persistence.Accounts;

namespace TenderConsortium.Cli.Users;

/// <summary>
/// "tender users add|list|remove|apikey|sign-out": lead and adviser accounts. They sign in by emailed link (no passwords);
/// a lead's scripts use an API key, printed once and stored hashed.
/// </summary>
public static class UserCommands
{
    public static Command Create()
    {
        var command = new Command("users", "Lead and adviser accounts: add, list, remove, issue an API key");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Remove());
        command.Subcommands.Add(ApiKey());
        command.Subcommands.Add(SignOut());
        return command;
    }

    private static Option<string> Email() => new("--email") { Description = "The account's email address (where sign-in links go)", Required = true };

    private static Command Add()
    {
        var role = new Option<string>("--role") { Description = "lead or adviser", Required = true };
        role.AcceptOnlyFromAmong(AccountRoles.Lead, AccountRoles.Adviser);
        var email = Email();
        var consortium = new Option<string?>("--consortium")
        {
            Description = "A lead's consortium by name, required for a lead: an existing one (\"default\" is the node's first), or a new name, which creates that consortium. Advisers have none.",
        };
        var command = StoreOptions.Command("add", "Add a lead (of one consortium) or an adviser (across consortia)", out var store, role, email, consortium);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            // Never drop a new lead silently into the node's first (the demo's) consortium: it would see that consortium's bids.
            if (parse.GetValue(role) == AccountRoles.Lead && string.IsNullOrWhiteSpace(parse.GetValue(consortium)))
                throw new BadInputException("--consortium: name the lead's consortium: an existing one (--consortium default for this node's first), or a new name to create it");
            var connection = await store.OpenAsync(parse, ct);
            var account = await new AccountStore(connection).AddAsync(parse.GetValue(email)!, parse.GetValue(role)!, parse.GetValue(consortium), ct);
            if (store.Json(parse)) IntakeCli.WriteJson(View(account));
            else Console.Out.WriteLine($"Added {account.Role} {account.Email}{(account.ConsortiumName is null ? "" : $" of consortium '{account.ConsortiumName}'")}. They sign in at /sign-in with a link sent to this address.");
            return CliExit.Ok;
        }));
        return command;
    }

    private static Command List()
    {
        var command = StoreOptions.Command("list", "Accounts by email", out var store);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var connection = await store.OpenAsync(parse, ct);
            var accounts = await new AccountStore(connection).ListAsync(ct);
            if (store.Json(parse))
            {
                IntakeCli.WriteJson(new { users = accounts.Select(View) });
                return CliExit.Ok;
            }

            // Columns fitted to the terminal (at most 100); --json has every field in full.
            var table = new TextTable("Email", "Role", "Consortium", "Added");
            foreach (var a in accounts)
                table.Add(a.Email, Capitalised(a.Role), a.ConsortiumName ?? (a.Role == AccountRoles.Adviser ? "All consortia" : "None"), DisplayTime.Current.Date(a.CreatedAt));
            using var fitted = FittedWriter.Out;
            table.WriteTo(fitted, CliWidth.Columns);
            fitted.WriteLine(Wording.Count(accounts.Count, "account"));
            return CliExit.Ok;
        }));
        return command;
    }

    private static Command Remove()
    {
        var email = Email();
        var command = StoreOptions.Command("remove", "Remove an account with its sign-in links and API key; its browser sessions end at their next request", out var store, email);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var connection = await store.OpenAsync(parse, ct);
            var address = parse.GetValue(email)!;
            if (!await new AccountStore(connection).RemoveAsync(address, ct)) throw new BadInputException($"--email: no account for '{address}'");
            if (store.Json(parse)) IntakeCli.WriteJson(new { removed = AccountStore.NormaliseEmail(address) });
            else Console.Out.WriteLine($"Removed {AccountStore.NormaliseEmail(address)}.");
            return CliExit.Ok;
        }));
        return command;
    }

    private static Command ApiKey()
    {
        var email = Email();
        var command = StoreOptions.Command("apikey", "Issue a new API key for a lead's scripts (replaces any earlier key); it is printed once and stored hashed", out var store, email);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var connection = await store.OpenAsync(parse, ct);
            var accounts = new AccountStore(connection);
            var address = parse.GetValue(email)!;
            var account = await accounts.FindByEmailAsync(address, ct) ?? throw new BadInputException($"--email: no account for '{address}'");
            if (account.Role != AccountRoles.Lead) throw new BadInputException($"--email: {account.Email} is an {account.Role}; API keys are for leads' scripts");
            var key = await accounts.IssueApiKeyAsync(account.Email, ct);
            if (store.Json(parse))
            {
                IntakeCli.WriteJson(new { email = account.Email, apiKey = key });
                return CliExit.Ok;
            }

            Console.Out.WriteLine(key);
            Console.Error.WriteLine($"API key for {account.Email}. It is shown only now; send it as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'. Any earlier key no longer works.");
            return CliExit.Ok;
        }));
        return command;
    }

    private static Command SignOut()
    {
        var email = Email();
        var command = StoreOptions.Command("sign-out", "Sign an account out everywhere: each of its browsers is refused at its next request (a lost laptop, a shared computer)", out var store, email);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var connection = await store.OpenAsync(parse, ct);
            var address = parse.GetValue(email)!;
            var ended = await new AccountStore(connection).EndAllSessionsAsync(address, ct);
            if (store.Json(parse)) IntakeCli.WriteJson(new { email = AccountStore.NormaliseEmail(address), sessionsEnded = ended });
            else Console.Out.WriteLine($"Signed {AccountStore.NormaliseEmail(address)} out everywhere ({ended} session{(ended == 1 ? "" : "s")} ended).");
            return CliExit.Ok;
        }));
        return command;
    }

    private static object View(Account a) => new { id = a.Id, email = a.Email, role = a.Role, consortium = a.ConsortiumName, createdAt = a.CreatedAt };

    private static string Capitalised(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];
}
