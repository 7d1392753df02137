using System.Globalization;
using System.Text.RegularExpressions;
using TenderConsortium.Core.BidPacks;
using TenderConsortium.Documents.BidPacks;
using TenderConsortium.Documents.Mapping;
using TenderConsortium.Documents.Models;
using TenderConsortium.Documents.Subcontracts;

namespace TenderConsortium.Documents.Checks;

/// <summary>
/// The adviser's checklist (DESIGN.md §8), done automatically: each check says pass, warning or fail and what it
/// found. Checks that concern documents read the generated documents back rather than trusting the model.
/// </summary>
public static partial class BidPackChecker
{
    private const int ListedProblems = 10;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <param name="subcontractTexts">Each issued sub-contract's text as read back from its file, by member id.</param>
    public static IReadOnlyList<BidPackCheck> Run(BidPackFacts facts, BidPackDocument model, PricingReadBack pricing,
        IReadOnlyDictionary<string, string> subcontractTexts)
    {
        return
        [
            LotsCovered(facts),
            AllocationsMatch(facts),
            SpdItems(facts),
            PaymentClauses(facts, subcontractTexts),
            SocialValue(facts),
            PricingConsistent(facts, pricing),
            WordLimits(facts, model),
            Deadline(facts),
        ];
    }

    private static BidPackCheck LotsCovered(BidPackFacts facts)
    {
        var problems = facts.Input.Opportunity.Lots.Select(lot =>
        {
            var allocation = facts.Input.Allocation.Lots.FirstOrDefault(l => l.LotId == lot.Id);
            if (allocation is null || allocation.Shares.All(s => s.Volume == 0)) return $"lot {lot.Id} has no member";
            return allocation.Uncovered > 0 ? $"lot {lot.Id}: {Format.Volume(allocation.Uncovered, allocation.Unit)} of {Format.Volume(allocation.Demand, allocation.Unit)} uncovered" : null;
        }).OfType<string>().ToList();
        return Result("lots-covered", "Every lot covered", problems, $"all {facts.Input.Opportunity.Lots.Count} lots covered in full");
    }

    private static BidPackCheck AllocationsMatch(BidPackFacts facts)
    {
        var input = facts.Input;
        var problems = new List<string>();
        foreach (var lot in input.Allocation.Lots)
        {
            var terms = input.TermsOf(lot.LotId);
            if (lot.Demand != terms.Demand) problems.Add($"lot {lot.LotId}: allocated demand {lot.Demand} but the lot's terms say {terms.Demand}");
            var sum = lot.Shares.Sum(s => s.Volume);
            if (sum + lot.Uncovered != lot.Demand) problems.Add($"lot {lot.LotId}: shares {sum} + uncovered {lot.Uncovered} ≠ demand {lot.Demand}");
            var cap = (long)Math.Floor(input.Rules.MaxSharePerMember * lot.Demand);
            foreach (var share in lot.Shares.Where(s => s.Volume > 0))
            {
                var name = input.Member(share.MemberId)?.Member.Name ?? share.MemberId;
                var declaration = input.DeclarationOf(share.MemberId);
                var declared = declaration?.Lot(lot.LotId);
                if (declaration is null || declaration.Declined || declared is null)
                {
                    problems.Add($"lot {lot.LotId}: {name} has {share.Volume} but no declaration for the lot");
                    continue;
                }

                if (share.Volume > declared.Volume) problems.Add($"lot {lot.LotId}: {name} has {share.Volume}, more than the {declared.Volume} it declared");
                if (Math.Abs(share.Value - share.Volume * declared.PricePerUnit) > 0.01m) problems.Add($"lot {lot.LotId}: {name}'s value {share.Value} is not its volume × declared price");
                if (share.Volume > cap && share.OverrideReason is null)
                    problems.Add(string.Create(Invariant, $"lot {lot.LotId}: {name} has {share.Volume}, above the {input.Rules.MaxSharePerMember * 100:0.#}% cap ({cap}) without a recorded reason"));
            }
        }

        return Result("allocations-match", "Allocations match declarations and rules", problems,
            $"{input.Allocation.Lots.Sum(l => l.Shares.Count(s => s.Volume > 0))} shares within declarations, prices and the cap");
    }

    private static BidPackCheck SpdItems(BidPackFacts facts)
    {
        var missing = facts.Spd.Members.Where(m => m.Missing.Count > 0).Select(m => $"{m.MemberName}: {string.Join(", ", m.Missing)}").ToList();
        if (missing.Count > 0) return Result("spd-items", "Every member's SPD items present", missing, "");
        var late = facts.Input.Declarations.Where(d => d.Spd.InvoicesPaidOnTimePercent is < 95m && facts.Delivering.Any(m => m.Id == d.MemberId))
            .Select(d => facts.Input.Member(d.MemberId)!.Member.Name).ToList();
        return late.Count > 0
            ? new BidPackCheck("spd-items", "Every member's SPD items present", CheckStatus.Warning, $"all present; below 95% of invoices paid on time (4C.4): {string.Join(", ", late)}")
            : new BidPackCheck("spd-items", "Every member's SPD items present", CheckStatus.Pass, $"II.A/B, III, IV, 4C.4 and 4C.10 present for all {facts.Delivering.Count} members; lead Part II.A names the group");
    }

    private static BidPackCheck PaymentClauses(BidPackFacts facts, IReadOnlyDictionary<string, string> texts)
    {
        const string title = "30-day payment clause in every sub-contract";
        if (texts.Count == 0) return new BidPackCheck("subcontract-payment", title, CheckStatus.Warning, "no sub-contract was issued (no member has volume in an awarded lot)");
        var problems = new List<string>();
        foreach (var (memberId, text) in texts.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var name = facts.Input.Member(memberId)?.Member.Name ?? memberId;
            var days = PaymentDays().Match(text);
            if (!days.Success) problems.Add($"{name}: no payment term \"within N {SubcontractClauses.PaymentMarker}\"");
            else if (int.Parse(days.Groups[1].Value, Invariant) > 30) problems.Add($"{name}: payment within {days.Groups[1].Value} days, more than 30");
            if (!text.Contains(SubcontractClauses.FlowDownMarker, StringComparison.Ordinal)) problems.Add($"{name}: the term does not flow down the chain");
        }

        return Result("subcontract-payment", title, problems, $"{texts.Count} sub-contracts pay within {facts.Input.Profile.PaymentDays} days of a valid invoice and flow the term down");
    }

    private static BidPackCheck SocialValue(BidPackFacts facts)
    {
        const string title = "Social value quantified";
        var summary = facts.SocialValue;
        if (summary.Problems.Count > 0) return Result("social-value", title, summary.Problems, "");
        if (summary.Totals.Count == 0)
            return new BidPackCheck("social-value", title, facts.Input.Opportunity.CommunityBenefits ? CheckStatus.Fail : CheckStatus.Warning,
                "no quantified commitment from the delivering members" + (facts.Input.Opportunity.CommunityBenefits ? ", and the notice asks for community benefits" : ""));
        return new BidPackCheck("social-value", title, CheckStatus.Pass,
            $"{summary.Totals.Count} measures, {summary.Totals.Sum(t => t.By.Count)} attributed commitments, each with a quantity and unit");
    }

    private static BidPackCheck PricingConsistent(BidPackFacts facts, PricingReadBack read)
    {
        var schedule = facts.Pricing;
        var problems = read.Mismatches.ToList();
        var lines = schedule.Lots.Sum(l => l.Lines.Count);
        if (read.Lines != lines) problems.Add($"the spreadsheet has {read.Lines} member lines, the allocation {lines}");
        if (read.GrandTotalCell != schedule.Total) problems.Add($"the spreadsheet's total is {read.GrandTotalCell?.ToString(Invariant) ?? "missing"}, the engine's {schedule.Total.ToString(Invariant)}");
        if (read.Recomputed != schedule.Total) problems.Add($"the spreadsheet's cells add up to {read.Recomputed.ToString(Invariant)}, the engine's total is {schedule.Total.ToString(Invariant)}");
        return Result("pricing-consistent", "Pricing totals consistent", problems,
            $"{lines} lines; members {Format.Money(schedule.Subtotal, schedule.Currency)} + fee {Format.Money(schedule.Fee, schedule.Currency)} = {Format.Money(schedule.Total, schedule.Currency)} in the pack and the spreadsheet");
    }

    private static BidPackCheck WordLimits(BidPackFacts facts, BidPackDocument model)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            [BidPackSections.Cover] = WordCounter.Count(model.Cover),
            [BidPackSections.Governance] = WordCounter.Count(model.Governance),
            [BidPackSections.Delivery] = WordCounter.Count(model.Lots),
            [BidPackSections.Capability] = WordCounter.Count(model.Members),
            [BidPackSections.Compliance] = WordCounter.Count(model.Criteria),
            [BidPackSections.SocialValue] = WordCounter.Count(model.SocialValue),
            [BidPackSections.Risks] = WordCounter.Count(model.Risks),
            [BidPackSections.Spd] = WordCounter.Count(model.Spd),
            [BidPackSections.Pricing] = WordCounter.Count(model.Pricing),
        };
        var limits = facts.Input.Profile.WordLimits;
        var problems = new List<string>();
        var report = new List<string>();
        foreach (var (section, words) in counts)
        {
            if (!limits.TryGetValue(section, out var limit)) continue;
            report.Add($"{section} {words}/{limit}");
            if (words > limit) problems.Add($"{BidPackSections.Title(section)}: {words} words, limit {limit}");
        }

        if (limits.TryGetValue(BidPackSections.MemberStatement, out var each))
        {
            var longest = model.Members.Select(m => (m.Name, Words: WordCounter.Words(m.Statement))).OrderByDescending(m => m.Words).ToList();
            problems.AddRange(longest.Where(m => m.Words > each).Select(m => $"capability statement of {m.Name}: {m.Words} words, limit {each}"));
            if (longest.Count > 0) report.Add($"longest member statement {longest[0].Words}/{each}");
        }

        return Result("word-limits", "Section word limits respected", problems, report.Count == 0 ? "no word limits set" : string.Join("; ", report));
    }

    private static BidPackCheck Deadline(BidPackFacts facts)
    {
        const string title = "Days left before the deadline";
        if (facts.Input.Opportunity.Deadline is not { } deadline)
            return new BidPackCheck("deadline", title, CheckStatus.Warning, "the notice publishes no deadline; confirm it with the buyer");
        var days = DateOnly.FromDateTime(deadline.UtcDateTime).DayNumber - facts.Input.AsOf.DayNumber;
        var when = $"deadline {Format.Instant(deadline)}, pack of {Format.Day(facts.Input.AsOf)}";
        if (days < 0) return new BidPackCheck("deadline", title, CheckStatus.Fail, $"the deadline passed {-days} days ago ({when})");
        return days < facts.Input.Profile.MinDaysBeforeDeadline
            ? new BidPackCheck("deadline", title, CheckStatus.Warning, $"{days} days left, fewer than the {facts.Input.Profile.MinDaysBeforeDeadline} the consortium wants for review ({when})")
            : new BidPackCheck("deadline", title, CheckStatus.Pass, $"{days} days left ({when})");
    }

    private static BidPackCheck Result(string id, string title, IReadOnlyList<string> problems, string passDetail)
    {
        if (problems.Count == 0) return new BidPackCheck(id, title, CheckStatus.Pass, passDetail);
        var listed = string.Join("; ", problems.Take(ListedProblems));
        return new BidPackCheck(id, title, CheckStatus.Fail, problems.Count > ListedProblems ? $"{listed}; and {problems.Count - ListedProblems} more" : listed);
    }

    [GeneratedRegex(@"within (\d+) days of receiving a valid and undisputed invoice")]
    private static partial Regex PaymentDays();
}
