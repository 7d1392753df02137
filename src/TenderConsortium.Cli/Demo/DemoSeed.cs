using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Cli.Infrastructure;
using TenderConsortium.Core.Invitations;
using TenderConsortium.Core.Notifications;
using TenderConsortium.Persistence.Accounts;
using TenderConsortium.Persistence.Opportunities;
using TenderConsortium.Web.Accounts;
using TenderConsortium.Workflows;
using TenderConsortium.Workflows.Mail;

namespace TenderConsortium.Cli.Demo;

/// <summary>
/// On an empty data folder, `tender serve` seeds the demo bid and stops it where the adviser has to review the pack,
/// so a newcomer can click through as the lead, a member and the adviser.
/// </summary>
public static partial class DemoSeed
{
    public static async Task SeedIfEmptyAsync(IServiceProvider services, DataLocation location, CancellationToken ct)
    {
        if ((await services.GetRequiredService<OpportunityQueries>().ListAsync(null, 0, 1, ct)).Count > 0) return;
        Console.WriteLine("Empty data folder: seeding the demo bid (a real notice, the sample consortium) up to the adviser's review…");
        var (instance, opportunity, _) = await new BidDemo(services, TextWriter.Null).RunAsync(stopAtReview: true, ct);
        var links = services.GetRequiredService<PublicLinks>();
        var invitation = (await services.GetRequiredService<IInvitationStore>().ListAsync(opportunity, ct)).First();
        var mail = (await services.GetRequiredService<WorkflowQueries>().ListOutboxAsync(instanceId: instance, take: 1000, ct: ct))
            .First(m => m.Event.StartsWith("invitation.member:", StringComparison.Ordinal) && m.Recipient == invitation.Email);
        var memberLink = Link().Match(JsonSerializer.Deserialize<OutgoingMail>(mail.Payload)!.TextBody).Value;
        var accounts = services.GetRequiredService<AccountStore>();
        foreach (var (email, role) in new[] { (BidDemo.LeadEmail, AccountRoles.Lead), (BidDemo.AdviserEmail, AccountRoles.Adviser) })
        {
            if (await accounts.FindByEmailAsync(email, ct) is null) await accounts.AddAsync(email, role, null, ct);
        }

        // Live links in a log are a credential for whoever reads it: said plainly, and only ever for this seeded demo.
        Console.WriteLine("  FOR LOCAL TRIAL ONLY: these links sign in to the demo accounts; anyone who can read this output can use them.");
        Console.WriteLine($"  as the lead ({BidDemo.LeadEmail}), sign in within 15 minutes with {await SignInAsync(accounts, links, BidDemo.LeadEmail, ct)}");
        Console.WriteLine($"     then open {links.Opportunity(opportunity)}");
        Console.WriteLine($"  as a member ({invitation.MemberName}), no account: {memberLink}");
        Console.WriteLine($"  as the adviser ({BidDemo.AdviserEmail}), sign in with {await SignInAsync(accounts, links, BidDemo.AdviserEmail, ct)}");
        Console.WriteLine($"     then open {links.Review(opportunity)}");
        Console.WriteLine($"  (later sign-ins: {links.Absolute("sign-in")}; the link arrives by email in {location.OutboxFolder})");
    }

    private static async Task<string> SignInAsync(AccountStore accounts, PublicLinks links, string email, CancellationToken ct) =>
        await accounts.IssueSignInTokenAsync(email, ct) is { } issued
            ? SignInLinks.Link(links, issued.Token)
            : links.Absolute("sign-in");

    [GeneratedRegex(@"https?://\S+/d/[A-Za-z0-9_-]{43}")]
    private static partial Regex Link();
}
