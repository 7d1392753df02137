using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using TenderConsortium.Workflows.Mail;

namespace TenderConsortium.IntegrationTests.Support;

/// <summary>What tests read off pages and emails as a person would: a form's antiforgery token, a member's link.</summary>
public static partial class WebText
{
    /// <summary>The antiforgery token of the (first) form on a page, HTML-decoded; null when the page has none.</summary>
    public static string? AntiforgeryToken(string html) =>
        AntiforgeryField().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    /// <summary>The token of the member link (/d/TOKEN) in an outbox row's message; empty when there is none.</summary>
    public static string MemberToken(string outboxMessage) =>
        MemberLink().Match(JsonSerializer.Deserialize<OutgoingMail>(outboxMessage)!.TextBody).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex(@"/d/([A-Za-z0-9_-]{43})")]
    private static partial Regex MemberLink();
}
