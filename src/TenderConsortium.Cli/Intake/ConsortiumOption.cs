using System.CommandLine;
using TenderConsortium.Persistence.Tenancy;

namespace TenderConsortium.Cli.Intake;

/// <summary>
/// "--consortium NAME" on the registry commands: where imports go (the default consortium when omitted, as the web
/// app's single-consortium setup expects) and which consortium list and show look in (all when omitted).
/// </summary>
internal static class ConsortiumOption
{
    public static Option<string?> Create(string description) => new("--consortium") { Description = description };

    /// <summary>The consortium's id; the default consortium when the option is absent; an unknown name is bad input.</summary>
    public static Task<string> TargetAsync(ParseResult parse, Option<string?> option, string connection, CancellationToken ct) =>
        new ConsortiumStore(connection).ResolveAsync(parse.GetValue(option), ct);

    /// <summary>The consortium's id, or null (every consortium) when the option is absent.</summary>
    public static async Task<string?> FilterAsync(ParseResult parse, Option<string?> option, string connection, CancellationToken ct) =>
        parse.GetValue(option) is null ? null : await TargetAsync(parse, option, connection, ct);
}
