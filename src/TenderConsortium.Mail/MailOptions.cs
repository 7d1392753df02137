namespace TenderConsortium.Mail;

/// <summary>Configuration section "Mail".</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>"pickup" (default: .eml files in a folder) or "smtp".</summary>
    public string Transport { get; set; } = "pickup";

    /// <summary>Folder for pickup delivery; default &lt;data&gt;/outbox.</summary>
    public string? PickupFolder { get; set; }

    public string From { get; set; } = "tenders@consortium.example";
    public string? FromName { get; set; } = "TenderConsortium";
    public string? PublicBaseUrl { get; set; }
}
