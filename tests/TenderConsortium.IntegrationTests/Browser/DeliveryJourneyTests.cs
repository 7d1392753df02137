using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Delivery;
using TenderConsortium.IntegrationTests.Support;
using TenderConsortium.Persistence.Accounts;
using TenderConsortium.Persistence.Tenancy;
using TenderConsortium.Host;

namespace TenderConsortium.IntegrationTests.Browser;

/// <summary>
/// Delivery through the pages alone: a member on a 375 px phone opens its emailed delivery link, sees what it is owed
/// (one invoice already late), sends its return for the last period with a mistake (a plain message beside the box)
/// and then correctly, and finds the invoice worked out from it; the lead records the late payment on the contract's
/// page and sees the days to pay; the member then sees the invoice paid, how late, and what it may claim. Each step is
/// scanned with axe-core and saved as artifacts/screenshots/delivery/NN-step.png for a person to look at.
/// </summary>
[NonParallelizable]
public sealed partial class DeliveryJourneyTests
{
    private const string LeadEmail = "lead@clyde-consortium.example";
    private WebNode _node = null!;
    private Browser _phone = null!;
    private Browser _lead = null!;
    private string _opportunityId = null!;
    private DeliveryContract _contract = null!;
    private int _step;

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [OneTimeSetUp]
    public async Task Start()
    {
        if (!Browser.Available(out var reason)) ServiceRequirement.Missing("Chromium", reason);
        _node = await WebNode.StartAsync(new Dictionary<string, string> { ["Security:SignInPermitLimit"] = "1000" }, WebNode.AllocationOnlyWorkflows());
        await new AccountStore(_node.App.Services.GetRequiredService<NodeSettings>().ConnectionString).AddAsync(LeadEmail, AccountRoles.Lead, Consortia.Default);
        await _node.AuthenticateAsLeadAsync(LeadEmail);
        var notice = await WebNode.Ok(_node.Http.PostAsync("/api/opportunities",
            new StringContent(await File.ReadAllTextAsync(RepoFiles.Path("samples", "notices", "pcs-ocds-r6ebe6-0000581730-taxi-nhs-grampian-2-lots.json")), Encoding.UTF8, "application/json")));
        using (var created = JsonDocument.Parse(notice)) _opportunityId = created.RootElement.GetProperty("opportunities")[0].GetProperty("id").GetString()!;
        _contract = await SeedContractAsync();
        _phone = Browser.Start(_node.Http.BaseAddress!.ToString(), 375, 812);
        _lead = Browser.Start(_node.Http.BaseAddress!.ToString(), 1280, 900);
        var folder = RepoFiles.Path("artifacts", "screenshots", "delivery");
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _phone?.Dispose();
        _lead?.Dispose();
        if (_node is not null) await _node.DisposeAsync();
    }

    /// <summary>
    /// A contract awarded ten weeks ago, in monthly periods: both members sent their first return and invoiced it; the
    /// lead paid one on time and not the other, which is now late. The second period has just ended.
    /// </summary>
    private async Task<DeliveryContract> SeedContractAsync()
    {
        var start = Today.AddDays(-70);
        var periods = DeliveryPeriods.Plan(new Core.Opportunities.ContractPeriod(new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            new DateTimeOffset(start.AddYears(1).AddDays(-1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), null), PeriodLength.Monthly, start);
        var contract = DeliveryContract.Start("bid-delivery-journey", _opportunityId, Consortia.Default, "Community transport, Grampian", "NHS Grampian", LeadEmail,
            PeriodLength.Monthly, periods,
            [
                new ContractMember("m-gfs", "Govan Family Support SCIO", "finance@govanfamily.example", [new ContractLine("1", "Patient transport, Aberdeen", "hours", 2400, 31.00m)],
                    [new SocialValueCommitment("SV01", 2, "local people hired")]),
                new ContractMember("m-larder", "Linktown Larder CIC", "hello@linktownlarder.example", [new ContractLine("1", "Patient transport, Aberdeen", "hours", 1200, 29.50m)], []),
            ],
            0.05m, 30, new DateTimeOffset(start.AddDays(-10).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), "the award");
        // Added as the award adds it, then changed and saved as the doors do.
        var store = _node.App.Services.GetRequiredService<IDeliveryStore>();
        Assert.That(await store.TryAddAsync(contract), Is.True);
        contract = (await store.FindAsync(contract.Id))!;
        var received = periods[0].End.AddDays(1);
        var at = new DateTimeOffset(received.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
        contract.SubmitReturn(1, "m-gfs", [new OutputLine("1", 200)], [new SocialValueDelivered("SV01", 1, "local people hired")], "Driver timesheets", at, "member:Govan Family Support SCIO");
        contract.SubmitReturn(1, "m-larder", [new OutputLine("1", 100)], [], null, at, "member:Linktown Larder CIC");
        contract.RaiseMemberInvoice(1, "m-gfs", received);
        var larder = contract.RaiseMemberInvoice(1, "m-larder", received);
        contract.RecordPayment(larder.Id, received.AddDays(14), larder.Amount, "CLYDE-P1-M2", at.AddDays(14), LeadEmail);
        await store.SaveAsync(contract);
        return (await store.FindAsync(contract.Id))!;
    }

    /// <summary>Checks the page with axe-core (and, on the phone, that nothing scrolls sideways), and keeps its picture as the next step.</summary>
    private void Step(Browser browser, string name)
    {
        browser.AssertAccessible(name);
        if (browser == _phone)
            Assert.That(_phone.Driver.ExecuteScript("return document.documentElement.scrollWidth <= window.innerWidth"), Is.True, $"{name}: no sideways scrolling at 375 px");
        var file = $"{++_step:00}-{name}";
        browser.Screenshot("delivery-" + file);
        var folder = RepoFiles.Path("artifacts", "screenshots", "delivery");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(TestContext.CurrentContext.WorkDirectory, "browser-screenshots", $"delivery-{file}.png"), Path.Combine(folder, file + ".png"), overwrite: true);
    }

    [Test]
    public async Task A_member_returns_from_its_phone_and_sees_what_it_is_owed_and_the_lead_records_the_late_payment()
    {
        var link = $"/delivery/m/{_node.App.Services.GetRequiredService<DeliveryLinks>().Token(_contract.Id, "m-gfs")}";
        var late = _contract.MemberInvoice(1, "m-gfs")!;
        var daysLate = Today.DayNumber - late.DueOn.DayNumber;

        // 1. The member opens its link: what it is owed comes first, with the late invoice; the return asks about period 2.
        _phone.Go(link);
        Assert.Multiple(() =>
        {
            Assert.That(_phone.Css("h1").Text, Is.EqualTo("Your delivery: Community transport, Grampian"));
            Assert.That(_phone.Text, Does.Contain("Owed to you: £6,200.00"));
            Assert.That(_phone.Text, Does.Contain($"£6,200.00 of it is overdue"));
            Assert.That(_phone.Text, Does.Contain($"Invoice {late.Id} ({daysLate} days late)"));
            Assert.That(_phone.Driver.ExecuteScript("return document.getElementById('period').selectedOptions[0].text"), Does.StartWith("Period 2: ").And.EndWith(_contract.Periods[1].End.ToString("d MMM yyyy", CultureInfo.InvariantCulture)),
                "the period just ended, without a return yet, is offered first");
            Assert.That(_phone.Text, Does.Contain("Lot 1, Patient transport, Aberdeen: hours delivered").And.Contain("At £31.00 each."));
            Assert.That(_phone.Text, Does.Contain("SV01: local people hired").And.Contain("You promised 2 over the contract."));
        });
        Step(_phone, "member-owed-and-return");

        // 2. A mistake: the hours as words. The message names the box and says what to type; nothing is saved.
        _phone.Fill("output-0", "about two hundred");
        _phone.Submit("Send return and invoice");
        var summary = _phone.All(".govuk-error-summary a").Select(a => (Field: a.GetAttribute("href")!.Split('#')[1], a.Text)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(summary, Is.EqualTo(new[] { ("output-0", "Enter the hours for lot 1 as a number, like 43 or 42.5") }));
            Assert.That(_phone.Driver.Title, Does.StartWith("Error: "));
        });
        Step(_phone, "member-return-mistake");
        Assert.That((await _node.App.Services.GetRequiredService<IDeliveryStore>().FindAsync(_contract.Id))!.Return(2, "m-gfs"), Is.Null, "a refused return saves nothing");

        // 3. The return sent properly becomes the invoice: 180.5 hours at £31.00, received today, due in 30 days.
        _phone.Fill("output-0", "180.5");
        _phone.Fill("sv-0", "1");
        _phone.Fill("evidence", "Driver timesheets and trip logs, kept at the Aberdeen depot");
        _phone.Submit("Send return and invoice");
        var invoice = (await _node.App.Services.GetRequiredService<IDeliveryStore>().FindAsync(_contract.Id))!.MemberInvoice(2, "m-gfs");
        Assert.Multiple(() =>
        {
            Assert.That(invoice, Is.Not.Null, "the return from the link is the member's invoice");
            Assert.That(invoice!.Amount, Is.EqualTo(5595.50m));
            Assert.That(invoice.ReceivedOn, Is.EqualTo(Today));
            Assert.That(_phone.Text, Does.Contain("Your return is in, and your invoice went to the lead with it."));
            Assert.That(_phone.Text, Does.Contain($"Invoice {invoice.Id} (due {DeliveryText.Day(Today.AddDays(30))})"));
            Assert.That(_phone.Text, Does.Contain("Owed to you: £11,795.50"));
        });
        Step(_phone, "member-return-sent-invoice");

        // 4. The lead signs in and opens the contract: days to pay per member, and a form to record a payment.
        await SignInAsync(_lead, $"/lead/delivery/{_opportunityId}", LeadEmail);
        Assert.That(_lead.Text, Does.Contain("Days to pay, per member"));
        Assert.That(_lead.Text, Does.Match(@"Linktown Larder CIC\s+Paid in a median of 14 days after receipt"));
        Step(_lead, "lead-delivery");

        // 5. More than is owed is refused beside the amount; then the late invoice is paid in full.
        _lead.Select(PaymentFormIds.Invoice, t => t.StartsWith(late.Id + ":", StringComparison.Ordinal));
        _lead.Fill(PaymentFormIds.Amount, "9000");
        _lead.Fill(PaymentFormIds.Reference, "CLYDE-P1-M1");
        _lead.Submit("Record payment");
        Assert.That(_lead.All(".govuk-error-summary a").Select(a => a.Text), Is.EqualTo(new[] { $"Only £6,200.00 is owed on invoice {late.Id}; enter at most that" }));
        Step(_lead, "lead-payment-too-much");
        _lead.Fill(PaymentFormIds.Amount, "6200.00");
        _lead.Submit("Record payment");
        Assert.Multiple(() =>
        {
            Assert.That(_lead.Text, Does.Contain("The payment was recorded."));
            Assert.That(_lead.Text, Does.Match($@"Govan Family Support SCIO\s+Paid in a median of {daysLate + 30} days after receipt"));
            Assert.That(_lead.Text, Does.Contain($"paid {daysLate} days late"));
        });
        Step(_lead, "lead-payment-recorded");

        // 6. The member sees it paid, when, how late, and what it may claim under the Late Payment Act.
        _phone.Go(link);
        Assert.Multiple(() =>
        {
            Assert.That(_phone.Text, Does.Contain($"Invoice {late.Id} (paid {daysLate} days late)"));
            Assert.That(_phone.Text, Does.Contain($"£6,200.00 on {DeliveryText.Day(Today)} (reference CLYDE-P1-M1)"));
            Assert.That(_phone.Text, Does.Contain("May be claimed").And.Contain("£70.00 fixed compensation"));
            Assert.That(_phone.Text, Does.Contain("Owed to you: £5,595.50"));
        });
        Step(_phone, "member-sees-paid-late");
    }

    private static class PaymentFormIds
    {
        public const string Invoice = "payment-invoice", Amount = "payment-amount", Reference = "payment-reference";
    }

    private async Task SignInAsync(Browser browser, string path, string email)
    {
        bool SignInMail(Email e) => e.To.Contains(email, StringComparison.OrdinalIgnoreCase) && e.Link(SignInLink()) is not null;
        var before = Email.All(_node.DataFolder).Count(SignInMail);
        browser.Go(path);
        browser.Fill("email", email);
        browser.Submit("Email me a sign-in link");
        IReadOnlyList<Email> mails = [];
        await Browser.WaitAsync(() =>
        {
            mails = Email.All(_node.DataFolder).Where(SignInMail).ToList();
            return Task.FromResult(mails.Count > before);
        }, $"a sign-in email to {email}");
        browser.Go(mails[^1].Link(SignInLink())!);
        browser.Submit("Continue");
        if (browser.Path_ != path) browser.Go(path);
    }

    [GeneratedRegex(@"https?://[^\s/]+/sign-in/verify\?token=[A-Za-z0-9_%-]+")]
    private static partial Regex SignInLink();
}
