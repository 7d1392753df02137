using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using TenderConsortium.IntegrationTests.Support;
using TenderConsortium.Persistence;
using TenderConsortium.Persistence.Accounts;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.IntegrationTests.Security;

/// <summary>
/// The finding as it was reproduced: a signed-in lead posts a small YAML alias bomb to a running `tender serve`. The
/// server's own memory is read from /proc (its peak resident set, reset just before the request).
/// </summary>
public sealed class YamlBombApiTests
{
    [Test]
    [Platform("Linux")]
    public async Task A_small_alias_bomb_is_answered_400_at_once_and_the_server_barely_grows()
    {
        var data = Path.Combine(Path.GetTempPath(), "tender-bomb-" + Guid.NewGuid().ToString("N"));
        var connection = DatabaseConnection.ForDataFolder(data);
        await TenderDatabase.MigrateAsync(connection);
        var accounts = new AccountStore(connection);
        await accounts.AddAsync("lead@bomb.example", AccountRoles.Lead, null);
        var key = await accounts.IssueApiKeyAsync("lead@bomb.example");
        SqliteConnection.ClearAllPools();
        try
        {
            using var serve = await ServeProcess.StartAsync(data);
            serve.Http.DefaultRequestHeaders.Add("X-Api-Key", key);
            // The same path once with a good notice, so what follows measures the bomb and not the first use of the code.
            var warm = await serve.Http.PostAsync("/api/opportunities?fileName=q.yaml",
                new StringContent(await File.ReadAllTextAsync(RepoFiles.Path("samples", "notices", "quick-quote-example.yaml")), Encoding.UTF8, "application/yaml"));
            Assert.That(warm.StatusCode, Is.EqualTo(HttpStatusCode.Created), await warm.Content.ReadAsStringAsync());

            // 250 KB as sent, 2 GB once its aliases are expanded: one 200 KB title repeated as 10,000 lots.
            var bomb = "format: tender-notice/1\nreference: BOMB\nbuyer: Fife Council\ntitle: &t \"" + new string('x', 200_000) + "\"\nlots:\n"
                       + string.Concat(Enumerable.Repeat("  - *t\n", 10_000));
            var before = ResetPeak(serve.Process.Id);
            // Three times: the test machine may be shared, so the fastest answer is the server's own cost; every one
            // must be refused, and the peak memory covers all three.
            var times = new List<TimeSpan>();
            var answers = new List<(HttpStatusCode Status, string Body)>();
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var clock = Stopwatch.StartNew();
                var response = await serve.Http.PostAsync("/api/opportunities?fileName=bomb.yaml", new StringContent(bomb, Encoding.UTF8, "application/yaml"));
                times.Add(clock.Elapsed);
                answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
            }

            var peak = Status(serve.Process.Id, "VmHWM");
            Assert.Multiple(() =>
            {
                Assert.That(answers.Select(a => a.Status), Is.All.EqualTo(HttpStatusCode.BadRequest), answers[0].Body);
                Assert.That(answers[0].Body, Does.Contain("aliases (*name) repeat more than 1 MB of text"));
                Assert.That(times.Min(), Is.LessThan(TimeSpan.FromSeconds(1)), $"{bomb.Length:N0} bytes refused in {string.Join(", ", times)}");
                Assert.That(peak - before, Is.LessThan(50L * 1024 * 1024), $"resident set {before / 1048576} MB before, peak {peak / 1048576} MB during the requests");
            });
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>Resets the process's peak resident set to its current one (Linux: "5" into clear_refs) and returns it.</summary>
    private static long ResetPeak(int pid)
    {
        File.WriteAllText($"/proc/{pid}/clear_refs", "5");
        return Status(pid, "VmRSS");
    }

    private static long Status(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}
