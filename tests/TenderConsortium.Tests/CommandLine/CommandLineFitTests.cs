using System.CommandLine;
using System.Text.Json.Nodes;
using TenderConsortium.Cli.Allocations;
using TenderConsortium.Cli.Bids;
using TenderConsortium.Cli.Declarations;
using TenderConsortium.Cli.Infrastructure;
using TenderConsortium.Cli.Matching;
using TenderConsortium.Cli.Outbox;
using TenderConsortium.Cli.Users;
using TenderConsortium.Tests.Declarations;
using TenderConsortium.Tests.TestSupport;

namespace TenderConsortium.Tests.CommandLine;

/// <summary>
/// The command line as a person meets it: a misspelt command gets "did you mean" and exit 2; a refusal never echoes a
/// whole input file; every table and line fits 100 columns (or a narrower COLUMNS) when written to a file or pipe,
/// with ids shortened and given in full by --json.
/// </summary>
[NonParallelizable]
public sealed class CommandLineFitTests
{
    private static RootCommand Root() => new("tender (test)")
    {
        BidCommands.Create(), MatchCommand.Create(), AllocateCommand.Create(), InvitationCommands.Create(), OutboxCommands.Create(), DeclareCommand.Create(), UserCommands.Create(),
    };

    private static async Task<CliResult> RunAsync(params string[] args)
    {
        var (oldOut, oldError) = (Console.Out, Console.Error);
        var (output, error) = (new StringWriter(), new StringWriter());
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            return new CliResult(await CliEntry.RunAsync(Root(), args), output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }

    [TestCase(new[] { "bid", "shw", "ocds-1" }, "error: 'shw' is not a command of 'tender bid'. Did you mean 'show'?", "tender bid --help")]
    [TestCase(new[] { "bdi", "show", "ocds-1" }, "error: 'bdi' is not a command of 'tender'. Did you mean 'bid'?", "tender --help")]
    [TestCase(new[] { "invitations", "lst", "ocds-1" }, "error: 'lst' is not a command of 'tender invitations'. Did you mean 'list'?", "tender invitations --help")]
    [TestCase(new[] { "allocate", "ocds-1", "--aprove" }, "error: '--aprove' is not an option of 'tender allocate'. Did you mean '--approve'?", "tender allocate --help")]
    [TestCase(new[] { "bid", "frobnicate" }, "error: 'frobnicate' is not a command of 'tender bid'. Its commands are: start, show, confirm-shortlist, revise, submitted, outcome", "tender bid --help")]
    public async Task A_misspelt_command_or_option_names_the_nearest_one_and_exits_2(string[] args, string first, string help)
    {
        var run = await RunAsync(args);
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(lines, Is.EqualTo(new[] { first, $"Run '{help}' for usage." }), "one problem, the first word that was not understood");
            Assert.That(run.Out, Is.Empty);
        });
    }

    [Test]
    public void Nearest_ignores_words_too_far_from_every_command()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DidYouMean.Nearest("outbx", ["outbox", "opportunity"]), Is.EqualTo("outbox"));
            Assert.That(DidYouMean.Nearest("invit", ["invitations", "import"]), Is.EqualTo("invitations"), "the one command it begins");
            Assert.That(DidYouMean.Nearest("xyz", ["bid", "match"]), Is.Null);
            Assert.That(DidYouMean.Distance("shwo", "show"), Is.EqualTo(1), "a swapped pair is one slip");
        });
    }

    [Test]
    public async Task A_refused_input_file_is_never_echoed_back()
    {
        var bid = await BidHarness.CreateAsync();
        try
        {
            var opportunity = await bid.ImportAsync(BidHarness.Glasgow);
            await bid.StartAsync(opportunity, new JsonObject { ["declarationPeriod"] = "P3650D" });
            var member = (await bid.InvitedAsync(opportunity))[0].MemberId;
            var secret = string.Concat(Enumerable.Repeat("ConfidentialPricingNote ", 2_000));
            var file = bid.Db.File("huge.json", "{\"decline\": \"" + secret + "\", \"unexpected\": \"" + secret + "\"}");

            var run = await RunAsync("declare", "--opportunity", opportunity, "--member", member, "--file", file, "--data", bid.Db.Folder);

            Assert.Multiple(() =>
            {
                Assert.That(run.ExitCode, Is.EqualTo(2), run.Out);
                Assert.That(run.Error.Length, Is.LessThan(2_000), run.Error[..Math.Min(run.Error.Length, 500)]);
                Assert.That(run.Error, Does.Not.Contain("ConfidentialPricingNote ConfidentialPricingNote ConfidentialPricingNote ConfidentialPricingNote"));
            });
        }
        finally
        {
            await bid.DisposeAsync();
        }
    }

    [TestCase(null, 100)]
    [TestCase("60", 60)]
    public async Task Users_are_listed_as_a_table_that_fits_and_json_has_them_whole(string? columns, int width)
    {
        var before = Environment.GetEnvironmentVariable("COLUMNS");
        Environment.SetEnvironmentVariable("COLUMNS", columns);
        var data = Path.Combine(Path.GetTempPath(), "tender-users-table-" + Guid.NewGuid().ToString("N"));
        const string lead = "coordinator.with.a.rather.long.address@clyde-social-enterprise-consortium.example";
        const string consortium = "Clyde Social Enterprise Consortium with a very long registered name Ltd";
        try
        {
            Assert.That((await RunAsync("users", "add", "--role", "lead", "--email", lead, "--consortium", consortium, "--data", data)).ExitCode, Is.Zero);
            Assert.That((await RunAsync("users", "add", "--role", "adviser", "--email", "morag@p4p.example", "--data", data)).ExitCode, Is.Zero);

            var list = await RunAsync("users", "list", "--data", data);
            var json = JsonNode.Parse((await RunAsync("users", "list", "--data", data, "--json")).Out)!;
            var lines = list.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
            Assert.Multiple(() =>
            {
                Assert.That(list.ExitCode, Is.Zero, list.Error);
                Assert.That(lines.Where(l => l.Length > width), Is.Empty, $"wider than {width} columns:\n{list.Out}");
                Assert.That(list.Out, Does.Not.Contain("\t"), "columns, not tabs");
                Assert.That(lines[0], Does.Match("^Email +Role +Consortium +Added$"));
                Assert.That(lines, Has.Some.Match("^morag@p4p\\.exam\\S* +Adviser +All consortia +"));
                Assert.That(lines[^1], Is.EqualTo("2 accounts"));
                Assert.That(json["users"]!.AsArray().Select(u => (string?)u!["email"]), Does.Contain(lead), "--json has the address whole");
                Assert.That(json["users"]!.AsArray().Select(u => (string?)u!["consortium"]), Does.Contain(consortium));
            });
        }
        finally
        {
            Environment.SetEnvironmentVariable("COLUMNS", before);
            if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        }
    }

    [TestCase(null, 100)]
    [TestCase("60", 60)]
    public async Task Tables_and_lines_fit_the_width_when_written_to_a_file_and_json_keeps_ids_whole(string? columns, int width)
    {
        var before = Environment.GetEnvironmentVariable("COLUMNS");
        Environment.SetEnvironmentVariable("COLUMNS", columns);
        var bid = await BidHarness.CreateAsync();
        try
        {
            var opportunity = await bid.ImportAsync(BidHarness.Glasgow);
            await bid.StartAsync(opportunity, new JsonObject
            {
                ["declarationPeriod"] = "P3650D",
                ["lotTerms"] = new JsonObject { ["1"] = new JsonObject { ["unit"] = "hours", ["demand"] = 10_000 } },
            });
            var invited = (await bid.InvitedAsync(opportunity)).OrderBy(i => i.MemberId, StringComparer.Ordinal).ToList();
            var instance = (await bid.Invitations.RoundAsync(opportunity))!.InstanceId;
            for (var i = 0; i < 3; i++)
                await bid.Declarations.SubmitWithTokenAsync(await bid.TokenAsync(instance, invited[i].Email), BidHarness.Offer("1", 5_000, 30m + i));
            await RunAsync("invitations", "close", opportunity, "--data", bid.Db.Folder, "--confirm");
            var data = bid.Db.Folder;

            var runs = new Dictionary<string, CliResult>
            {
                ["match"] = await RunAsync("match", opportunity, "--data", data),
                ["allocate"] = await RunAsync("allocate", opportunity, "--data", data),
                ["invitations list"] = await RunAsync("invitations", "list", opportunity, "--data", data),
                ["bid show"] = await RunAsync("bid", "show", opportunity, "--data", data),
                ["outbox list"] = await RunAsync("outbox", "list", "--data", data),
            };
            var json = await RunAsync("invitations", "list", opportunity, "--data", data, "--json");

            Assert.Multiple(() =>
            {
                foreach (var (name, run) in runs)
                {
                    Assert.That(run.ExitCode, Is.Zero, $"{name}: {run.Error}");
                    var lines = run.Out.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
                    Assert.That(lines.Where(l => l.Length > width), Is.Empty, $"{name} is wider than {width} columns:\n{run.Out}");
                    Assert.That(lines, Has.Some.Not.Empty, name);
                }

                Assert.That(runs["invitations list"].Out, Does.Not.Contain(invited[0].MemberId).And.Contain(invited[0].MemberId[..8] + "…"), "a table shortens ids");
                Assert.That(json.Out, Does.Contain($"\"{invited[0].MemberId}\""), "--json gives them whole");
                Assert.That(runs["match"].Out, Does.Match(@"\d{1,3}%"), "match scores read as percentages");
            });
        }
        finally
        {
            Environment.SetEnvironmentVariable("COLUMNS", before);
            await bid.DisposeAsync();
        }
    }
}
