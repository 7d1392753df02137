using System.CommandLine;
using Microsoft.Extensions.Hosting;
using TenderConsortium.Cli.Infrastructure;
using TenderConsortium.Web;
using TenderConsortium.Web.Composition;

namespace TenderConsortium.Cli.Serve;

public static class ServeCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var db = CommonOptions.Database();
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var workflows = new Option<string?>("--workflows") { Description = "Folder of workflow definitions (default: ./workflows)" };
        var command = new Command("serve", "Run the web app, the API and the workflow workers") { data, db, urls, workflows };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var listen = parse.GetValue(urls)!;
            foreach (var url in listen.Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                    throw new Core.Common.BadInputException($"--urls: '{url}' is not an address such as http://127.0.0.1:5080");
            }

            var location = DataLocation.From(parse.GetValue(data)!, parse.GetValue(db));
            var node = new NodeSettings(location.DataFolder, location.ConnectionString, parse.GetValue(workflows) ?? NodeFactory.DefaultWorkflowsFolder());
            var app = TenderWebApp.Build([], node, parse.GetValue(urls));
            await NodeComposition.InitializeAsync(app.Services, ct);
            Console.WriteLine($"TenderConsortium serving on {parse.GetValue(urls)} (data: {location.DataFolder}); health at /health. Ctrl+C stops.");
            await app.StartAsync(ct);
            await app.WaitForShutdownAsync(ct);
            return CliExit.Ok;
        }));
        return command;
    }
}
