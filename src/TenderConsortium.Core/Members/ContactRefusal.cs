namespace TenderConsortium.Core.Members;

/// <summary>
/// A fact about an email address: the mail relay refused it permanently (a 5xx answer to RCPT TO, e.g. "550 5.1.1 user
/// unknown"), with the relay's own words, when, and when the lead was told. Until the address is corrected (the member
/// file re-imported with another address) or cleared by the lead, nothing more is sent to it.
/// </summary>
public sealed record ContactRefusal(string Address, string Reason, DateTimeOffset RefusedAt, DateTimeOffset? LeadToldAt);
