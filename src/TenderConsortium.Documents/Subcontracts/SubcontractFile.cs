namespace TenderConsortium.Documents.Subcontracts;

/// <summary>One member's sub-contract: the file name under subcontracts/ (its registration number, made safe) and the bytes.</summary>
public sealed record SubcontractFile(string MemberId, string MemberName, string FileName, byte[] Bytes);
