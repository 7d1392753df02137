using System.CommandLine;
using Microsoft.Extensions.Hosting;
using TenderConsortium.Cli.Demo;
using TenderConsortium.Cli.Infrastructure;
using TenderConsortium.Web;
using TenderConsortium.Host;

namespace TenderConsortium.Cli.Serve;

public static class ServeCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var db = CommonOptions.Database();
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var workflows = new Option<string?>("--workflows") { Description = "Folder of workflow definitions (default: ./workflows)" };
        var noDemo = new Option<bool>("--no-demo") { Description = "Do not seed the demo bid into an empty data folder" };
        var command = new Command("serve", "Run the web app, the API and the workflow workers; configuration keys may follow, e.g. --Mail:Transport=smtp")
        {
            data, db, urls, workflows, noDemo,
        };
        // Standard .NET command-line configuration (--Mail:Smtp:Host=relay) goes to the host as it is.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var listen = parse.GetValue(urls)!;
            foreach (var url in listen.Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                    throw new Core.Common.BadInputException($"--urls: '{url}' is not an address such as http://127.0.0.1:5080");
            }

            var location = DataLocation.From(parse.GetValue(data)!, parse.GetValue(db));
            var configuration = parse.UnmatchedTokens.ToArray();
            foreach (var token in configuration)
            {
                if (!token.StartsWith("--", StringComparison.Ordinal) || !token.Contains('='))
                    throw new Core.Common.BadInputException($"'{token}': expected an option of tender serve or a configuration value such as --Mail:Transport=smtp");
            }

            var node = new NodeSettings(location.DataFolder, location.ConnectionString, parse.GetValue(workflows) ?? NodeFactory.DefaultWorkflowsFolder())
            {
                Url = listen.Split(';', StringSplitOptions.RemoveEmptyEntries)[0].TrimEnd('/'),
            };
            var app = TenderWebApp.Build(configuration, node, parse.GetValue(urls));
            await NodeComposition.InitializeAsync(app.Services, ct);
            // Only the embedded default on a loopback address is a newcomer's machine: a database named with --db (several
            // nodes, production) or a node others can reach never gets demo accounts or prints their sign-in links.
            if (!parse.GetValue(noDemo) && string.IsNullOrWhiteSpace(parse.GetValue(db)) && LoopbackOnly(listen))
                await DemoSeed.SeedIfEmptyAsync(app.Services, location, ct);
            Console.WriteLine($"TenderConsortium serving on {parse.GetValue(urls)} (data: {location.DataFolder}); health at /health. Ctrl+C stops.");
            await app.StartAsync(ct);
            await app.WaitForShutdownAsync(ct);
            return CliExit.Ok;
        }));
        return command;
    }

    /// <summary>True when every address listened on is this machine's own (127.0.0.1, [::1], localhost).</summary>
    private static bool LoopbackOnly(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries).All(url =>
            Uri.TryCreate(url, UriKind.Absolute, out var uri) &&
            (uri.IsLoopback || string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)));
}
