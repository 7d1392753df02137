using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace TenderConsortium.Web.Pages;

/// <summary>
/// The two policies the pages require: "Lead" (role lead) and "Adviser" (role adviser). Access control
/// (Security/) registers them with the sign-in scheme; this only adds a policy that is still missing, so registering
/// twice, in either order, is harmless.
/// </summary>
public static class PagePolicies
{
    public const string Lead = "Lead";
    public const string Adviser = "Adviser";

    public static IServiceCollection AddPagePolicies(this IServiceCollection services)
    {
        services.AddAuthorization(options =>
        {
            if (options.GetPolicy(Lead) is null) options.AddPolicy(Lead, p => p.RequireAuthenticatedUser().RequireRole("lead"));
            if (options.GetPolicy(Adviser) is null) options.AddPolicy(Adviser, p => p.RequireAuthenticatedUser().RequireRole("adviser"));
        });
        return services;
    }
}
