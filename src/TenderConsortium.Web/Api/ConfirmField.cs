using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using TenderConsortium.Core.Common;

namespace TenderConsortium.Web.Api;

/// <summary>
/// The optional body {"confirm": true} of an action with a consequence the caller must accept (see
/// <see cref="ProblemCode.Unconfirmed"/>). An empty body is no confirmation, as the action took no body before.
/// </summary>
public static class ConfirmField
{
    public static async Task<bool> ReadAsync(HttpContext http)
    {
        var text = await ApiBody.ReadTextAsync(http);
        if (string.IsNullOrWhiteSpace(text)) return false;
        JsonNode? body;
        try
        {
            body = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException)
        {
            throw new ProblemException("body", ProblemCode.Invalid, """expected a JSON object such as {"confirm": true}""");
        }

        if (body is not JsonObject o) throw new ProblemException("body", ProblemCode.Invalid, """expected a JSON object such as {"confirm": true}""");
        return o["confirm"] switch
        {
            null => false,
            JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
            _ => throw new ProblemException("confirm", ProblemCode.Invalid, "expected true or false"),
        };
    }
}
