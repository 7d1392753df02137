using System.Globalization;
using System.Text.RegularExpressions;
using TenderConsortium.Core.BidPacks;
using TenderConsortium.Documents.BidPacks;
using TenderConsortium.Documents.Mapping;
using TenderConsortium.Documents.Models;
using TenderConsortium.Documents.Subcontracts;
using TenderConsortium.Core.Common;

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
            LeadFacts(facts),
            Certifications(facts),
            PriceSanity(facts),
        ];
    }

    /// <summary>
    /// The lead body's own facts the documents need; a missing one is a failed check naming the setting to fill
    /// (the consortium profile, bid-pack settings) rather than a stand-in such as "not yet given" in the pack.
    /// </summary>
    private static BidPackCheck LeadFacts(BidPackFacts facts)
    {
        var profile = facts.Input.Profile;
        var missing = new List<string>();
        if (profile.LeadRegistration.Length == 0) missing.Add("the lead body's registration number (bid-pack setting 'leadRegistration'; cover, governance and SPD Part II.A)");
        if (profile.LeadAddress.Length == 0) missing.Add("the lead body's registered address (bid-pack setting 'leadAddress'; governance and SPD Part II.A)");
        if (profile.Signatory.Length == 0) missing.Add("who signs for the lead body, by name and role (bid-pack setting 'signatory'; governance and the declaration)");
        return Result("lead-facts", "The lead body's facts are given", missing.Select(m => "fill in " + m).ToList(),
            $"{profile.LeadName}: registration {profile.LeadRegistration}, {profile.LeadAddress}; signed by {profile.Signatory}");
    }

    /// <summary>
    /// Every delivering member's dated certifications must be valid on the pack's date and stay valid until the
    /// contract ends (or at least starts, when the notice gives no end): a lapsing certificate is named with its member.
    /// </summary>
    private static BidPackCheck Certifications(BidPackFacts facts)
    {
        var term = ContractTerm.Of(facts.Input.Opportunity);
        var until = term.End ?? term.Start;
        var problems = new List<string>();
        foreach (var member in facts.Delivering)
        {
            foreach (var certification in member.Member.Certifications.Where(c => c.Expires is not null))
            {
                var expires = certification.Expires!.Value;
                if (expires < facts.Input.AsOf)
                    problems.Add($"{member.Member.Name}: {certification.Name} expired on {Format.Day(expires)}, before the pack's date {Format.Day(facts.Input.AsOf)}");
                else if (term.Start is { } start && expires < start)
                    problems.Add($"{member.Member.Name}: {certification.Name} expires on {Format.Day(expires)}, before the contract starts on {Format.Day(start)}");
                else if (term.End is { } end && expires < end)
                    problems.Add($"{member.Member.Name}: {certification.Name} expires on {Format.Day(expires)}, before the contract ends on {Format.Day(end)}; renew it or show the renewal");
            }
        }

        var span = until is { } day ? $"from {Format.Day(facts.Input.AsOf)} to {Format.Day(day)}" : $"on {Format.Day(facts.Input.AsOf)} (the notice gives no contract dates)";
        return Result("certifications", "Certifications valid for the contract", problems, $"every delivering member's dated certifications are valid {span}");
    }

    /// <summary>
    /// The total against the buyer's estimate: below half of it looks abnormally low (a buyer must question it), above
    /// 110% is likely over the budget. The basis (whole contract, per year) is stated so the comparison is like for like.
    /// </summary>
    private static BidPackCheck PriceSanity(BidPackFacts facts)
    {
        const string title = "Price against the buyer's estimate";
        var estimate = facts.Input.Opportunity.Value;
        var basis = BidPackModelBuilder.PriceBasis(facts);
        if (estimate is null || estimate.Amount <= 0)
            return new BidPackCheck("price-sanity", title, CheckStatus.Warning, $"the notice publishes no estimated value to compare with. {basis}");
        if (!string.Equals(estimate.Currency, facts.Pricing.Currency, StringComparison.OrdinalIgnoreCase))
            return new BidPackCheck("price-sanity", title, CheckStatus.Warning, $"the estimate is in {estimate.Currency}, the prices in {facts.Pricing.Currency}; compare by hand. {basis}");
        // Only the lots bid for count against the estimate of those lots, when the notice gives lot values.
        var bidLots = facts.Input.Allocation.Lots.Where(l => l.Shares.Any(s => s.Volume > 0)).Select(l => l.LotId).ToHashSet();
        var lotValues = facts.Input.Opportunity.Lots.Where(l => bidLots.Contains(l.Id)).Select(l => l.Value?.Amount).ToList();
        var compared = lotValues.Count > 0 && lotValues.All(v => v is not null) ? lotValues.Sum(v => v!.Value) : estimate.Amount;
        var ratio = facts.Pricing.Total / compared;
        var detail = string.Create(Invariant, $"total {Format.Money(facts.Pricing.Total, facts.Pricing.Currency)} is {ratio * 100:0}% of the buyer's estimate of {Format.Money(compared, estimate.Currency)}. {basis}");
        if (ratio > 1.10m) return new BidPackCheck("price-sanity", title, CheckStatus.Fail, $"{detail} Above 110%: likely over the buyer's budget; check volumes and the price basis.");
        if (ratio < 0.50m)
        {
            // A total near the estimate for one year suggests volumes for a year were entered where the contract's were meant.
            var years = ContractTerm.Of(facts.Input.Opportunity).Years;
            var yearly = years is > 1.2m ? facts.Pricing.Total / (compared / years.Value) : 0;
            var hint = yearly is >= 0.5m and <= 1.1m
                ? string.Create(Invariant, $" It is {yearly * 100:0}% of the estimate for one year ({Format.Money(PricingSchedule.Round(compared / years!.Value), estimate.Currency)}): the volumes may be for a year, not the whole contract.")
                : "";
            return new BidPackCheck("price-sanity", title, CheckStatus.Fail, $"{detail} Below 50%: the buyer may treat it as abnormally low; check that volumes cover the whole contract.{hint}");
        }
        return new BidPackCheck("price-sanity", title, CheckStatus.Pass, detail);
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

        var shares = input.Allocation.Lots.SelectMany(l => l.Shares.Where(s => s.Volume > 0).Select(s => (Share: s, Cap: (long)Math.Floor(input.Rules.MaxSharePerMember * l.Demand)))).ToList();
        var overridden = shares.Where(s => s.Share.OverrideReason is not null).ToList();
        var aboveCap = overridden.Count(s => s.Share.Volume > s.Cap);
        var pass = overridden.Count == 0
            ? $"{Wording.Count(shares.Count, "share")} within declarations, prices and the cap"
            : $"{Wording.Count(shares.Count, "share")} within declarations and prices; {shares.Count - overridden.Count} set by the rules within the cap; "
              + $"{overridden.Count} set by the lead with a recorded reason{(aboveCap > 0 ? $" ({aboveCap} above the cap)" : "")}";
        return Result("allocations-match", "Allocations match declarations and rules", problems, pass);
    }

    private static BidPackCheck SpdItems(BidPackFacts facts)
    {
        const string Title = "Every member's answers for the Single Procurement Document (SPD)";
        var missing = facts.Spd.Members.Where(m => m.Missing.Count > 0).Select(m => $"{m.MemberName}: {string.Join(", ", m.Missing)}").ToList();
        if (missing.Count > 0) return Result("spd-items", Title, missing, "");
        var late = facts.Input.Declarations.Where(d => d.Spd.InvoicesPaidOnTimePercent is < 95m && facts.Delivering.Any(m => m.Id == d.MemberId))
            .Select(d => facts.Input.Member(d.MemberId)!.Member.Name).ToList();
        return late.Count > 0
            ? new BidPackCheck("spd-items", Title, CheckStatus.Warning, $"all present; below 95% of invoices paid on time (Part 4C.4): {string.Join(", ", late)}")
            : new BidPackCheck("spd-items", Title, CheckStatus.Pass,
                $"identity, exclusion grounds, turnover and insurance, invoices paid on time and share sub-contracted (Parts II to IV) present for all {facts.Delivering.Count} sub-contractors relied on; the lead answers as the single bidder");
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
