using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using TenderConsortium.Cli.Infrastructure;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Reference;
using TenderConsortium.Persistence;

namespace TenderConsortium.Cli.Intake;

/// <summary>What the opportunity and member commands share: opening the domain database and printing.</summary>
internal static class IntakeCli
{
    /// <summary>The connection string for --data/--db, with the domain schema migrated (safe at every start).</summary>
    public static async Task<string> OpenDatabaseAsync(string data, string? db, CancellationToken ct)
    {
        var location = DataLocation.From(data, db);
        await TenderDatabase.MigrateAsync(location.ConnectionString, ct);
        return location.ConnectionString;
    }

    /// <summary>Exactly one JSON document on stdout, in the domain's JSON shape (enums as text, £ readable).</summary>
    public static void WriteJson<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, DomainJson.Indented));

    /// <summary>
    /// A console bound to the current Console.Out (not the one at start-up), so redirected output, e.g. in
    /// in-process tests, receives the tables; without a terminal Spectre prints plain text.
    /// </summary>
    public static IAnsiConsole Terminal()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Out) });

        // Tables and lines fit 100 columns (or a narrower terminal); a file or pipe is read later at the same width.
        console.Profile.Width = Infrastructure.CliWidth.Columns;
        return console;
    }

    public static void Warnings(IEnumerable<string> warnings)
    {
        foreach (var warning in warnings) System.Console.Error.WriteLine($"warning: {warning}");
    }

    public static string Money(Money? money) => money is null ? "-" : money.ToString();

    public static string Date(DateTimeOffset? date) =>
        date is null ? "-" : DisplayTime.Current.DateAndTime(date.Value);

    /// <summary>An OCDS code in words: "electronicSubmission" → "electronic submission".</summary>
    public static string Words(string code) =>
        string.Concat(code.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));

    public static string Places(IEnumerable<string> codes) => string.Join(", ", codes.Select(ScottishPlaces.Default.NameOf));
}
