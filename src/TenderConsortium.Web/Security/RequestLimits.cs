using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TenderConsortium.Web.Security;

/// <summary>
/// Body size limits per endpoint (413 problem, before the body is read when Content-Length says so, else as soon as
/// the stream goes over), malformed requests as 400 problems, and a problem for anything unexpected, never a stack trace.
/// </summary>
public static class RequestLimits
{
    /// <summary>JSON bodies of the lead, adviser and member endpoints.</summary>
    public const long JsonBytes = 64 * 1024;

    /// <summary>Sign-in requests: an email address.</summary>
    public const long SignInBytes = 4 * 1024;

    /// <summary>Any other API endpoint, unless it says otherwise (imports declare the intake limit). Pages without their own
    /// limit keep Kestrel's (Kestrel:Limits:MaxRequestBodySize, 30 MB by default).</summary>
    public const long DefaultApiBytes = 1024 * 1024;

    /// <summary>Oversized bodies up to this size are read (and dropped) before the 413, so the client gets the answer.</summary>
    public const long DrainBytes = 1024 * 1024;

    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long bytes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BodyLimit(bytes));

    public static async Task ApplyAsync(HttpContext http, Func<Task> next)
    {
        var feature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        var limit = http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize
                    ?? (Problems.IsApi(http.Request) ? DefaultApiBytes : feature?.MaxRequestBodySize);
        if (http.Request.ContentLength > limit)
        {
            // Read a moderately oversized body before answering: a client still sending when the connection closes
            // sees "response ended" instead of the 413 that says what to fix. Bigger ones are cut off.
            if (http.Request.ContentLength <= DrainBytes && feature is { IsReadOnly: false })
            {
                feature.MaxRequestBodySize = http.Request.ContentLength;
                await http.Request.Body.CopyToAsync(Stream.Null, http.RequestAborted);
            }

            await Problems.WriteAsync(http, StatusCodes.Status413PayloadTooLarge, "Request body too large", $"body: expected at most {limit:N0} bytes, got {http.Request.ContentLength:N0}");
            return;
        }

        if (feature is { IsReadOnly: false } && limit is not null) feature.MaxRequestBodySize = limit;

        try
        {
            await next();
        }
        catch (BadHttpRequestException ex) when (!http.Response.HasStarted)
        {
            var title = ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Bad request";
            var detail = ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? $"body: expected at most {limit:N0} bytes" : ex.Message;
            await Problems.WriteAsync(http, ex.StatusCode, title, detail);
        }
        catch (Exception ex) when (!http.Response.HasStarted && ex is not OperationCanceledException)
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("TenderConsortium.Web").LogError(ex, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
            await Problems.WriteAsync(http, StatusCodes.Status500InternalServerError, "Unexpected error", "The server could not answer this request; it has been logged.");
        }
    }

    private sealed class BodyLimit(long bytes) : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize { get; } = bytes;
    }
}
