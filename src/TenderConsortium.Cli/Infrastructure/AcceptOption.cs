using System.CommandLine;
using TenderConsortium.Core.BidPacks;
using TenderConsortium.Core.Common;

namespace TenderConsortium.Cli.Infrastructure;

/// <summary>
/// <c>--accept CHECK=REASON</c>, repeated: why an approval or a submission goes ahead although a check of the pack
/// failed, one per failed check (the ids are those of the pack's checks file and `bid show`).
/// </summary>
public static class AcceptOption
{
    public static Option<string[]> Create() => new("--accept")
    {
        Description = "A failed check accepted, with why: CHECK=REASON (repeat for each failed check, e.g. --accept \"deadline=The buyer extended it to 9 January\")",
    };

    public static IReadOnlyDictionary<string, string>? Parse(string[]? values)
    {
        if (values is null || values.Length == 0) return null;
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var i = value.IndexOf('=', StringComparison.Ordinal);
            if (i <= 0) throw new ProblemException("--accept", ProblemCode.Invalid, "write each accepted check as CHECK=REASON, for example deadline=\"The buyer extended it\"");
            var check = value[..i].Trim();
            if (reasons.ContainsKey(check)) throw new ProblemException(FailedChecks.PathOf(check), ProblemCode.Invalid, "give one reason per check");
            reasons[check] = value[(i + 1)..];
        }

        return reasons;
    }
}
