using TenderConsortium.Core.Intake;
using TenderConsortium.Core.Reference;

namespace TenderConsortium.Core.Opportunities;

/// <summary>
/// Gathers a lot's CPV codes in order without duplicates. A code the buyer got wrong is kept and warned about once:
/// buyers' coding is often wrong (an EC sample found 23%) and a notice must never be refused for it.
/// </summary>
public sealed class CpvCodeList(CpvCatalogue catalogue, IntakeProblems problems, HashSet<string> warned)
{
    private readonly List<string> _codes = [];

    public IReadOnlyList<string> Codes => _codes;

    /// <summary>Adds a code; true when it is (now or already) in the list.</summary>
    public bool Add(string raw, string path)
    {
        var check = catalogue.Check(raw);
        var code = check.Code8 ?? raw.Trim();
        if (code.Length == 0) return false;
        if (check.Problem is not null && warned.Add(code)) problems.Warn(path, $"{check.Problem}; kept as published");
        if (!_codes.Contains(code)) _codes.Add(code);
        return true;
    }

    public void AddRange(IEnumerable<string> codes)
    {
        foreach (var code in codes)
            if (!_codes.Contains(code)) _codes.Add(code);
    }
}
