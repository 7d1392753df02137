using System.Text.Json.Nodes;
using TenderConsortium.Core.Notifications;
using TenderConsortium.Core.Workflow;
using TenderConsortium.Workflows.Activities;
using TenderConsortium.Workflows.Definitions;
using TenderConsortium.Workflows.Engine;

namespace TenderConsortium.Core.Delivery;

/// <summary>
/// "WatchContractDelivery": watches one contract's member invoices for as long as it runs. Before a due date it
/// reminds the lead; the day after, if still unpaid, it alerts the lead and tells the member, with the late-payment
/// interest and compensation the member may claim. It wakes on a durable timer at the next notice and whenever a
/// return, invoice or payment is recorded (bookmark "delivery-changed", keyed by the contract). Each notice is
/// remembered in the activity's state, which commits with the emails, so none is sent twice even after a crash; an
/// invoice paid before its notice is due gets none. It ends when the last period is over and every invoice is paid.
/// </summary>
public sealed class WatchContractDeliveryActivity : IActivity
{
    public const string TypeName = "WatchContractDelivery";

    /// <summary>Notices go out at this hour (UTC) of their day, the start of a working day.</summary>
    private static readonly TimeOnly NoticeTime = new(8, 0);

    public ActivityDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        Description = "Reminds the lead before member invoices fall due, alerts the lead and tells the member when one is late; ends when the contract is delivered and paid.",
        Properties =
        [
            new PropertyDescriptor("contract", ValueKind.String, true, "The contract's id, e.g. \"=variables.contractId\"."),
        ],
        Waits = true,
        Bookmarks = _ => [new BookmarkDeclaration(DeliverySignals.Changed, null, new PayloadSchema([]))],
    };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => WatchAsync(context, createBookmark: true);

    public ValueTask<ActivityResult> ResumeAsync(ActivityContext context, ResumeInput input)
    {
        if (input.Kind == ResumeKind.Timer && context.ActivityState["timers"] is JsonArray timers)
        {
            // The timer that fired is gone; forget it so the next one is scheduled again.
            foreach (var fired in timers.Where(t => DateTimeOffset.Parse(t!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) <= context.Now).ToList())
                timers.Remove(fired);
        }

        // A signal consumed the bookmark; a timer left it in place.
        return WatchAsync(context, createBookmark: input.Kind == ResumeKind.Signal);
    }

    private static async ValueTask<ActivityResult> WatchAsync(ActivityContext context, bool createBookmark)
    {
        var id = context.Get<string>("contract", ValueKind.String);
        var store = context.Service<IDeliveryStore>();
        var contract = await store.FindAsync(id)
                       ?? throw new InvalidOperationException($"{TypeName}: no contract {id} in delivery.");
        if (contract.InstanceId is null)
        {
            // The first run claims the contract in the same commit as its own start, so a second start (a retry after
            // a crash, or the sweep racing the award) finds it taken and ends here without sending anything.
            contract.AttachInstance(context.InstanceId);
            await store.SaveAsync(contract);
        }
        else if (contract.InstanceId != context.InstanceId)
        {
            context.Journal(JournalKinds.Note, $"another workflow already watches this contract's payments ({contract.InstanceId}); this one ends");
            return ActivityResult.Done;
        }

        var options = context.Services.GetService(typeof(LatePaymentOptions)) as LatePaymentOptions ?? new LatePaymentOptions();
        var today = DateOnly.FromDateTime(context.Now.UtcDateTime);
        var sent = context.ActivityState["sent"] as JsonArray ?? [];
        context.ActivityState["sent"] = sent;
        var known = sent.Select(n => n!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var settings = context.TenderSettings();
        var lead = EmailModels.Lead(settings);
        var leadName = (string)lead["name"]!;
        var leadEmail = contract.LeadEmail ?? (string)lead["email"]!;
        var links = context.Service<DeliveryLinks>();
        foreach (var notice in PaymentNotices.Due(contract, today, options.ReminderDaysBefore).Where(n => !known.Contains(n.Key)))
        {
            // A reminder whose day passed while a later notice is also due (the node was down) is not worth sending late.
            if (notice.Kind == PaymentNoticeKind.Reminder && today > notice.Invoice.DueOn.AddDays(-1) && notice.DaysBefore > 1) continue;
            var model = DeliveryEmails.Model(contract, notice, options, links.Lead(contract.OpportunityId), leadName, leadEmail);
            var member = contract.Member(notice.Invoice.MemberId);
            if (notice.Kind == PaymentNoticeKind.Reminder)
            {
                context.Notify(DeliveryEmails.ReminderLead, notice.Key, [leadEmail], model);
            }
            else
            {
                context.Notify(DeliveryEmails.LateLead, notice.Key, [leadEmail], model);
                // The member's copy carries its own link, where it sees every invoice and what is paid.
                model["link"] = links.Member(contract.Id, member.MemberId);
                if (member.Email is { Length: > 0 } email) context.Notify(DeliveryEmails.LateMember, notice.Key, [email], model);
            }

            sent.Add(notice.Key);
            // Killed here, nothing of this burst is kept: the timer fires again and the notice is queued once.
            CrashPoints.Hit("delivery-notice-queued");
            context.Journal(JournalKinds.Note, notice.Kind == PaymentNoticeKind.Reminder
                ? $"payment reminder: {member.Name}'s invoice {notice.Invoice.Id} is due on {DeliveryText.Day(notice.Invoice.DueOn)}"
                : $"payment late: {member.Name}'s invoice {notice.Invoice.Id} was due on {DeliveryText.Day(notice.Invoice.DueOn)}; the lead and the member are told");
        }

        if (Finished(contract, today)) return ActivityResult.Done;
        if (createBookmark) context.CreateBookmark(DeliverySignals.Changed, contract.Id);
        if (PaymentNotices.Next(contract, today, options.ReminderDaysBefore) is { } next)
        {
            var at = new DateTimeOffset(next.ToDateTime(NoticeTime), TimeSpan.Zero);
            var timers = context.ActivityState["timers"] as JsonArray ?? [];
            context.ActivityState["timers"] = timers;
            var key = at.ToString("O");
            if (timers.All(t => t!.GetValue<string>() != key))
            {
                context.CreateTimer(at, "payment-notice");
                timers.Add(key);
            }
        }

        return ActivityResult.Suspend;
    }

    /// <summary>The last period is over, every member has invoiced it, and nothing is owed to anyone.</summary>
    private static bool Finished(DeliveryContract contract, DateOnly today) =>
        today > contract.Periods[^1].End
        && contract.Members.All(m => contract.MemberInvoice(contract.Periods[^1].Number, m.MemberId) is not null)
        && contract.MemberInvoices.All(i => i.IsPaid);
}
