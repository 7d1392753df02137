using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TenderConsortium.Application.Consortium.SaveProfile;
using TenderConsortium.Application.Consortium.ShowProfile;
using TenderConsortium.Core.Common;
using TenderConsortium.Web.Api;
using TenderConsortium.Web.Security;

namespace TenderConsortium.Web.Consortium;

/// <summary>The caller's consortium profile as an API resource: read it, and complete or change it (lead only).</summary>
public static class ConsortiumProfileEndpoints
{
    private const string Example =
        """{"legalName": "…", "registrationNumber": "SC700123", "signatoryName": "…", "signatoryRole": "Chief Executive", "contactEmail": "…", "contactPhone": "0141 496 0000", "address": "12 Trongate\nGlasgow G1 5EN", "adviserEmail": "…"}""";

    public static IEndpointRouteBuilder MapConsortiumProfile(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/consortium/profile", (HttpContext http, ShowProfileHandler show) =>
            ApiGuard.RunAsync(async () => Results.Json(await show.HandleAsync(new ShowProfile(ConsortiumOf(http)), http.RequestAborted), DomainJson.Options)))
            .RequireAuthorization(TenderAuth.Lead)
            .WithTags("Consortium").WithSummary("The consortium profile (lead body, registration, signatory, contact, address); profile is null until completed");

        app.MapPut("/api/consortium/profile", (HttpContext http, SaveProfileHandler save) =>
            ApiGuard.RunAsync(async () =>
            {
                var body = await ApiBody.ReadObjectAsync(http, Example);
                string? Field(string name) => ApiBody.String(body, name, required: false);
                var saved = await save.HandleAsync(new SaveProfile(ConsortiumOf(http), http.Caller().Actor, Field("legalName"), Field("registrationNumber"),
                    Field("signatoryName"), Field("signatoryRole"), Field("contactEmail"), Field("contactPhone"), Field("address"), Field("adviserEmail")), http.RequestAborted);
                return Results.Json(saved, DomainJson.Options);
            }))
            .RequireAuthorization(TenderAuth.Lead).WithBodyLimit(RequestLimits.JsonBytes)
            .WithTags("Consortium").WithSummary("Complete or change the consortium profile; every field is required and each missing one is named (lead only)");
        return app;
    }

    private static string ConsortiumOf(HttpContext http) =>
        http.Caller().ConsortiumId ?? throw new ProblemException("consortium", ProblemCode.NotFound, "your account belongs to no consortium; ask the node's administrator to add you to one");
}
