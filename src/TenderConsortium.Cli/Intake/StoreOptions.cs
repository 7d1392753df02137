using System.CommandLine;
using TenderConsortium.Cli.Infrastructure;

namespace TenderConsortium.Cli.Intake;

/// <summary>The --data, --db and --json options every opportunity and member command takes, and opening the store they name.</summary>
internal sealed class StoreOptions
{
    private readonly Option<string> _data = CommonOptions.Data();
    private readonly Option<string?> _db = CommonOptions.Database();
    private readonly Option<bool> _json = CommonOptions.Json();

    public static Command Command(string name, string description, out StoreOptions store, params Symbol[] symbols)
    {
        store = new StoreOptions();
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            if (symbol is Argument argument) command.Arguments.Add(argument);
            else command.Options.Add((Option)symbol);
        }

        command.Options.Add(store._data);
        command.Options.Add(store._db);
        command.Options.Add(store._json);
        return command;
    }

    public bool Json(ParseResult parse) => parse.GetValue(_json);

    /// <summary>The connection string, with the domain schema migrated (safe at every start).</summary>
    public Task<string> OpenAsync(ParseResult parse, CancellationToken ct) =>
        IntakeCli.OpenDatabaseAsync(parse.GetValue(_data)!, parse.GetValue(_db), ct);
}
