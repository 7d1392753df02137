namespace TenderConsortium.Documents.Revisions;

/// <summary>
/// What changed between two versions of a bid pack, section by section (sections matched by heading): added, changed
/// and removed. The appendix of automatic checks follows the pack's content, so a revision whose only change is there
/// (or nowhere) changes nothing an adviser asked for: <see cref="ChangesNothing"/>.
/// </summary>
public sealed record PackChanges(int FromVersion, int ToVersion, IReadOnlyList<string> Added, IReadOnlyList<SectionChange> Changed, IReadOnlyList<string> Removed)
{
    /// <summary>The heading of the checks appendix (its text is derived from the rest of the pack and the pack's date).</summary>
    public const string ChecksAppendix = "Appendix A";

    public bool ChangesNothing => Added.Count == 0 && Removed.Count == 0 && Changed.All(c => IsChecksAppendix(c.Heading));

    public static bool IsChecksAppendix(string heading) => heading.StartsWith(ChecksAppendix, StringComparison.OrdinalIgnoreCase);

    public static PackChanges Compare(int fromVersion, IReadOnlyList<PackSection> from, int toVersion, IReadOnlyList<PackSection> to)
    {
        var before = from.ToDictionary(s => s.Heading, StringComparer.Ordinal);
        var after = to.ToDictionary(s => s.Heading, StringComparer.Ordinal);
        var added = to.Where(s => !before.ContainsKey(s.Heading)).Select(s => s.Heading).ToList();
        var removed = from.Where(s => !after.ContainsKey(s.Heading)).Select(s => s.Heading).ToList();
        var changed = new List<SectionChange>();
        foreach (var section in to.Where(s => before.ContainsKey(s.Heading)))
        {
            var old = before[section.Heading];
            if (old.Lines.SequenceEqual(section.Lines, StringComparer.Ordinal)) continue;
            changed.Add(new SectionChange(section.Heading, Without(section.Lines, old.Lines), Without(old.Lines, section.Lines)));
        }

        return new PackChanges(fromVersion, toVersion, added, changed, removed);
    }

    /// <summary>The lines of <paramref name="lines"/> not in <paramref name="other"/>, counting repeats (a multiset difference), in order.</summary>
    private static List<string> Without(IReadOnlyList<string> lines, IReadOnlyList<string> other)
    {
        var left = other.GroupBy(l => l, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var line in lines)
        {
            if (left.TryGetValue(line, out var n) && n > 0) left[line] = n - 1;
            else result.Add(line);
        }

        return result;
    }
}
