using System.Net.Mail;
using TenderConsortium.Core.Common;

namespace TenderConsortium.Core.Consortium;

/// <summary>
/// The consortium profile: who the lead body is on paper (legal name, registration number, address), who signs for
/// it, and whom members and buyers contact. Completed once, it is required before any bid starts, so no bid pack,
/// sub-contract or email carries an invented name or address. It names the procurement adviser too, so a bid pack's
/// review request always reaches a real person.
/// </summary>
public sealed record LeadProfile(
    string ConsortiumId,
    string LegalName,
    string RegistrationNumber,
    string SignatoryName,
    string SignatoryRole,
    string ContactEmail,
    string ContactPhone,
    string Address,
    string AdviserEmail,
    DateTimeOffset UpdatedAt,
    string UpdatedBy)
{
    public const int MaxTextLength = 200;
    public const int MaxAddressLength = 500;

    /// <summary>"Jamie Reid, Chief Executive": how documents name the signatory.</summary>
    public string Signatory => $"{SignatoryName}, {SignatoryRole}";

    /// <summary>The address on one line, as documents print it.</summary>
    public string AddressOnOneLine => string.Join(", ", Address.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>
    /// A profile from what a person typed, each field trimmed; every missing or wrong field is named at once (paths
    /// are the field names), so a form shows them all in its error summary.
    /// </summary>
    public static LeadProfile Create(string consortiumId, string? legalName, string? registrationNumber, string? signatoryName, string? signatoryRole,
        string? contactEmail, string? contactPhone, string? address, string? adviserEmail, DateTimeOffset now, string actor)
    {
        var problems = new List<Problem>();
        var profile = new LeadProfile(
            consortiumId,
            Required(legalName, "legalName", "Enter the lead body's legal name, as registered", problems),
            Required(registrationNumber, "registrationNumber", "Enter the lead body's registration number (Companies House, OSCR or FCA)", problems),
            Required(signatoryName, "signatoryName", "Enter the full name of the person who signs bids for the lead body", problems),
            Required(signatoryRole, "signatoryRole", "Enter the signatory's role, for example Chief Executive", problems),
            Email(contactEmail, "contactEmail", "Enter the email address members and buyers should write to", problems),
            Phone(contactPhone, problems),
            CleanAddress(address, problems),
            Email(adviserEmail, "adviserEmail", "Enter the email address of your Partnership for Procurement adviser, who reviews your bid packs", problems),
            now,
            actor);
        if (problems.Count > 0) throw new ProblemException(problems);
        return profile;
    }

    private static string Required(string? value, string path, string missing, List<Problem> problems)
    {
        var clean = (value ?? "").Trim();
        if (clean.Length == 0) problems.Add(new Problem(path, ProblemCode.Invalid, missing));
        else if (clean.Length > MaxTextLength) problems.Add(new Problem(path, ProblemCode.Invalid, $"Enter at most {MaxTextLength} characters"));
        else if (clean.Any(char.IsControl)) problems.Add(new Problem(path, ProblemCode.Invalid, "Enter the text on one line"));
        return clean;
    }

    private static string Email(string? value, string path, string missing, List<Problem> problems)
    {
        var clean = Required(value, path, missing, problems);
        if (clean.Length > 0 && problems.All(p => p.Path != path)
            && (!MailAddress.TryCreate(clean, out var parsed) || parsed.Address != clean || !clean.Contains('.', StringComparison.Ordinal)))
            problems.Add(new Problem(path, ProblemCode.Invalid, "Enter an email address in the correct format, like name@example.org"));
        return clean;
    }

    private static string Phone(string? value, List<Problem> problems)
    {
        var clean = Required(value, "contactPhone", "Enter a phone number, like 0141 496 0000", problems);
        var digits = clean.Count(char.IsAsciiDigit);
        if (clean.Length > 0 && problems.All(p => p.Path != "contactPhone")
            && (digits is < 7 or > 15 || clean.Any(c => !(char.IsAsciiDigit(c) || c is ' ' or '+' or '(' or ')' or '-'))))
            problems.Add(new Problem("contactPhone", ProblemCode.Invalid, "Enter a phone number, like 0141 496 0000 or +44 141 496 0000"));
        return clean;
    }

    private static string CleanAddress(string? value, List<Problem> problems)
    {
        var lines = (value ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n')
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var clean = string.Join('\n', lines);
        if (clean.Length == 0) problems.Add(new Problem("address", ProblemCode.Invalid, "Enter the lead body's registered address"));
        else if (clean.Length > MaxAddressLength) problems.Add(new Problem("address", ProblemCode.Invalid, $"Enter at most {MaxAddressLength} characters"));
        else if (clean.Any(c => char.IsControl(c) && c != '\n')) problems.Add(new Problem("address", ProblemCode.Invalid, "Enter the address as plain text"));
        return clean;
    }
}
