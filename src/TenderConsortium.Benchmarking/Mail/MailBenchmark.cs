using System.Diagnostics;
using MailKit.Net.Smtp;
using MailKit.Security;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TenderConsortium.Mail;
using TenderConsortium.Workflows.Hosting;
using TenderConsortium.Workflows.Mail;
using TenderConsortium.Workflows.Outbox;
using TenderConsortium.Workflows.Persistence;
using TenderConsortium.Mail.Outbox;

namespace TenderConsortium.Benchmarking.Mail;

/// <summary>
/// Dispatch throughput from the outbox (claim, send through <see cref="SmtpTransport"/>, mark sent, on a real SQLite file)
/// to a local aiosmtpd, against the same-run baseline of a bare MailKit client sending the same messages one by one on
/// one connection. The same message (an invitation-sized text and HTML email, composed the same way) goes through both.
/// </summary>
public static class MailBenchmark
{
    public static async Task<MailBenchmarkResult> RunAsync(string folder, int messages = 2000, int baselineMessages = 200, int concurrency = 4,
        CancellationToken ct = default)
    {
        Directory.CreateDirectory(folder);
        using var server = await LocalSmtpServer.StartAsync(ct);
        var options = new MailOptions { From = "bids@consortium.example", FromName = "Benchmark Consortium" };
        var smtp = new SmtpOptions { Host = "127.0.0.1", Port = server.Port };

        var bare = await BaselineAsync(server.Port, options, baselineMessages, ct);
        var transportAlone = await TransportAloneAsync(smtp, options, baselineMessages, concurrency, ct);

        var dbPath = Path.Combine(folder, "mail.db");
        foreach (var f in new[] { dbPath, dbPath + "-wal", dbPath + "-shm" }) File.Delete(f);
        var connection = DatabaseConnection.ForDataFolder(folder).Replace("tender.db", "mail.db");
        await WorkflowDatabase.MigrateAsync(connection, ct);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Error));
        services.AddWorkflowRuntime(connection, configureOutbox: o =>
        {
            o.BatchSize = 200;
            o.Concurrency = concurrency;
            o.MaxPerSecond = 0;
        });
        using var smtpTransport = new SmtpTransport(smtp, options);
        var transport = new TimedTransport(smtpTransport);
        services.AddSingleton<IMailTransport>(transport);
        services.AddEmailOutbox();
        await using var provider = services.BuildServiceProvider();
        var dispatcher = provider.GetRequiredService<OutboxDispatcher>();
        var factory = provider.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();

        await EnqueueAsync(factory, 50, "warmup", ct);
        while (await dispatcher.DispatchOnceAsync(ct) > 0) { }
        await EnqueueAsync(factory, messages, "bench", ct);

        transport.Reset();
        var watch = Stopwatch.StartNew();
        var sent = 0;
        while (sent < messages)
        {
            var n = await dispatcher.DispatchOnceAsync(ct);
            if (n == 0) break;
            sent += n;
        }

        var seconds = watch.Elapsed.TotalSeconds;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var delivered = await db.Outbox.CountAsync(o => o.Status == OutboxStatus.Sent && o.Event.StartsWith("bench"), ct);
            if (delivered != messages) throw new InvalidOperationException($"Only {delivered} of {messages} outbox messages were sent");
        }

        var rate = messages / seconds;
        // The share of the run the senders spent inside the transport: near 1, the relay's answers are the limit; lower, the outbox's own work is.
        var sending = transport.Busy.TotalSeconds / concurrency / seconds;
        return new MailBenchmarkResult(messages, concurrency, rate, baselineMessages, bare, rate / bare, transportAlone, sending);
    }

    /// <summary>The transport without the outbox: <paramref name="concurrency"/> senders sharing its pool, to tell the two costs apart.</summary>
    private static async Task<double> TransportAloneAsync(SmtpOptions smtp, MailOptions options, int count, int concurrency, CancellationToken ct)
    {
        using var transport = new SmtpTransport(smtp, options);
        await transport.SendAsync(Message("<warm-transport@bench>"), ct);
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count) await transport.SendAsync(Message($"<transport-{i}@bench>"), ct);
        }));
        return count / watch.Elapsed.TotalSeconds;
    }

    /// <summary>A bare MailKit client: one connection, one message after another, no outbox.</summary>
    private static async Task<double> BaselineAsync(int port, MailOptions options, int count, CancellationToken ct)
    {
        var composer = new MailMessageComposer(options);
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None, ct);
        using (var warm = composer.Compose(Message("<warm@bench>"))) await client.SendAsync(warm, ct);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            using var message = composer.Compose(Message($"<baseline-{i}@bench>"));
            await client.SendAsync(message, ct);
        }

        var rate = count / watch.Elapsed.TotalSeconds;
        await client.DisconnectAsync(quit: true, ct);
        return rate;
    }

    private static async Task EnqueueAsync(IDbContextFactory<WorkflowDbContext> factory, int count, string prefix, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < count; i++)
        {
            var mail = Message($"<{prefix}-{i}-{Guid.NewGuid():N}@bench>");
            db.Outbox.Add(new OutboxRecord
            {
                Type = OutboxMessageTypes.Email,
                MessageId = mail.MessageId,
                Event = $"{prefix}#{i}",
                Recipient = mail.To,
                Subject = mail.Subject,
                Payload = JsonSerializer.Serialize(mail),
                Status = OutboxStatus.Pending,
                CreatedAt = now.AddTicks(i),
                NextAttemptAt = now,
            });
        }

        await db.SaveChangesAsync(ct);
    }

    private static OutgoingMail Message(string messageId)
    {
        const string text = """
            Hello Aileen Brown,

            Fife Social Enterprise Network is bidding for a public contract and we would like Kirkcaldy Community Links to be part of it.

            Community link workers for Fife
            Buyer: Fife Council
            Reference: FC-2026-114

            Tell us what you could deliver, or that you would rather not this time. It takes about 10 minutes and needs no password:
            https://bids.fifesen.example/d/s4mpleT0ken-personal-link-for-one-member-01

            Please reply by Wednesday 9 December 2026 at 12:00.
            """;
        var html = "<!DOCTYPE html><html><body>" + string.Join("", text.Split('\n').Select(l => $"<p>{System.Net.WebUtility.HtmlEncode(l)}</p>")) + "</body></html>";
        return new OutgoingMail(messageId, "aileen@kirkcaldy-links.example", "Can you help deliver this contract? Community link workers for Fife", text, html);
    }
}

public sealed record MailBenchmarkResult(int Messages, int Concurrency, double OutboxPerSecond, int BaselineMessages, double BareMailKitPerSecond, double Ratio,
    double TransportAlonePerSecond, double SendingShare)
{
    public override string ToString() =>
        FormattableString.Invariant(
            $"mail.outbox_per_s={OutboxPerSecond:0} baseline.mailkit_one_connection_per_s={BareMailKitPerSecond:0} ratio={Ratio:0.00} mail.messages={Messages} baseline.messages={BaselineMessages} mail.concurrency={Concurrency} transport_alone_per_s={TransportAlonePerSecond:0} sending_share={SendingShare:0.00}");
}
