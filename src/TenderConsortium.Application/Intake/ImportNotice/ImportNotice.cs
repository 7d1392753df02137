namespace TenderConsortium.Application.Intake.ImportNotice;

/// <summary>
/// Import the notices in a file into a consortium: all or none; an OCID seen before is updated and its changes kept.
/// <paramref name="Content"/> is the uploaded body; without it <paramref name="FileName"/> is read from disk (the CLI).
/// </summary>
public sealed record ImportNotice(string ConsortiumId, string FileName, Stream? Content = null);
