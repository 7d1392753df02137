using System.Globalization;
using TenderConsortium.Core.Declarations;

namespace TenderConsortium.Core.BidPacks;

/// <summary>
/// The SPD (Scotland) items of a lead-partner bid (DESIGN.md §8). The lead body is the single bidder: it answers its
/// own Parts II–IV and, in 4C.10, the proportion of the contract it sub-contracts (the members' prices over the total,
/// about 95% with a 5% fee). It is not a group of economic operators bidding jointly (Part II.A "participating
/// together with others" is answered No). The members are sub-contractors: those whose capacity the lead relies on to
/// meet the selection criteria are listed under Part II.C and each supplies its own SPD Parts II.A–B, III and the parts
/// of IV relied on; this list says which can be answered from the registry and its declaration: II.A/B (identity and
/// contact), III (exclusion grounds, confirmed when it submitted a declaration, with any conflict of interest it
/// declared), IV (turnover and insurance), 4C.4 (invoices paid on time, 95% expected) and its share of the contract.
/// </summary>
public sealed record SpdChecklist(string LeadRole, string GroupName, IReadOnlyList<string> GroupMembers, IReadOnlyList<SpdMemberChecklist> Members)
{
    /// <summary>The lead's own answers: Parts II–IV as single bidder.</summary>
    public string LeadAnswers { get; init; } = "";

    /// <summary>The lead's 4C.10: the proportion of the contract it sub-contracts.</summary>
    public string LeadSubcontracted { get; init; } = "";

    /// <summary>Part II.C / II.D: the sub-contractors and what each supplies.</summary>
    public string ReliedOn { get; init; } = "";

    public static SpdChecklist For(BidPackInput input, PricingSchedule pricing, IReadOnlyList<BidPackMember> delivering)
    {
        var culture = CultureInfo.InvariantCulture;
        var members = delivering.Select(m =>
        {
            var declaration = input.DeclarationOf(m.Id);
            var spd = declaration?.Spd ?? SpdFacts.None;
            var contact = m.Member.Contacts.FirstOrDefault();
            var identity = new List<string>();
            if (string.IsNullOrWhiteSpace(m.Member.RegistrationNumber)) identity.Add("registration number");
            if (contact is null || string.IsNullOrWhiteSpace(contact.Email)) identity.Add("contact email");
            var partFour = new List<string>();
            if (spd.AnnualTurnover is null) partFour.Add("annual turnover");
            if (spd.InsuranceCover is null) partFour.Add("insurance cover");
            var share = pricing.Subtotal == 0 ? 0 : pricing.MemberTotal(m.Id) / pricing.Subtotal;
            return new SpdMemberChecklist(m.Id, m.Member.Name,
            [
                new SpdItem("II.A/B", identity.Count == 0, identity.Count == 0 ? $"{m.Member.RegistrationNumber}; contact email given" : "missing " + string.Join(", ", identity)),
                new SpdItem("III", declaration is { Declined: false },
                    declaration is null ? "no declaration submitted"
                    : declaration.Conflicts.Count == 0 ? "confirmed in its declaration; no conflicts of interest"
                    : "confirmed; conflicts declared: " + string.Join("; ", declaration.Conflicts)),
                new SpdItem("IV", partFour.Count == 0, partFour.Count == 0
                    ? string.Create(culture, $"turnover {spd.AnnualTurnover:N0}, insurance {spd.InsuranceCover:N0}")
                    : "missing " + string.Join(", ", partFour)),
                new SpdItem("4C.4", spd.InvoicesPaidOnTimePercent is not null, spd.InvoicesPaidOnTimePercent is { } p
                    ? string.Create(culture, $"{p:0.#}% of invoices paid on time{(p < 95 ? " (below the 95% expected)" : "")}")
                    : "not given in the declaration"),
                new SpdItem("4C.10", true, string.Create(culture, $"{share * 100:0.0}% of the members' contract value sub-contracted to it")),
            ]);
        }).ToList();
        var profile = input.Profile;
        var proportion = pricing.Total == 0 ? 0 : pricing.Subtotal / pricing.Total;
        var identity = new[] { profile.LeadRegistration.Length > 0 ? "registration " + profile.LeadRegistration : "", profile.LeadAddress }.Where(p => p.Length > 0).ToList();
        return new SpdChecklist(
            $"{profile.LeadName} is the single bidder and prime contractor. Part II.A: it does not participate together with others (this is not a joint bid); "
            + "the members are its sub-contractors.",
            profile.Name, delivering.Select(m => m.Member.Name).ToList(), members)
        {
            LeadAnswers = $"{profile.LeadName} answers its own Part II (identity{(identity.Count > 0 ? ": " + string.Join(", ", identity) : "")}), Part III (exclusion grounds, for the lead body) "
                          + "and Part IV (its own turnover, insurance and experience, with its members' capacity relied on under Part II.C).",
            LeadSubcontracted = string.Create(culture,
                $"4C.10: {proportion * 100:0.0}% of the contract value ({pricing.Subtotal:N2} of {pricing.Total:N2} {pricing.Currency}) is sub-contracted to the {delivering.Count} members below; the lead keeps its management fee of {pricing.FeeRate * 100:0.0}%."),
            ReliedOn = delivering.Count == 0 ? "No sub-contractor yet."
                : $"Part II.C, sub-contractors whose capacity is relied on for the selection criteria: {string.Join("; ", delivering.Select(m => m.Member.Name))}. "
                  + "Each supplies its own SPD Parts II.A–B and III, and the sections of Part IV relied on. Part II.D, sub-contractors not relied on: none.",
        };
    }
}
