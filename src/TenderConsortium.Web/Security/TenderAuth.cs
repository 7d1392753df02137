namespace TenderConsortium.Web.Security;

/// <summary>The names the pages and the API share: authentication schemes and authorization policies.</summary>
public static class TenderAuth
{
    /// <summary>The default scheme: picks <see cref="ApiKeyScheme"/> when the request carries a key, else <see cref="CookieScheme"/>.</summary>
    public const string Scheme = "Tender";

    /// <summary>The browser's cookie, set by a sign-in link; its LoginPath is <see cref="SignInPath"/>.</summary>
    public const string CookieScheme = "TenderCookie";

    /// <summary><c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key: &lt;key&gt;</c>, for leads' scripts.</summary>
    public const string ApiKeyScheme = "TenderApiKey";

    public const string CookieName = "tender.auth";

    public const string SignInPath = "/sign-in";

    /// <summary>Policy: a lead (of some consortium). Endpoints then scope data to the lead's consortium.</summary>
    public const string Lead = "Lead";

    /// <summary>Policy: a P4P adviser.</summary>
    public const string Adviser = "Adviser";

    /// <summary>Policy: a lead or an adviser (read access; advisers see every consortium, leads their own).</summary>
    public const string LeadOrAdviser = "LeadOrAdviser";

    /// <summary>Rate-limiter policy for the sign-in request and verify endpoints.</summary>
    public const string SignInRateLimit = "sign-in";
}
