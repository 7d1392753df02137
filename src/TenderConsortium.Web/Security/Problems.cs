using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace TenderConsortium.Web.Security;

/// <summary>Problem-details answers written outside an endpoint (authentication, limits, errors).</summary>
public static class Problems
{
    public static async Task WriteAsync(HttpContext http, int status, string title, string detail)
    {
        if (http.Response.HasStarted) return;
        http.Response.StatusCode = status;
        var service = http.RequestServices.GetService<IProblemDetailsService>();
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (service is not null && await service.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem })) return;
        await Results.Problem(problem).ExecuteAsync(http);
    }

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");
}
