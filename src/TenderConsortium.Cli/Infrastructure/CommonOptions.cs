using System.CommandLine;

namespace TenderConsortium.Cli.Infrastructure;

/// <summary>Options that several commands share, created fresh per command so each command owns its instances.</summary>
public static class CommonOptions
{
    public static Option<string> Data() => new("--data")
    {
        Description = "Data folder: SQLite database, outbox, documents",
        DefaultValueFactory = _ => "data",
    };

    public static Option<string?> Database() => new("--db")
    {
        Description = "Database connection string (\"Host=…\" for PostgreSQL); default: SQLite file in the data folder",
    };

    public static Option<bool> Json() => new("--json") { Description = "Print one JSON object on stdout" };
}
