using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TenderConsortium.Web.Accounts;
using TenderConsortium.Web.Allocations;
using TenderConsortium.Web.Bids;
using TenderConsortium.Web.Api;
using TenderConsortium.Host;
using TenderConsortium.Web.Declarations;
using TenderConsortium.Web.Health;
using TenderConsortium.Web.Intake;
using TenderConsortium.Web.Matching;
using TenderConsortium.Web.Pages;
using TenderConsortium.Web.Security;
using TenderConsortium.Web.Digest;
using TenderConsortium.Web.Telemetry;

namespace TenderConsortium.Web;

/// <summary>The web host: the node's services, its workers, and its endpoints.</summary>
public static class TenderWebApp
{
    public static WebApplication Build(string[] args, NodeSettings node, string? urls)
    {
        DataFolderAccess.Restrict(node.DataFolder);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        // A settings file in the data folder lets an operator configure a node without touching the install.
        builder.Configuration.AddJsonFile(Path.Combine(node.DataFolder, "appsettings.json"), optional: true);
        builder.Configuration.AddEnvironmentVariables();
        if (urls is not null) builder.WebHost.UseUrls(urls);
        // Every SQL statement at Information would drown what an operator needs to see.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // Request paths carry credentials (/d/{member token}, /sign-in/verify?token=): the hosting diagnostics log them
        // and open a scope holding the path that scope-aware loggers (JSON console, OpenTelemetry) write with every
        // line. Off whatever the configuration says; a rule for this exact category set here outranks the settings'.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        // The cookie keys are stored as files, protected like the invitation key by the folder's 0600 (DataFolderAccess);
        // the warning that they are not encrypted at rest says nothing an operator can act on.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);
        builder.Services.AddTenderNode(builder.Configuration, node);
        builder.Services.Configure<TokenThrottleOptions>(builder.Configuration.GetSection(TokenThrottleOptions.Section));
        builder.Services.AddSingleton<TokenThrottle>();
        // Access control: cookie + API keys, Lead/Adviser policies, antiforgery, sign-in rate limit, problem details (Security/).
        builder.Services.AddTenderSecurity(builder.Configuration);
        builder.Services.AddAntiforgery();
        builder.Services.AddSingleton<SignInMailer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SignInMailer>());
        builder.Services.AddSingleton<SignInLinks>();
        builder.Services.AddTenderOpenApi();
        builder.Services.AddPages();
        builder.Services.AddTenderTelemetry(builder.Configuration);
        var app = builder.Build();
        // Headers → routing → body limits → cross-site guard → authentication → authorization → antiforgery → rate limits.
        app.UseTenderSecurity();
        app.MapHealth();
        app.MapAccounts();
        app.MapIntake();
        app.MapMatching();
        app.MapDeclarations();
        app.MapAllocations();
        app.MapBids();
        TenderConsortium.Web.Consortium.ConsortiumProfileEndpoints.MapConsortiumProfile(app);
        app.MapDocuments();
        app.MapReviews();
        TenderConsortium.Web.Delivery.DeliveryEndpoints.MapDelivery(app);
        app.MapInstances();
        app.MapDigestUnsubscribe();
        app.MapTenderOpenApi();
        app.MapPages();
        app.MapGet("/", () => Microsoft.AspNetCore.Http.Results.Text(
            "TenderConsortium is running. Health: /health\n", "text/plain"));
        return app;
    }
}
