namespace TenderConsortium.Core.Members;

/// <summary>A person at a member; invitations and consent requests go to the first contact's email.</summary>
public sealed record Contact(string? Name, string Email, string? Phone);
