namespace TenderConsortium.Core.Notifications;

/// <summary>Absolute links for emails, built from the configured public base URL of the web app (Mail:PublicBaseUrl).</summary>
public sealed class PublicLinks(string baseUrl)
{
    private readonly string _base = baseUrl.TrimEnd('/');

    public string BaseUrl => _base;

    /// <summary>A member's personal declaration page; the token is the only credential, so it goes in the path.</summary>
    public string Declaration(string token) => $"{_base}/d/{Uri.EscapeDataString(token)}";

    public string Opportunity(string opportunityId) => $"{_base}/lead/opportunities/{Uri.EscapeDataString(opportunityId)}";

    public string Review(string opportunityId) => $"{_base}/adviser/reviews/{Uri.EscapeDataString(opportunityId)}";

    /// <summary>A daily digest's one-click unsubscribe address (RFC 8058); the token is its only credential.</summary>
    public string DigestUnsubscribe(string token) => $"{_base}/mail/unsubscribe/{Uri.EscapeDataString(token)}";

    public string Absolute(string relativePath) => $"{_base}/{relativePath.TrimStart('/')}";
}
