using MimeKit;

namespace TenderConsortium.Mail;

/// <summary>Configuration section "Mail". One node serves one consortium, so From is the consortium's address and name.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>"pickup" (default: .eml files in a folder) or "smtp".</summary>
    public string Transport { get; set; } = "pickup";

    /// <summary>Folder for pickup delivery; default &lt;data&gt;/outbox.</summary>
    public string? PickupFolder { get; set; }

    /// <summary>
    /// The consortium's sending address (Mail:From). No default: an invented address must never reach a person, so
    /// SMTP refuses to start without it. The pickup folder (a local trial, nothing is delivered) sends from the
    /// message's own Reply-To, the lead's contact, when it is unset (<see cref="MailMessageComposer"/>).
    /// </summary>
    public string? From { get; set; }

    /// <summary>The display name members see, normally the consortium's name (Mail:FromName).</summary>
    public string? FromName { get; set; } = "TenderConsortium";

    /// <summary>
    /// Where members' replies go (Mail:ReplyTo), normally the lead's contact address; unset, replies go to From. The
    /// digest's unsubscribe address is this one too, since a person reads it.
    /// </summary>
    public string? ReplyTo { get; set; }

    /// <summary>Optional DKIM signing (Mail:Dkim).</summary>
    public DkimOptions Dkim { get; set; } = new();

    /// <summary>Where links in emails start, e.g. https://bids.fifesen.org.uk (Mail:PublicBaseUrl); default: the node's own address.</summary>
    public string? PublicBaseUrl { get; set; }

    public bool IsSmtp => string.Equals(Transport?.Trim(), "smtp", StringComparison.OrdinalIgnoreCase);

    /// <summary>Problems with this configuration, each naming the setting; empty when it can be used.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        var transport = Transport?.Trim().ToLowerInvariant();
        if (transport is not ("pickup" or "smtp")) problems.Add($"Mail:Transport: expected \"pickup\" or \"smtp\", got \"{Transport}\"");
        if (string.IsNullOrWhiteSpace(From))
        {
            if (IsSmtp)
                problems.Add("Mail:From: not set. Set it to the address your consortium's emails are sent from, such as tenders@your-consortium.org.uk " +
                             "(in appsettings.json in the data folder, or the environment variable Mail__From); the relay must accept it as a sender");
        }
        else if (!IsAddress(From)) problems.Add($"Mail:From: \"{From}\" is not an email address such as tenders@your-consortium.org.uk");
        if (ReplyTo is not null && !IsAddress(ReplyTo)) problems.Add($"Mail:ReplyTo: \"{ReplyTo}\" is not an email address such as lead@your-consortium.org.uk");
        if (FromName is { Length: > 100 }) problems.Add("Mail:FromName: at most 100 characters");
        if (FromName is not null && FromName.IndexOfAny(['\r', '\n']) >= 0) problems.Add("Mail:FromName: must be one line");
        if (PublicBaseUrl is not null
            && (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.Query)))
            problems.Add($"Mail:PublicBaseUrl: \"{PublicBaseUrl}\" is not an address such as https://bids.your-consortium.org.uk");
        problems.AddRange(Dkim.Problems());
        return problems;
    }

    /// <summary>One plain address (local@domain), as MimeKit reads it; no display name, no list.</summary>
    public static bool IsAddress(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.IndexOfAny(['<', '>', ',', ';', '"', '\r', '\n']) >= 0) return false;
        return MailboxAddress.TryParse(ParserOptions.Default, text.Trim(), out var address)
               && address.Address == text.Trim()
               && address.Domain.Length > 0 && address.LocalPart.Length > 0;
    }
}
