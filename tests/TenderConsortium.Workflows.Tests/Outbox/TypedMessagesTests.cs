using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Workflows.Mail;
using TenderConsortium.Workflows.Outbox;
using TenderConsortium.Workflows.Persistence;
using TenderConsortium.Workflows.Tests.Support;

namespace TenderConsortium.Workflows.Tests.Outbox;

/// <summary>
/// The outbox carries typed messages: each row goes to the handler registered for its type, email being one of them,
/// and rows of a type this node has no handler for wait untouched for a node that has one.
/// </summary>
public sealed class TypedMessagesTests
{
    private RuntimeHarness _node = null!;
    private ScriptedTransport _mail = null!;
    private readonly ConcurrentQueue<OutboxMessage> _invoices = new();

    [TearDown]
    public async Task Stop()
    {
        await _node.DisposeAsync();
        _node.DeleteFolder();
    }

    private async Task StartAsync(bool invoices)
    {
        _mail = new ScriptedTransport();
        _node = await RuntimeHarness.StartAsync(configure: services =>
        {
            services.AddSingleton<IMailTransport>(_mail);
            if (invoices) services.AddSingleton<IOutboxHandler>(new InvoiceHandler(_invoices));
        });
    }

    private async Task<long> QueueAsync(string type, string messageId, string payload)
    {
        var factory = _node.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var now = _node.Clock.GetUtcNow();
        var row = new OutboxRecord
        {
            Type = type, MessageId = messageId, Event = "test#0", Recipient = "member@example.org", Subject = "Test",
            Payload = payload, Status = OutboxStatus.Pending, CreatedAt = now, NextAttemptAt = now,
        };
        db.Outbox.Add(row);
        await db.SaveChangesAsync();
        return row.Id;
    }

    private async Task<OutboxRecord> RowAsync(long id)
    {
        var factory = _node.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.Outbox.AsNoTracking().SingleAsync(o => o.Id == id);
    }

    [Test]
    public async Task Each_row_goes_to_the_handler_of_its_type()
    {
        await StartAsync(invoices: true);
        var mail = new OutgoingMail("<m1@test>", "member@example.org", "Hello", "Hello.\n");
        var email = await QueueAsync(OutboxMessageTypes.Email, mail.MessageId, System.Text.Json.JsonSerializer.Serialize(mail));
        var invoice = await QueueAsync("invoice", "<i1@test>", "{\"number\":\"INV-7\"}");

        Assert.That(await _node.Dispatcher.DispatchOnceAsync(), Is.EqualTo(2));
        var (emailRow, invoiceRow) = (await RowAsync(email), await RowAsync(invoice));
        Assert.Multiple(() =>
        {
            Assert.That(_mail.Delivered.Select(m => m.MessageId), Is.EqualTo(new[] { "<m1@test>" }), "the email went to the mail transport only");
            Assert.That(_invoices.Select(m => (m.Id, m.Type, m.Payload)), Is.EqualTo(new[] { (invoice, "invoice", "{\"number\":\"INV-7\"}") }));
            Assert.That(emailRow.Status, Is.EqualTo(OutboxStatus.Sent));
            Assert.That(invoiceRow.Status, Is.EqualTo(OutboxStatus.Sent));
        });
    }

    [Test]
    public async Task A_row_no_handler_takes_waits_untouched()
    {
        await StartAsync(invoices: false);
        var invoice = await QueueAsync("invoice", "<i1@test>", "{\"number\":\"INV-7\"}");

        Assert.That(await _node.Dispatcher.DispatchOnceAsync(), Is.EqualTo(0));
        var row = await RowAsync(invoice);
        Assert.That((row.Status, row.Attempts, row.ClaimedBy, row.LastError), Is.EqualTo((OutboxStatus.Pending, 0, (string?)null, (string?)null)));
    }

    [Test]
    public async Task A_failure_the_handler_calls_permanent_fails_the_row_at_once_in_its_words()
    {
        await StartAsync(invoices: true);
        var invoice = await QueueAsync("invoice", "<i2@test>", "refuse");

        await _node.Dispatcher.DispatchOnceAsync();
        var row = await RowAsync(invoice);
        Assert.That((row.Status, row.Attempts, row.LastError), Is.EqualTo((OutboxStatus.Failed, 1, (string?)"The buyer's portal refused invoice <i2@test>.")));
    }

    /// <summary>A second message type, as a host would add one: records what it was given, refuses what it is told to.</summary>
    private sealed class InvoiceHandler(ConcurrentQueue<OutboxMessage> delivered) : IOutboxHandler
    {
        public string Type => "invoice";

        public Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            if (message.Payload == "refuse") throw new InvalidOperationException($"The buyer's portal refused invoice {message.MessageId}.");
            delivered.Enqueue(message);
            return Task.CompletedTask;
        }

        public bool IsPermanent(Exception failure) => failure is InvalidOperationException;

        public string Describe(Exception failure) => failure.Message;
    }
}
