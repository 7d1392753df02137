using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using TenderConsortium.Persistence.Accounts;

namespace TenderConsortium.Web.Security;

/// <summary>Who is calling a lead or adviser endpoint, from the authenticated principal (cookie or API key).</summary>
public sealed record Caller(string UserId, string Email, string Role, string? ConsortiumId)
{
    public const string ConsortiumClaim = "tender:consortium";

    public bool IsLead => Role == AccountRoles.Lead;

    public bool IsAdviser => Role == AccountRoles.Adviser;

    /// <summary>
    /// The consortium whose data the caller may see: a lead's own; null for an adviser, who reviews across consortia
    /// (read only). A lead without a consortium sees nothing (an impossible id).
    /// </summary>
    public string? Scope => IsAdviser ? null : ConsortiumId ?? "\0none";

    /// <summary>How the journal and allocation records name the caller.</summary>
    public string Actor => $"{Role}:{Email}";

    public static ClaimsPrincipal Principal(Account account, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.Id),
            new(ClaimTypes.Email, account.Email),
            new(ClaimTypes.Name, account.Email),
            new(ClaimTypes.Role, account.Role),
        };
        if (account.ConsortiumId is not null) claims.Add(new Claim(ConsortiumClaim, account.ConsortiumId));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    public static Caller? From(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id
            ? new Caller(id, user.FindFirstValue(ClaimTypes.Email) ?? "", user.FindFirstValue(ClaimTypes.Role) ?? "", user.FindFirstValue(ConsortiumClaim))
            : null;
}

public static class CallerExtensions
{
    /// <summary>The caller of an endpoint that requires authorization (so there always is one).</summary>
    public static Caller Caller(this HttpContext http) =>
        Security.Caller.From(http.User) ?? throw new InvalidOperationException("This endpoint must require authorization.");
}
