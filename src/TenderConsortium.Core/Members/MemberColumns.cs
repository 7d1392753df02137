namespace TenderConsortium.Core.Members;

/// <summary>
/// The CSV columns of a member registry (docs/intake.md). Lists inside a cell are separated by semicolons; a
/// certification's expiry follows a colon ("PVG:2026-03-31").
/// </summary>
public static class MemberColumns
{
    public const string Name = "name";
    public const string LegalForm = "legal_form";
    public const string RegistrationNumber = "registration_number";
    public const string ContactName = "contact_name";
    public const string ContactEmail = "contact_email";
    public const string ContactPhone = "contact_phone";
    public const string Cpv = "cpv";
    public const string ServiceAreas = "service_areas";
    public const string Certifications = "certifications";
    public const string StaffFte = "staff_fte";
    public const string AnnualTurnover = "annual_turnover";
    public const string MaxContractValue = "max_contract_value";
    public const string Currency = "currency";
    public const string AssetLock = "asset_lock";
    public const string CapabilityStatement = "capability_statement";
    public const string Conflicts = "conflicts";

    public static readonly IReadOnlyList<string> All =
    [
        Name, LegalForm, RegistrationNumber, ContactName, ContactEmail, ContactPhone, Cpv, ServiceAreas, Certifications,
        StaffFte, AnnualTurnover, MaxContractValue, Currency, AssetLock, CapabilityStatement, Conflicts,
    ];

    public static readonly IReadOnlyList<string> Required = [Name, LegalForm, RegistrationNumber, ContactEmail];

    /// <summary>The column that holds a draft field ("contacts[0].email" → contact_email, "cpv[2]" → cpv).</summary>
    public static string ForField(string field)
    {
        var bracket = field.IndexOf('[');
        var root = bracket < 0 ? field : field[..bracket];
        if (root == "contacts") return "contact_" + field[(field.LastIndexOf('.') + 1)..];
        return string.Concat(root.Select(ch => char.IsUpper(ch) ? "_" + char.ToLowerInvariant(ch) : ch.ToString()));
    }

    public static IReadOnlyList<string> SplitList(string? cell) =>
        string.IsNullOrWhiteSpace(cell) ? [] : cell.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
