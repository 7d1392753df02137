using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TenderConsortium.Cli.Allocations;
using TenderConsortium.Cli.Declarations;
using TenderConsortium.Core.Invitations;
using TenderConsortium.Tests.TestSupport;

namespace TenderConsortium.Tests.Declarations;

/// <summary>`tender declare`, `tender invitations` and `tender allocate` on a data folder with a bid waiting for declarations.</summary>
public sealed class DeclarationCliTests
{
    private BidHarness _bid = null!;
    private string _opportunity = null!;
    private IReadOnlyList<Invitation> _invited = null!;

    [SetUp]
    public async Task Start()
    {
        _bid = await BidHarness.CreateAsync();
        _opportunity = await _bid.ImportAsync(BidHarness.Glasgow);
        // The CLI runs on the real clock, so the round must still be open today.
        await _bid.StartAsync(_opportunity, new JsonObject
        {
            ["declarationPeriod"] = "P3650D",
            ["lotTerms"] = new JsonObject { ["1"] = new JsonObject { ["unit"] = "hours", ["demand"] = 10_000 } },
        });
        _invited = (await _bid.InvitedAsync(_opportunity)).OrderBy(i => i.MemberId, StringComparer.Ordinal).ToList();
    }

    [TearDown]
    public async Task Stop() => await _bid.DisposeAsync();

    [Test]
    public async Task Declare_records_a_revision_and_refuses_a_bad_file_with_exit_2_naming_file_and_field()
    {
        var good = _bid.Db.File("good.json", BidHarness.Offer("1", 3_000, 29.5m, staff: 4, area: "Glasgow City", "SV01", "SV03"));
        var bad = _bid.Db.File("bad.json", """{"lots": [{"lotId": "1", "volume": 0, "pricePerUnit": 29.5, "earliestStart": "2027-04-01"}]}""");

        var ok = await Declare(good, _invited[0].MemberId);
        var refused = await Declare(bad, _invited[1].MemberId);
        var missing = await Declare(Path.Combine(_bid.Db.Folder, "nope.json"), _invited[1].MemberId);
        var stranger = await Declare(good, "not-a-member");
        var latin1 = Path.Combine(_bid.Db.Folder, "latin1.json");
        await File.WriteAllBytesAsync(latin1, [.. Encoding.UTF8.GetBytes("{\n\"decline\": \"Caf"), 0xE9, .. Encoding.UTF8.GetBytes(" closed\"}")]);
        var notUtf8 = await Declare(latin1, _invited[1].MemberId);

        Assert.Multiple(() =>
        {
            Assert.That(ok.ExitCode, Is.Zero, ok.Error);
            Assert.That(ok.Out, Does.Contain("Recorded revision 1: lot 1: 3,000 at £29.50 from 1 April 2027"));
            Assert.That(refused.ExitCode, Is.EqualTo(2));
            Assert.That(refused.Error.Trim(), Is.EqualTo("error: bad.json: lots[0].volume: Enter a number of hours between 1 and 10,000"));
            Assert.That(missing.ExitCode, Is.EqualTo(2));
            Assert.That(missing.Error, Does.Contain("--file: no such file"));
            Assert.That(stranger.ExitCode, Is.EqualTo(2));
            Assert.That(stranger.Error, Does.Contain("--member: member 'not-a-member' was not invited"));
            Assert.That(notUtf8.ExitCode, Is.EqualTo(2));
            Assert.That(notUtf8.Error.Trim(), Is.EqualTo("error: --file latin1.json: line 2, byte 16: invalid text encoding (byte 0xE9 is not UTF-8; save the file as UTF-8)"));
        });
    }

    [Test]
    public async Task Allocate_prints_the_published_json_shape_and_an_override_needs_a_reason()
    {
        await Declare(_bid.Db.File("a.json", BidHarness.Offer("1", 5_000, 30m)), _invited[0].MemberId);
        await Declare(_bid.Db.File("b.json", BidHarness.Offer("1", 5_000, 31m, staff: 3)), _invited[1].MemberId);
        var close = await CliRunner.RunAsync(InvitationCommands.Create(), "invitations", "close", _opportunity, "--data", _bid.Db.Folder, "--confirm");

        var json = await CliRunner.RunAsync(AllocateCommand.Create(), "allocate", BidHarness.Glasgow, "--data", _bid.Db.Folder, "--json");
        var noReason = await CliRunner.RunAsync(AllocateCommand.Create(), "allocate", BidHarness.Glasgow, "--data", _bid.Db.Folder,
            "--override", $"{_invited[0].MemberId}:1=2000");
        var text = await CliRunner.RunAsync(AllocateCommand.Create(), "allocate", BidHarness.Glasgow, "--data", _bid.Db.Folder,
            "--override", $"{_invited[0].MemberId}:1=2000", "--reason", "Keeps two beds for the Govan pilot");

        Assert.That(close.ExitCode, Is.Zero, close.Error);
        Assert.That(json.ExitCode, Is.Zero, json.Error);
        using var doc = JsonDocument.Parse(json.Out);
        var lot = doc.RootElement.GetProperty("lots").EnumerateArray().Single(l => l.GetProperty("lotId").GetString() == "1");
        var share = lot.GetProperty("shares")[0];
        Assert.Multiple(() =>
        {
            Assert.That(doc.RootElement.GetProperty("status").GetString(), Is.EqualTo("proposed"));
            Assert.That(lot.GetProperty("demand").GetInt64(), Is.EqualTo(10_000));
            Assert.That(lot.GetProperty("unit").GetString(), Is.EqualTo("hours"));
            Assert.That(lot.GetProperty("uncovered").GetInt64(), Is.EqualTo(2_000), "each capped at 40%");
            Assert.That(share.GetProperty("volume").GetInt64(), Is.EqualTo(4_000));
            Assert.That(share.GetProperty("value").GetDecimal(), Is.EqualTo(120_000m));
            Assert.That(share.GetProperty("percent").GetDecimal(), Is.EqualTo(40m));
            Assert.That(share.GetProperty("reason").GetString(), Does.Contain("capped at 40%"));
            Assert.That(doc.RootElement.GetProperty("objective").GetProperty("uncoveredUnits").GetInt64(), Is.EqualTo(2_502_000), "lot 2, split by value, has no offers");
            Assert.That(noReason.ExitCode, Is.EqualTo(2));
            Assert.That(noReason.Error, Does.Contain("--reason: required with --override"));
            Assert.That(text.ExitCode, Is.Zero, text.Error);
            // Lines are wrapped to 100 columns; the words are there, whatever the line breaks.
            Assert.That(string.Join(" ", text.Out.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)),
                Does.Contain("allocation round 2, proposed").And.Contain("Keeps two beds for the Govan pilot"));
            Assert.That(text.Out.Split('\n').Select(l => l.TrimEnd('\r').Length), Has.All.LessThanOrEqualTo(100), text.Out);
        });
    }

    private Task<CliResult> Declare(string file, string member) =>
        CliRunner.RunAsync(DeclareCommand.Create(), "declare", "--opportunity", _opportunity, "--member", member, "--file", file, "--data", _bid.Db.Folder);
}
