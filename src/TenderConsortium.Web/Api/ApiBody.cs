using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using TenderConsortium.Core.Common;
using TenderConsortium.Web.Security;

namespace TenderConsortium.Web.Api;

/// <summary>Reads a small JSON object body: bad JSON, another JSON type, or a field of the wrong type is a 400 naming it.</summary>
public static class ApiBody
{
    public static async Task<JsonObject> ReadObjectAsync(HttpContext http, string example)
    {
        var text = await ReadTextAsync(http);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException ex)
        {
            throw new BadInputException($"body: not valid JSON ({ex.Message}); expected {example}");
        }

        return node as JsonObject ?? throw new BadInputException($"body: expected a JSON object like {example}");
    }

    public static string? String(JsonObject body, string field, bool required)
    {
        var node = body[field];
        if (node is null) return required ? throw new BadInputException($"{field}: required") : null;
        if (node.GetValueKind() != JsonValueKind.String) throw new BadInputException($"{field}: expected text");
        return node.GetValue<string>();
    }

    /// <summary>The body as text, at most the JSON limit (beyond it a 413, like the limit middleware's).</summary>
    public static async Task<string> ReadTextAsync(HttpContext http)
    {
        var limit = (int)RequestLimits.JsonBytes;
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var buffer = new char[limit + 1];
        var read = await reader.ReadBlockAsync(buffer, http.RequestAborted);
        if (read > limit) throw new BadHttpRequestException($"body: expected at most {limit:N0} bytes", StatusCodes.Status413PayloadTooLarge);
        return new string(buffer, 0, read);
    }
}
