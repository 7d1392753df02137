using TenderConsortium.Core.Common;

namespace TenderConsortium.Core.Workflow;

/// <summary>Instants as journal lines and messages show them to people ("2 December 2026 at 9am (UK time)"); the journal row has the exact time.</summary>
public static class JournalTime
{
    public static string Of(DateTimeOffset at) => DisplayTime.Current.DateAndTime(at);
}
