using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Intake;
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

        TextEncoding.CheckJsonText(Encoding.UTF8.GetBytes(text), "body: ", 32);
        return node as JsonObject ?? throw new BadInputException($"body: expected a JSON object like {example}");
    }

    public static string? String(JsonObject body, string field, bool required)
    {
        var node = body[field];
        if (node is null) return required ? throw new BadInputException($"{field}: required") : null;
        if (node.GetValueKind() != JsonValueKind.String) throw new BadInputException($"{field}: expected text");
        return node.GetValue<string>(); // lone surrogates were refused when the body was read
    }

    /// <summary>The body as text, at most the JSON limit (beyond it a 413, like the limit middleware's); bytes that are not UTF-8 are a 400 naming their place.</summary>
    public static async Task<string> ReadTextAsync(HttpContext http)
    {
        var limit = (int)RequestLimits.JsonBytes;
        var buffer = new byte[limit + 1];
        var read = 0;
        while (read < buffer.Length && await http.Request.Body.ReadAsync(buffer.AsMemory(read), http.RequestAborted) is var n and > 0) read += n;
        if (read > limit) throw new BadHttpRequestException($"body: expected at most {limit:N0} bytes", StatusCodes.Status413PayloadTooLarge);
        return TextEncoding.Decode(buffer.AsSpan(0, read), "body");
    }
}
