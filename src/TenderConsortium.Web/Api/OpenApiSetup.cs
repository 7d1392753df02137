using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Web.Security;

namespace TenderConsortium.Web.Api;

/// <summary>The OpenAPI document of the REST API at <c>/openapi/v1.json</c> (public: it describes the API, not its data).</summary>
public static class OpenApiSetup
{
    public const string DocumentPath = "/openapi/{documentName}.json";

    public static IServiceCollection AddTenderOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true || d.RelativePath == "health";
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "TenderConsortium API";
                document.Info.Version = "v1";
                document.Info.Description =
                    "Leads authenticate with an API key (Authorization: Bearer <key> or X-Api-Key: <key>, from `tender users apikey`) or the sign-in cookie; " +
                    "advisers with the sign-in cookie; members with the token in their link's path. Errors are application/problem+json. " +
                    "Lists take ?page= and ?pageSize= (1-200) and answer total, page, pageSize, next and previous.";
                return Task.CompletedTask;
            });
        });

    public static WebApplication MapTenderOpenApi(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath).AllowAnonymous();
        return app;
    }
}
