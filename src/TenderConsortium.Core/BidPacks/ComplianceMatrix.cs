using TenderConsortium.Core.Opportunities;

namespace TenderConsortium.Core.BidPacks;

/// <summary>
/// Maps every award and selection criterion of the notice to the section of the pack that answers it, so the buyer's
/// evaluator finds each answer and the adviser sees none is left unanswered. Routing is by the criterion's type and
/// words: price and cost go to pricing, economic and suitability criteria to the SPD, experience to capability
/// statements, social value and community benefits to their section, and any other quality criterion to the
/// delivery model. Each entry says why, so a wrong route is easy to spot and move by hand.
/// </summary>
public static class ComplianceMatrix
{
    private static readonly (string[] Words, string Section, string Reason)[] Routes =
    [
        (["social value", "community benefit", "fair work", "environment", "sustainab", "net zero", "carbon", "wellbeing"], BidPackSections.SocialValue, "social value and community benefits"),
        (["risk", "continuity", "contingency", "exit", "mobilis", "tupe"], BidPackSections.Risks, "risks and their mitigations"),
        (["governance", "partnership", "consortium", "management", "structure", "account"], BidPackSections.Governance, "how the consortium is run"),
        (["experience", "capabilit", "qualif", "case stud", "track record", "reference", "accredit", "registration", "staff", "personnel", "skills"], BidPackSections.Capability, "members' experience and capability"),
        (["turnover", "insurance", "financial", "economic", "exclusion", "ground"], BidPackSections.Spd, "the Single Procurement Document (SPD) answers"),
        (["price", "cost", "value for money", "rate"], BidPackSections.Pricing, "prices and the pricing schedule"),
    ];

    public static IReadOnlyList<ComplianceEntry> For(Opportunity opportunity)
    {
        var entries = new List<ComplianceEntry>();
        foreach (var criterion in opportunity.SelectionCriteria)
            entries.Add(Selection(null, criterion));
        foreach (var lot in opportunity.Lots)
        {
            foreach (var criterion in lot.AwardCriteria)
                entries.Add(Award(lot.Id, criterion));
            // A lot's selection criteria repeat the notice's after its own: each criterion is answered once.
            foreach (var criterion in lot.SelectionCriteria.Where(c => !opportunity.SelectionCriteria.Contains(c)))
                entries.Add(Selection(lot.Id, criterion));
        }

        return entries;
    }

    private static ComplianceEntry Award(string lotId, AwardCriterion criterion)
    {
        var text = Join(criterion.Name, criterion.Text, criterion.Type);
        var type = criterion.Type.Trim().ToLowerInvariant();
        if (type is "price" or "cost")
            return new ComplianceEntry("award", lotId, text, criterion.Weight?.ToString(), BidPackSections.Pricing, $"{type} criterion: prices and the pricing schedule");
        var (section, reason) = Route(Join(criterion.Name, criterion.Text), BidPackSections.Delivery, "quality: the delivery model per lot");
        return new ComplianceEntry("award", lotId, text, criterion.Weight?.ToString(), section, reason);
    }

    private static ComplianceEntry Selection(string? lotId, SelectionCriterion criterion)
    {
        var text = Join(criterion.Type, criterion.Description, criterion.Minimum is null ? null : "minimum: " + criterion.Minimum);
        var type = criterion.Type?.Trim().ToLowerInvariant();
        // A quality bar the buyer sets (registration, inspection grades, experience) is answered by the members'
        // capability, not by the SPD form: "Grade 3 or above in the Care Inspectorate reports" must not be skipped.
        if (QualityBar(text) is { } bar)
            return new ComplianceEntry("selection", lotId, text, null, BidPackSections.Capability, $"mentions \"{bar}\": members' registration, grades and experience");
        var (section, reason) = type switch
        {
            "economic" or "financial" or "economicandfinancial" or "suitability" => (BidPackSections.Spd, $"{type} standing: Part IV of the Single Procurement Document (SPD), selection criteria, and each member's response"),
            "technical" or "professional" or "technicalandprofessional" => (BidPackSections.Capability, $"{type} ability: members' capability statements"),
            _ => Route(text, BidPackSections.Spd, "selection: the Single Procurement Document (SPD) checklist"),
        };
        return new ComplianceEntry("selection", lotId, text, null, section, reason);
    }

    private static string? QualityBar(string text)
    {
        var lower = text.ToLowerInvariant();
        return new[] { "care inspectorate", "inspection", "grade", "registered with", "registration", "years experience", "years' experience" }.FirstOrDefault(lower.Contains);
    }

    private static (string Section, string Reason) Route(string text, string fallback, string fallbackReason)
    {
        var lower = text.ToLowerInvariant();
        foreach (var (words, section, reason) in Routes)
        {
            var word = words.FirstOrDefault(lower.Contains);
            if (word is not null) return (section, $"mentions \"{word}\": {reason}");
        }

        return (fallback, fallbackReason);
    }

    private static string Join(params string?[] parts) =>
        string.Join(": ", parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)) is { Length: > 0 } s ? s : "(not described)";
}
