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
        if (node is null) return required ? throw new ProblemException(field, ProblemCode.Invalid, "required") : null;
        if (node.GetValueKind() != JsonValueKind.String) throw new ProblemException(field, ProblemCode.Invalid, "expected text");
        return node.GetValue<string>(); // lone surrogates were refused when the body was read
    }

    /// <summary>
    /// <c>"acceptedChecks": {"deadline": "why", …}</c>: a reason per failed check of the pack, by check id, for an
    /// approval or a submission that goes ahead although checks failed. Absent means none.
    /// </summary>
    public static IReadOnlyDictionary<string, string>? AcceptedChecks(JsonObject body)
    {
        const string field = "acceptedChecks";
        if (body[field] is null) return null;
        if (body[field] is not JsonObject reasons)
            throw new ProblemException(field, ProblemCode.Invalid, "expected an object of reasons by check id, like {\"deadline\": \"the buyer extended the deadline\"}");
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (check, reason) in reasons)
        {
            if (reason?.GetValueKind() != JsonValueKind.String)
                throw new ProblemException($"{field}.{check}", ProblemCode.Invalid, "expected the reason as text");
            result[check] = reason.GetValue<string>();
        }

        return result;
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
