namespace TenderConsortium.Core.Notifications;

/// <summary>The events that send email, one per stage of the bid (DESIGN.md §3).</summary>
public static class EmailEvents
{
    public const string OpportunityRegistered = "opportunity-registered";
    public const string Shortlist = "shortlist";
    public const string Invitation = "invitation";
    public const string Reminder = "reminder";
    public const string DeclarationReceipt = "declaration-receipt";
    public const string ResponseReceived = "response-received";
    public const string DeclarationsSummary = "declarations-summary";
    public const string ProposedShare = "proposed-share";
    public const string ConsentRequest = "consent-request";
    public const string CoverageGap = "coverage-gap";
    public const string AllocationReport = "allocation-report";
    public const string BidPackReady = "bidpack-ready";
    public const string ChangesRequested = "changes-requested";
    public const string ReviewApproved = "review-approved";
    public const string ReviewOverdue = "review-overdue";
    public const string DeadlineWarning = "deadline-warning";
    public const string Submitted = "submitted";
    public const string Outcome = "outcome";
    public const string SubcontractIssued = "subcontract-issued";
    public const string Fault = "fault";
    public const string AddressRefused = "address-refused";
    public const string Digest = "digest";

    /// <summary>
    /// Events that can wait for the daily digest of a member who asked for one: news without a deadline of its own.
    /// Invitations, reminders, consent requests and sub-contracts always go at once.
    /// </summary>
    public static readonly IReadOnlySet<string> Digestible = new HashSet<string>(StringComparer.Ordinal)
    {
        DeclarationReceipt, ProposedShare, Submitted, Outcome,
    };
}

/// <summary>Who an email is written for.</summary>
public static class EmailRoles
{
    public const string Member = "member";
    public const string Lead = "lead";
    public const string Adviser = "adviser";
}

/// <summary>Template names, "&lt;event&gt;.&lt;role&gt;": one file <c>templates/email/&lt;name&gt;.email</c> each.</summary>
public static class EmailTemplateNames
{
    public const string OpportunityRegisteredLead = "opportunity-registered.lead";
    public const string ShortlistLead = "shortlist.lead";
    public const string InvitationMember = "invitation.member";
    public const string ReminderMember = "reminder.member";
    public const string DeclarationReceiptMember = "declaration-receipt.member";
    public const string ResponseReceivedLead = "response-received.lead";
    public const string DeclarationsSummaryLead = "declarations-summary.lead";
    public const string ProposedShareMember = "proposed-share.member";
    public const string ConsentRequestMember = "consent-request.member";
    public const string CoverageGapLead = "coverage-gap.lead";
    public const string AllocationReportLead = "allocation-report.lead";
    public const string BidPackReadyLead = "bidpack-ready.lead";
    public const string BidPackReadyAdviser = "bidpack-ready.adviser";
    public const string ChangesRequestedLead = "changes-requested.lead";
    public const string ReviewApprovedLead = "review-approved.lead";
    public const string ReviewOverdueLead = "review-overdue.lead";
    public const string DeadlineWarningLead = "deadline-warning.lead";
    public const string SubmittedMember = "submitted.member";
    public const string OutcomeMember = "outcome.member";
    public const string SubcontractIssuedMember = "subcontract-issued.member";
    public const string FaultLead = "fault.lead";
    public const string AddressRefusedLead = "address-refused.lead";
    public const string DigestMember = "digest.member";
    public const string PaymentReminderLead = Delivery.DeliveryEmails.ReminderLead;
    public const string PaymentLateLead = Delivery.DeliveryEmails.LateLead;
    public const string PaymentLateMember = Delivery.DeliveryEmails.LateMember;
    public const string DeliveryStartedMember = Delivery.DeliveryEmails.StartedMember;

    /// <summary>Every template the engine sends, in the order of the stages.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        OpportunityRegisteredLead, ShortlistLead, InvitationMember, ReminderMember, DeclarationReceiptMember, ResponseReceivedLead,
        DeclarationsSummaryLead, ProposedShareMember, ConsentRequestMember, CoverageGapLead, AllocationReportLead, BidPackReadyLead,
        BidPackReadyAdviser, ChangesRequestedLead, ReviewApprovedLead, ReviewOverdueLead, DeadlineWarningLead, SubmittedMember, OutcomeMember, SubcontractIssuedMember,
        FaultLead, DigestMember,
        AddressRefusedLead,
        PaymentReminderLead, PaymentLateLead, PaymentLateMember,
        DeliveryStartedMember,
    ];

    public static string For(string eventName, string role) => $"{eventName}.{role}";

    /// <summary>
    /// The template name inside an outbox event key: "invitation.member#0" or "reminder.member:1d#2" → "invitation.member",
    /// "reminder.member". Null for keys that do not name a template (e.g. the built-in SendEmail activity's ids).
    /// </summary>
    public static string? FromEventKey(string eventKey)
    {
        var end = eventKey.IndexOfAny([':', '#']);
        var name = end < 0 ? eventKey : eventKey[..end];
        return All.Contains(name, StringComparer.Ordinal) ? name : null;
    }

    public static string EventOf(string templateName) => templateName[..templateName.LastIndexOf('.')];
}
