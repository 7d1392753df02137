using System.CommandLine;

namespace TenderConsortium.Cli.Infrastructure;

/// <summary>The --data, --db and --json options shared by the commands that work on a data folder, and building such a command.</summary>
internal abstract class DataOptions
{
    protected Option<string> Data { get; } = CommonOptions.Data();

    protected Option<string?> Database { get; } = CommonOptions.Database();

    private readonly Option<bool> _json = CommonOptions.Json();

    public bool Json(ParseResult parse) => parse.GetValue(_json);

    protected static Command Build<T>(string name, string description, T options, Symbol[] symbols) where T : DataOptions
    {
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            if (symbol is Argument argument) command.Arguments.Add(argument);
            else command.Options.Add((Option)symbol);
        }

        command.Options.Add(options.Data);
        command.Options.Add(options.Database);
        command.Options.Add(options._json);
        return command;
    }
}
