namespace TenderConsortium.Mail;

/// <summary>
/// Configuration section "Mail:Smtp:OAuth": XOAUTH2 with an app registration's client-credentials token, as Microsoft 365
/// requires now that Exchange Online retires basic authentication for SMTP. The secret is never logged nor shown.
/// </summary>
public sealed class SmtpOAuthOptions
{
    public const string Section = "Mail:Smtp:OAuth";
    public const string Microsoft365Scope = "https://outlook.office365.com/.default";

    /// <summary>The directory (tenant) id of the consortium's Microsoft 365 organisation.</summary>
    public string? TenantId { get; set; }

    /// <summary>The application (client) id of the app registration allowed to send as Mail:Smtp:UserName.</summary>
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>What the token is for; Microsoft 365's SMTP unless a relay says otherwise.</summary>
    public string Scope { get; set; } = Microsoft365Scope;

    /// <summary>Where tokens come from; default the Microsoft identity platform for <see cref="TenantId"/>.</summary>
    public string? Authority { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(ClientId) || !string.IsNullOrWhiteSpace(TenantId) || !string.IsNullOrWhiteSpace(ClientSecret);

    public string ResolvedAuthority => string.IsNullOrWhiteSpace(Authority) ? $"https://login.microsoftonline.com/{TenantId?.Trim()}" : Authority.Trim();

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!Enabled) return problems;
        if (string.IsNullOrWhiteSpace(TenantId)) problems.Add($"{Section}:TenantId: required for OAuth; it is the Directory (tenant) ID on the app registration's overview page");
        if (string.IsNullOrWhiteSpace(ClientId)) problems.Add($"{Section}:ClientId: required for OAuth; it is the Application (client) ID on the app registration's overview page");
        if (string.IsNullOrWhiteSpace(ClientSecret)) problems.Add($"{Section}:ClientSecret: required for OAuth; create one under the app registration's Certificates & secrets");
        if (string.IsNullOrWhiteSpace(Scope)) problems.Add($"{Section}:Scope: must not be empty; leave it out to use {Microsoft365Scope}");
        if (!Uri.TryCreate(ResolvedAuthority, UriKind.Absolute, out var authority) || authority.Scheme != "https")
            problems.Add($"{Section}:Authority: \"{Authority}\" is not an https address such as https://login.microsoftonline.com/your-tenant-id");
        return problems;
    }
}
