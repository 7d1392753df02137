using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace TenderConsortium.Application.Bids.Start;

/// <summary>
/// The digest that tells the same start request sent again (same person, workflow, deadline and settings) from a
/// second start: the first is answered with the bid it made, the second is refused.
/// </summary>
internal static class StartRequests
{
    public static string Digest(StartBid command)
    {
        var canonical = new JsonObject
        {
            ["actor"] = command.Actor,
            ["workflow"] = command.Workflow,
            ["declarationDeadline"] = command.DeclarationDeadline?.UtcDateTime.ToString("O"),
            ["settings"] = command.Settings?.DeepClone(),
        }.ToJsonString();
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
