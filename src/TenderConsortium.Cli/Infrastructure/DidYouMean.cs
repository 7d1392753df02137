using System.CommandLine;

namespace TenderConsortium.Cli.Infrastructure;

/// <summary>The nearest subcommand or option to a misspelt word, by edit distance (a swapped pair of letters counts once).</summary>
public static class DidYouMean
{
    /// <summary>The sentence for <paramref name="token"/>, which <paramref name="command"/> (typed as <paramref name="path"/>) did not recognise.</summary>
    public static string For(Command command, string path, string token)
    {
        var isOption = token.StartsWith('-');
        var candidates = isOption
            ? command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)).ToList()
            : command.Subcommands.Where(c => !c.Hidden).SelectMany(c => c.Aliases.Prepend(c.Name)).ToList();
        var what = isOption ? "an option" : "a command";
        if (!isOption && command.Subcommands.Count == 0)
            return $"'{token}' is not expected after '{path}'";
        return Nearest(token, candidates) is { } best
            ? $"'{token}' is not {what} of '{path}'. Did you mean '{best}'?"
            : isOption ? $"'{token}' is not {what} of '{path}'"
            : $"'{token}' is not {what} of '{path}'. Its commands are: {string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}";
    }

    /// <summary>The closest candidate within a third of the word's length (at least one edit), or the one it begins; else null.</summary>
    public static string? Nearest(string token, IReadOnlyCollection<string> candidates)
    {
        var word = token.ToLowerInvariant();
        var limit = Math.Max(1, word.TrimStart('-').Length / 3);
        var best = candidates
            .Select(c => (Name: c, Distance: Distance(word, c.ToLowerInvariant())))
            .Where(c => c.Distance <= limit)
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.Name).FirstOrDefault();
        if (best is not null) return best;
        var starts = candidates.Where(c => word.TrimStart('-').Length >= 3 && c.StartsWith(token, StringComparison.OrdinalIgnoreCase)).ToList();
        return starts.Count == 1 ? starts[0] : null;
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps each cost 1.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        for (var j = 1; j <= b.Length; j++)
        {
            var cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
        }

        return d[a.Length, b.Length];
    }
}
