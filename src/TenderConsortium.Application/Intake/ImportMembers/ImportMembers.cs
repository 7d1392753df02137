namespace TenderConsortium.Application.Intake.ImportMembers;

/// <summary>
/// Import a member registry (CSV or JSON) into a consortium: all rows or none, upsert by registration number; a dry
/// run reports exact counts and stores nothing. Without <paramref name="Content"/> the file is read from disk (the CLI).
/// </summary>
public sealed record ImportMembers(string ConsortiumId, string FileName, bool DryRun = false, Stream? Content = null);
