using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Workflows.Outbox;

namespace TenderConsortium.Cli.Infrastructure;

/// <summary>
/// The --data, --db and --json options of commands that act on running bids, and running such a command on a
/// one-shot node. Emails the action queued are delivered before the command returns, so the member's receipt or
/// the lead's report is in the outbox folder (or sent) when the prompt comes back.
/// </summary>
internal sealed class NodeOptions : DataOptions
{
    public static Command Command(string name, string description, out NodeOptions node, params Symbol[] symbols)
    {
        node = new NodeOptions();
        return Build(name, description, node, symbols);
    }

    public static string Actor => $"cli:{Environment.UserName}";

    public async Task<int> RunAsync(ParseResult parse, Func<IServiceProvider, Task<int>> work, CancellationToken ct)
    {
        await using var services = await NodeFactory.StartAsync(DataLocation.From(parse.GetValue(Data)!, parse.GetValue(Database)), ct: ct);
        var exit = await work(services);
        var dispatcher = services.GetRequiredService<OutboxDispatcher>();
        while (await dispatcher.DispatchOnceAsync(ct) > 0)
        {
        }

        return exit;
    }
}
