using System.Globalization;

namespace TenderConsortium.Workflows.Engine;

/// <summary>
/// Instants in the runtime's own journal lines ("14 Dec 2026 16:46 UTC"): people read them in `tender instances show`
/// and on the lead's bid page, and the row keeps the exact time. The runtime knows no time zone of its users; the
/// domain's lines use its own wording (UK time).
/// </summary>
internal static class JournalInstant
{
    public static string Of(DateTimeOffset at) => at.UtcDateTime.ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture) + " UTC";
}
