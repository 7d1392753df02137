using System.CommandLine;
using TenderConsortium.Cli.Infrastructure;

namespace TenderConsortium.Cli.Intake;

/// <summary>The --data, --db and --json options every opportunity and member command takes, and opening the store they name.</summary>
internal sealed class StoreOptions : DataOptions
{
    public static Command Command(string name, string description, out StoreOptions store, params Symbol[] symbols)
    {
        store = new StoreOptions();
        return Build(name, description, store, symbols);
    }

    /// <summary>The connection string, with the domain schema migrated (safe at every start).</summary>
    public Task<string> OpenAsync(ParseResult parse, CancellationToken ct) =>
        IntakeCli.OpenDatabaseAsync(parse.GetValue(Data)!, parse.GetValue(Database), ct);
}
