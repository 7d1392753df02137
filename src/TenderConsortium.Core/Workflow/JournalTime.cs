using System.Globalization;
using TenderConsortium.Core.Common;

namespace TenderConsortium.Core.Workflow;

/// <summary>Instants as journal lines show them to people ("2026-12-02 09:00 UTC"); the journal row has the exact time.</summary>
public static class JournalTime
{
    public static string Of(DateTimeOffset at) => DisplayTime.Current.DateAndTime(at);
}
