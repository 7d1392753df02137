namespace TenderConsortium.Core.Notifications;

/// <summary>
/// One realistic model per template, with every field the template may use (the shapes documented in
/// templates/email/README.md). Used by <c>tender mail templates check</c>, by the tests and as a reference for the
/// activities that send each email.
/// </summary>
public static class EmailSampleModels
{
    public static IReadOnlyDictionary<string, object?>? For(string template, PublicLinks links) => template switch
    {
        EmailTemplateNames.OpportunityRegisteredLead => M(
            ("opportunity", Opportunity(links)),
            ("keyDates", List(
                M(("label", "Shortlist confirmed"), ("date", At(2, 9))),
                M(("label", "Members declare by"), ("date", At(9, 12))),
                M(("label", "Bid pack to adviser"), ("date", At(16, 12))),
                M(("label", "Tender deadline"), ("date", At(23, 12))))),
            ("link", links.Opportunity("opp-1"))),
        EmailTemplateNames.ShortlistLead => M(
            ("opportunity", Opportunity(links)),
            ("lots", List(
                M(("title", "Lot 1: Kirkcaldy"), ("shortlisted", 4), ("names", "Kirkcaldy Community Links, Fife Gingerbread, Step Ahead CIC, Linktown Larder")),
                M(("title", "Lot 2: Dunfermline"), ("shortlisted", 2), ("names", "Carnegie Care Co-op, Step Ahead CIC")))),
            ("gaps", List(M(("lot", "Lot 3: Glenrothes"), ("reason", "no member works in Glenrothes with PVG-checked staff")))),
            ("confirmationNeeded", true),
            ("link", links.Opportunity("opp-1"))),
        EmailTemplateNames.InvitationMember => M(
            ("member", Member()),
            ("opportunity", Opportunity(links)),
            ("lots", List(
                M(("title", "Lot 1: Kirkcaldy"), ("summary", "Link workers in 6 GP practices, 2,400 hours a year")),
                M(("title", "Lot 2: Dunfermline"), ("summary", "Link workers in 4 GP practices, 1,600 hours a year")))),
            ("deadline", At(9, 12)),
            ("link", links.Declaration("s4mpleT0ken-personal-link-for-one-member-01")),
            ("lead", Lead())),
        EmailTemplateNames.ReminderMember => M(
            ("member", Member()),
            ("opportunity", Opportunity(links)),
            ("deadline", At(9, 12)),
            ("timeLeft", "3 days"),
            ("link", links.Declaration("s4mpleT0ken-personal-link-for-one-member-01")),
            ("lead", Lead())),
        EmailTemplateNames.DeclarationReceiptMember => M(
            ("member", Member()),
            ("opportunity", Opportunity(links)),
            ("declined", false),
            ("lots", List(M(("title", "Lot 1: Kirkcaldy"), ("offer", "up to 800 hours a year, from 1 April 2027")))),
            ("deadline", At(9, 12)),
            ("link", links.Declaration("s4mpleT0ken-personal-link-for-one-member-01"))),
        EmailTemplateNames.ResponseReceivedLead => M(
            ("member", Member()),
            ("opportunity", Opportunity(links)),
            ("declined", false),
            ("lots", List(M(("title", "Lot 1: Kirkcaldy"), ("offer", "up to 800 hours a year, from 1 April 2027")))),
            ("received", 3),
            ("invited", 7),
            ("link", links.Opportunity("opp-1"))),
        EmailTemplateNames.DeclarationsSummaryLead => M(
            ("opportunity", Opportunity(links)),
            ("deadline", At(9, 12)),
            ("why", "every invited member has answered"),
            ("invited", 7),
            ("declared", 5),
            ("declined", 1),
            ("missing", List(M(("name", "Linktown Larder")))),
            ("lots", List(
                M(("title", "Lot 1: Kirkcaldy"), ("offers", 4), ("covered", true)),
                M(("title", "Lot 2: Dunfermline"), ("offers", 1), ("covered", false)))),
            ("link", links.Opportunity("opp-1"))),
        EmailTemplateNames.ProposedShareMember => M(
            ("member", Member()),
            ("opportunity", Opportunity(links)),
            ("shares", List(M(("lot", "Lot 1: Kirkcaldy"), ("share", "35%"), ("value", "£42,000 a year"), ("reason", "you offered 800 hours and cover 3 of the 6 practices")))),
            ("link", links.Declaration("s4mpleT0ken-personal-link-for-one-member-01")),
            ("lead", Lead())),
        EmailTemplateNames.ConsentRequestMember => M(
            ("member", Member()),
            ("opportunity", Opportunity(links)),
            ("shares", List(M(("lot", "Lot 1: Kirkcaldy"), ("share", "35%"), ("value", "£42,000 a year")))),
            ("deadline", At(12, 17)),
            ("link", links.Declaration("s4mpleT0ken-personal-link-for-one-member-01")),
            ("lead", Lead())),
        EmailTemplateNames.CoverageGapLead => M(
            ("opportunity", Opportunity(links)),
            ("gaps", List(M(("lot", "Lot 2: Dunfermline"), ("reason", "Carnegie Care Co-op declined its 60% share; 960 hours a year are not covered")))),
            ("link", links.Opportunity("opp-1"))),
        EmailTemplateNames.AllocationReportLead => M(
            ("opportunity", Opportunity(links)),
            ("lots", List(
                M(("title", "Lot 1: Kirkcaldy"), ("split", "Kirkcaldy Community Links 35%, Step Ahead CIC 40%, Fife Gingerbread 25%"), ("uncovered", "none")),
                M(("title", "Lot 2: Dunfermline"), ("split", "Carnegie Care Co-op 60%, Step Ahead CIC 40%"), ("uncovered", "none")))),
            ("fairness", "Every micro member has at least 15% of a lot it declared for; no member has more than 45% of the contract."),
            ("link", links.Opportunity("opp-1"))),
        EmailTemplateNames.BidPackReadyLead => M(
            ("opportunity", Opportunity(links)),
            ("documents", Documents()),
            ("reviewDeadline", At(18, 17)),
            ("unchanged", null),
            ("link", links.Opportunity("opp-1"))),
        EmailTemplateNames.BidPackReadyAdviser => M(
            ("adviser", M(("name", "Morag Campbell"))),
            ("opportunity", Opportunity(links)),
            ("documents", Documents()),
            ("reviewDeadline", At(18, 17)),
            ("unchanged", "Version 2 changes nothing in the bid pack since version 1: every section reads the same."),
            ("link", links.Review("opp-1"))),
        EmailTemplateNames.ChangesRequestedLead => M(
            ("opportunity", Opportunity(links)),
            ("adviser", M(("name", "Morag Campbell"))),
            ("comments", List(M(("text", "The method statement for Lot 2 does not say who covers staff absence.")), M(("text", "Add the Living Wage commitment to the social value section.")))),
            ("link", links.Opportunity("opp-1"))),
        EmailTemplateNames.ReviewApprovedLead => M(
            ("opportunity", Opportunity(links)),
            ("adviser", M(("name", "Morag Campbell"))),
            ("comments", List(M(("text", "A clear, well-evidenced bid. Good luck!")))),
            ("link", links.Opportunity("opp-1"))),
        EmailTemplateNames.ReviewOverdueLead => M(
            ("opportunity", Opportunity(links)),
            ("reviewDeadline", At(18, 17)),
            ("link", links.Opportunity("opp-1"))),
        EmailTemplateNames.DeadlineWarningLead => M(
            ("opportunity", Opportunity(links)),
            ("link", links.Opportunity("opp-1"))),
        EmailTemplateNames.SubmittedMember => M(
            ("member", Member()),
            ("opportunity", Opportunity(links)),
            ("submittedAt", At(22, 15)),
            ("shares", List(M(("lot", "Lot 1: Kirkcaldy"), ("share", "35%")))),
            ("outcomeExpected", "February 2027"),
            ("link", links.Declaration("s4mpleT0ken-personal-link-for-one-member-01"))),
        EmailTemplateNames.OutcomeMember => M(
            ("member", Member()),
            ("opportunity", Opportunity(links)),
            ("anyWon", true),
            ("lots", List(
                M(("title", "Lot 1: Kirkcaldy"), ("won", true), ("yourShare", "35%")),
                M(("title", "Lot 2: Dunfermline"), ("won", false), ("yourShare", null)))),
            ("link", links.Declaration("s4mpleT0ken-personal-link-for-one-member-01")),
            ("lead", Lead())),
        EmailTemplateNames.SubcontractIssuedMember => M(
            ("member", Member()),
            ("opportunity", Opportunity(links)),
            ("lots", List(M(("title", "Lot 1: Kirkcaldy"), ("value", "£42,000 a year")))),
            ("documentName", "Sub-contract - Kirkcaldy Community Links.docx"),
            ("respondBy", At(40, 17)),
            ("link", links.Declaration("s4mpleT0ken-personal-link-for-one-member-01")),
            ("lead", Lead())),
        EmailTemplateNames.FaultLead => M(
            ("opportunity", Opportunity(links)),
            ("instanceId", "3f1c0a52-1111-2222-3333-444455556666"),
            ("stage", "Assembly"),
            ("problem", "The bid-pack template 'method-statement.docx' could not be opened."),
            ("retryCommand", "tender instances retry 3f1c0a52-1111-2222-3333-444455556666"),
            ("link", links.Opportunity("opp-1"))),
        EmailTemplateNames.AddressRefusedLead => M(
            ("address", "info@leven-community-care.org.uk"),
            ("member", "Leven Community Care"),
            ("reason", "550 5.1.1 <info@leven-community-care.org.uk>: Recipient address rejected: User unknown"),
            ("clearCommand", "tender mail reachable info@leven-community-care.org.uk"),
            ("link", links.BaseUrl + "/lead/members")),
        EmailTemplateNames.DigestMember => M(
            ("date", new DateOnly(2026, 12, 10)),
            ("count", 2),
            ("items", List(
                M(("subject", "We have your reply: Community link workers for Fife"), ("text", "Thank you. We have your reply for Lot 1: Kirkcaldy."), ("at", At(8, 14))),
                M(("subject", "Bid submitted: Community link workers for Fife"), ("text", "We sent the bid to Fife Council today."), ("at", At(9, 10))))),
            ("link", links.BaseUrl),
            ("owed", List(
                M(("contract", "Community link workers, Fife"), ("id", "P1-M1"), ("period", "period 1 (1 April 2027 to 30 April 2027)"), ("outstanding", "£6,500.00"),
                    ("status", "3 days late (it was due on 31 May 2027)"), ("late", true), ("link", links.Absolute("/delivery/m/s4mpleT0ken-member-delivery-link")))))),
        EmailTemplateNames.PaymentReminderLead or EmailTemplateNames.PaymentLateLead or EmailTemplateNames.PaymentLateMember => Delivery.DeliveryEmails.Sample(template, links),
        EmailTemplateNames.DeliveryStartedMember => Delivery.DeliveryEmails.StartedSample(links),
        _ => null,
    };

    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset At(int day, int hour) => Start.AddDays(day - 1).AddHours(hour);

    private static Dictionary<string, object?> Opportunity(PublicLinks links) => M(
        ("id", "opp-1"),
        ("title", "Community link workers for Fife"),
        ("buyer", "Fife Council"),
        ("reference", "FC-2026-114"),
        ("deadline", At(23, 12)),
        ("link", links.Opportunity("opp-1")));

    private static Dictionary<string, object?> Member() => M(("name", "Kirkcaldy Community Links"), ("contactName", "Aileen Brown"));

    private static Dictionary<string, object?> Lead() => M(("name", "Jamie Reid, Fife Social Enterprise Network"), ("email", "bids@fifesen.example"));

    private static List<Dictionary<string, object?>> Documents() =>
    [
        M(("name", "Method statement")), M(("name", "Pricing schedule")), M(("name", "Social value commitments")), M(("name", "Sub-contractor list")),
    ];

    private static List<Dictionary<string, object?>> List(params Dictionary<string, object?>[] items) => [.. items];

    private static Dictionary<string, object?> M(params (string Key, object? Value)[] pairs) => pairs.ToDictionary(p => p.Key, p => p.Value);
}
