using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using TenderConsortium.IntegrationTests.Support;
using TenderConsortium.Workflows.Hosting;
using TenderConsortium.Workflows.Mail;
using TenderConsortium.Workflows.Persistence;

namespace TenderConsortium.IntegrationTests.Flow;

/// <summary>
/// Three `tender serve` processes share one PostgreSQL database and one data folder (documents, keys, the pickup
/// outbox). Fifty bids run through them at once, every person's step answered over their HTTP API, round robin; one
/// node is killed with SIGKILL mid-flow. The other two finish every bid, and each email exists once.
/// </summary>
[NonParallelizable]
public sealed class MultiNodeBidTests
{
    private const int Bids = 50;
    private const string Lead = "lead@clyde-consortium.example";
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(10);

    private readonly List<TenderProcess> _nodes = [];
    private readonly List<HttpClient> _clients = [];
    private readonly HashSet<int> _dead = [];
    private string _data = null!;
    private string _connection = null!;
    private int _next;

    [TearDown]
    public void Stop()
    {
        foreach (var node in _nodes) node.Dispose();
        foreach (var client in _clients) client.Dispose();
        Npgsql.NpgsqlConnection.ClearAllPools();
        try { Directory.Delete(_data, recursive: true); } catch (Exception ex) when (ex is IOException or NullReferenceException) { }
    }

    [Test]
    public async Task Three_nodes_finish_fifty_bids_when_one_is_killed_midway_with_no_duplicate_email()
    {
        var (server, problem) = await PostgresServer.GetAsync();
        if (server is null)
        {
            ServiceRequirement.Missing("PostgreSQL", problem!);
            return;
        }

        _connection = await server.CreateDatabaseAsync();
        _data = Path.Combine(Path.GetTempPath(), "tender-nodes", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_data);
        var key = await LeadKeyAsync();
        for (var n = 0; n < 3; n++) await StartNodeAsync(key);

        const string glasgow = "pcs-ocds-r6ebe6-0000567519-glasgow-residential-recovery.json";
        await PostAsync("/api/members", new StringContent(SampleData.Members(glasgow), Encoding.UTF8, "text/csv"));
        var notice = SampleData.Notice(glasgow);
        await SendAsync(HttpMethod.Put, "/api/consortium/profile", new StringContent(SampleData.Profile(Lead).ToJsonString(), Encoding.UTF8, "application/json"));
        var plan = JsonNode.Parse(await File.ReadAllTextAsync(RepoFiles.Path("samples", "declarations", "glasgow-residential-recovery.json")))!;
        var opportunities = new List<string>();
        for (var i = 0; i < Bids; i++)
        {
            var copy = notice.Replace("ocds-r6ebe6-0000567519", $"ocds-r6ebe6-{9_000_000 + i:D10}")
                .Replace("Glasgow Residential Recovery Services", $"Glasgow Residential Recovery Services (bid {i})");
            var created = await PostAsync("/api/opportunities", new StringContent(copy, Encoding.UTF8, "application/json"));
            opportunities.Add(created!["opportunities"]![0]!["id"]!.GetValue<string>());
        }

        var declared = 0;
        using var throttle = new SemaphoreSlim(10);
        var drivers = opportunities.Select(async opportunity =>
        {
            await throttle.WaitAsync();
            try
            {
                await DriveAsync(opportunity, plan, () =>
                {
                    if (Interlocked.Increment(ref declared) == 15) KillNode(1);
                });
            }
            finally
            {
                throttle.Release();
            }
        }).ToList();
        var all = Task.WhenAll(drivers);
        Assert.That(await Task.WhenAny(all, Task.Delay(Deadline)), Is.SameAs(all), $"the bids did not finish within {Deadline}");
        await all;
        Assert.That(_dead, Is.EqualTo(new[] { 1 }), "node 2 was killed mid-flow");

        await using var db = new WorkflowDbContext(WorkflowDatabase.Options(_connection));
        var instances = await db.Instances.Where(i => i.DefinitionId == "lead-partner-bid-small").ToListAsync();
        Assert.That(instances, Has.Count.EqualTo(Bids));
        Assert.That(instances.Select(i => i.Status), Has.All.EqualTo(InstanceStatus.Finished));
        await WaitUntilAsync(async () => await db.Outbox.CountAsync(o => o.Status != OutboxStatus.Sent) == 0, "every email delivered");
        var outbox = await db.Outbox.AsNoTracking().ToListAsync();
        Assert.That(outbox.Select(o => (o.InstanceId, o.Event, o.Recipient)), Is.Unique);
        var files = Directory.GetFiles(Path.Combine(_data, "outbox"), "*.eml");
        var ids = files.Select(f => File.ReadLines(f).First(l => l.StartsWith("Message-ID:", StringComparison.Ordinal))).ToList();
        Assert.That(ids, Is.Unique, "no email written twice");
        Assert.That(files, Has.Length.EqualTo(outbox.Count), "one file per email of the outbox");
        var subcontracts = Directory.GetDirectories(Path.Combine(_data, "documents")).Select(d => Directory.GetFiles(Path.Combine(d, "subcontracts"), "*.docx").Length);
        Assert.That(subcontracts, Has.All.EqualTo(3), "three sub-contracts for every bid");
    }

    /// <summary>One bid, step by step, as its lead and members would do it, each request to the next live node.</summary>
    private async Task DriveAsync(string opportunity, JsonNode plan, Action onDeclared)
    {
        var settings = new JsonObject
        {
            ["leadEmail"] = Lead,
            ["lotTerms"] = plan["lotTerms"]!.DeepClone(),
            ["reviewThreshold"] = 1_000_000_000_000,
        };
        var started = await PostAsync($"/api/opportunities/{opportunity}/bids", Json(new JsonObject { ["workflow"] = "lead-partner-bid-small", ["settings"] = settings }));
        var instance = Guid.Parse(started!["instanceId"]!.GetValue<string>());

        var tokens = await InvitationTokensAsync(instance);
        foreach (var (email, token) in tokens)
        {
            var registration = email switch
            {
                var e when e.Contains("clyderecovery") => "SC051234",
                var e when e.Contains("saltire") => "SC355001",
                var e when e.Contains("govan") => "SC046789",
                _ => "SC044321",
            };
            await SendAsync(HttpMethod.Put, $"/api/invitations/{token}/declaration", Json(plan["declarations"]![registration]!.DeepClone()));
        }

        onDeclared();
        await using var db = new WorkflowDbContext(WorkflowDatabase.Options(_connection));
        // A step whose answer was lost with a killed node may have happened: the journal says so, and it is not repeated.
        Func<Task<bool>> Noted(string text) => () => db.Journal.AsNoTracking().AnyAsync(j => j.InstanceId == instance && j.Detail != null && j.Detail.Contains(text));
        await RetryAsync(() => SendAsync(HttpMethod.Post, $"/api/opportunities/{opportunity}/allocation/approve", Json(new JsonObject { ["confirm"] = true }), allowBadRequest: true),
            Noted("approved by"));
        foreach (var (_, token) in tokens)
        {
            var view = await SendAsync(HttpMethod.Get, $"/api/invitations/{token}");
            if (view?["consent"] is null) continue;
            await RetryAsync(() => SendAsync(HttpMethod.Post, $"/api/invitations/{token}/consent", Json(new JsonObject { ["decision"] = "accept" }), allowBadRequest: true),
                async () => (await SendAsync(HttpMethod.Get, $"/api/invitations/{token}"))?["consent"]?.GetValue<string>() == "accepted");
        }

        // The sample notice's deadline has passed, so its pack fails that check: the lead submits with a reason for each failed check.
        await RetryAsync(async () =>
            {
                var reasons = new JsonObject();
                foreach (var check in (await SendAsync(HttpMethod.Get, $"/api/opportunities/{opportunity}/bid"))?["failedChecks"]?.AsArray() ?? [])
                    reasons[check!["id"]!.GetValue<string>()] = "Accepted for the multi-node test";
                return await SendAsync(HttpMethod.Post, $"/api/opportunities/{opportunity}/submission", Json(new JsonObject { ["reference"] = "PCS-MULTI", ["acceptedChecks"] = reasons }),
                    allowBadRequest: true);
            },
            Noted("bid submitted"));
        await RetryAsync(() => SendAsync(HttpMethod.Post, $"/api/opportunities/{opportunity}/outcome", Json(new JsonObject { ["awardedLots"] = new JsonArray("1", "2") }), allowBadRequest: true),
            Noted("outcome: won"));
        await WaitUntilAsync(async () => (await db.Instances.AsNoTracking().SingleAsync(i => i.Id == instance)).Status == InstanceStatus.Finished, $"bid {opportunity} to finish");
    }

    /// <summary>The members' links, from the invitation emails the bid queued (what each member finds in its inbox).</summary>
    private async Task<List<(string Email, string Token)>> InvitationTokensAsync(Guid instance)
    {
        await using var db = new WorkflowDbContext(WorkflowDatabase.Options(_connection));
        List<OutboxRecord> rows = [];
        await WaitUntilAsync(async () =>
        {
            rows = await db.Outbox.AsNoTracking().Where(o => o.InstanceId == instance && o.Event.StartsWith("invitation.member:")).ToListAsync();
            return rows.Count == 4;
        }, "four invitations");
        return rows.Select(r => (r.Recipient, WebText.MemberToken(r.Payload))).ToList();
    }

    /// <summary>A step the bid is not at yet answers 400 ("not waiting … now"): try again shortly, unless it turns out done.</summary>
    private static async Task RetryAsync(Func<Task<JsonNode?>> step, Func<Task<bool>> done)
    {
        var until = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (true)
        {
            // 400: the bid is not at this step yet; 409: it moved on (a pack with new failed checks) between reading and asking.
            if (await step() is not JsonObject { } problem || problem["status"]?.GetValueKind() != JsonValueKind.Number || problem["status"]!.GetValue<int>() is not (400 or 409)) return;
            if (await done()) return;
            if (DateTime.UtcNow > until) Assert.Fail($"step kept failing: {problem.ToJsonString()}");
            await Task.Delay(200);
        }
    }

    private Task<JsonNode?> PostAsync(string path, HttpContent content) => SendAsync(HttpMethod.Post, path, content);

    /// <summary>Sends to the next live node; a node that does not answer is dead and the request goes to another.</summary>
    private async Task<JsonNode?> SendAsync(HttpMethod method, string path, HttpContent? content = null, bool allowBadRequest = false)
    {
        var body = content is null ? null : await content.ReadAsByteArrayAsync();
        var type = content?.Headers.ContentType;
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var node = NextLive();
            using var request = new HttpRequestMessage(method, path);
            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = type;
            }

            try
            {
                using var response = await _clients[node].SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if (allowBadRequest && response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict) return JsonNode.Parse(text);
                Assert.That((int)response.StatusCode, Is.LessThan(300), $"{method} {path} on node {node + 1}: {text}");
                return text.Length == 0 ? null : JsonNode.Parse(text);
            }
            catch (HttpRequestException) when (_dead.Contains(node) || !IsListening(node))
            {
                lock (_dead) _dead.Add(node);
            }
        }

        throw new AssertionException($"{method} {path}: no live node answered");
    }

    private int NextLive()
    {
        for (var i = 0; i < 6; i++)
        {
            var node = Interlocked.Increment(ref _next) % _clients.Count;
            lock (_dead)
            {
                if (!_dead.Contains(node)) return node;
            }
        }

        throw new AssertionException("no live node");
    }

    private void KillNode(int node)
    {
        lock (_dead) _dead.Add(node);
        _nodes[node].Kill();
    }

    private bool IsListening(int node)
    {
        try
        {
            using var socket = new TcpClient();
            socket.Connect(_clients[node].BaseAddress!.Host, _clients[node].BaseAddress!.Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private async Task<string> LeadKeyAsync()
    {
        var add = await TenderProcess.RunAsync(["users", "add", "--role", "lead", "--email", Lead, "--consortium", "default", "--data", _data, "--db", _connection]);
        Assert.That(add.ExitCode, Is.EqualTo(0), add.Output);
        var key = await TenderProcess.RunAsync(["users", "apikey", "--email", Lead, "--data", _data, "--db", _connection]);
        Assert.That(key.ExitCode, Is.EqualTo(0), key.Output);
        return key.Output.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("tck_", StringComparison.Ordinal));
    }

    private async Task StartNodeAsync(string key)
    {
        var port = ServeProcess.FreePort();
        var url = $"http://127.0.0.1:{port}";
        var node = TenderProcess.Start(["serve", "--data", _data, "--db", _connection, "--urls", url, "--no-demo", "--workflows", TenderProcess.WorkflowsFolder],
            new Dictionary<string, string>
            {
                // A dead node's instance leases and delivery claims expire quickly, so the others take its work over.
                ["Runtime__LeaseDuration"] = "00:00:03",
                ["Runtime__SweepInterval"] = "00:00:01",
                ["Outbox__ClaimDuration"] = "00:00:02",
                ["Mail__PublicBaseUrl"] = "http://bids.example.org",
            });
        _nodes.Add(node);
        var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        _clients.Add(client);
        await WaitUntilAsync(async () =>
        {
            try
            {
                return (await client.GetAsync("/health")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, $"node {_nodes.Count} to serve ({node.Output})");
    }

    private static StringContent Json(JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/json");

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var until = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        while (!await condition())
        {
            if (DateTime.UtcNow > until) Assert.Fail($"timed out waiting for {what}");
            await Task.Delay(200);
        }
    }
}
