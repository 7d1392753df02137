namespace TenderConsortium.Core.Members;

/// <summary>
/// A member as written in a file, before any check: every value still text, so a CSV row and a JSON object are
/// validated by the same rules and produce the same messages.
/// </summary>
/// <param name="Location">"line 7" or "members[6]": what the first problem of a row names.</param>
/// <param name="At">Names a field for a message, from its JSON-style path ("annualTurnover", "contacts[0].email", "cpv[2]").</param>
public sealed class MemberDraft(string location, Func<string, string> at)
{
    public string Location { get; } = location;

    public string At(string field) => at(field);

    public string? Name { get; set; }

    public string? LegalForm { get; set; }

    public string? RegistrationNumber { get; set; }

    public List<ContactDraft> Contacts { get; } = [];

    public List<string> Cpv { get; } = [];

    public List<string> ServiceAreas { get; } = [];

    /// <summary>Each "PVG:2026-03-31" or "Real Living Wage" (no expiry).</summary>
    public List<string> Certifications { get; } = [];

    public List<string> Conflicts { get; } = [];

    public string? StaffFte { get; set; }

    public string? AnnualTurnover { get; set; }

    public string? MaxContractValue { get; set; }

    public string? Currency { get; set; }

    public string? AssetLock { get; set; }

    public string? CapabilityStatement { get; set; }
}

public sealed record ContactDraft(string? Name, string? Email, string? Phone);
