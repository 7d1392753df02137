using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Persistence.Opportunities;
using TenderConsortium.Host;

namespace TenderConsortium.Web.Security;

/// <summary>
/// Tenancy for endpoints under <c>/api/opportunities/{id}</c>: the id (or OCID) is looked up within the caller's
/// consortium (every consortium for an adviser) and replaced by the opportunity's own id before the handler runs, so a
/// service further down can never resolve an OCID to another consortium's opportunity. Another consortium's
/// opportunity is answered exactly like one that does not exist: 404.
/// </summary>
public static class OpportunityScope
{
    public const int MaxIdLength = 200;

    public static TBuilder WithOpportunityScope<TBuilder>(this TBuilder builder, string parameter = "id") where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var index = Array.FindIndex(factory.MethodInfo.GetParameters(), p => p.Name == parameter && p.ParameterType == typeof(string));
            if (index < 0) throw new InvalidOperationException($"{factory.MethodInfo.Name}: WithOpportunityScope needs a string parameter '{parameter}'.");
            return async ctx =>
            {
                var requested = ctx.GetArgument<string>(index);
                var resolved = await ResolveAsync(ctx.HttpContext, requested);
                if (resolved is null) return NotFound(requested);
                ctx.Arguments[index] = resolved;
                return await next(ctx);
            };
        });

    /// <summary>The opportunity's id when the caller may see it, else null.</summary>
    public static async Task<string?> ResolveAsync(HttpContext http, string? idOrOcid)
    {
        if (string.IsNullOrWhiteSpace(idOrOcid) || idOrOcid.Length > MaxIdLength) return null;
        var caller = http.Caller();
        var node = http.RequestServices.GetRequiredService<NodeSettings>();
        return await http.RequestServices.GetRequiredService<OpportunityQueries>().ResolveIdAsync(idOrOcid, caller.Scope, http.RequestAborted);
    }

    public static IResult NotFound(string? id) =>
        Results.Problem(title: "No such opportunity", detail: $"id: no opportunity '{Shorten(id)}'", statusCode: StatusCodes.Status404NotFound);

    private static string Shorten(string? id) => id is null ? "" : id.Length > 80 ? id[..80] + "…" : id;
}
