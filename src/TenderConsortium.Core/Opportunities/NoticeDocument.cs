namespace TenderConsortium.Core.Opportunities;

/// <summary>A document the notice lists (OCDS tender.documents[]).</summary>
public sealed record NoticeDocument(string? Id, string? Type, string? Title, string? Url);
