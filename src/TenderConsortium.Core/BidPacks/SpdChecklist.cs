using System.Globalization;
using TenderConsortium.Core.Declarations;

namespace TenderConsortium.Core.BidPacks;

/// <summary>
/// The SPD (Scotland) items of a consortium bid (DESIGN.md §8). The lead answers Part II.A as the group's leader,
/// naming the group and its members; each member files its own response, and this list says which of its parts can be
/// answered from the registry and its declaration: II.A/B (identity and contact), III (exclusion grounds, confirmed
/// when it submitted a declaration, with any conflict of interest it declared), IV (turnover and insurance), 4C.4
/// (invoices paid on time, 95% expected) and 4C.10 (the proportion of the contract sub-contracted to it, which the
/// engine computes from the allocation).
/// </summary>
public sealed record SpdChecklist(string LeadRole, string GroupName, IReadOnlyList<string> GroupMembers, IReadOnlyList<SpdMemberChecklist> Members)
{
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
                new SpdItem("II.A/B", identity.Count == 0, identity.Count == 0 ? $"{m.Member.RegistrationNumber}, {contact!.Email}" : "missing " + string.Join(", ", identity)),
                new SpdItem("III", declaration is { Declined: false },
                    declaration is null ? "no declaration submitted"
                    : declaration.Conflicts.Count == 0 ? "confirmed in its declaration; no conflicts of interest"
                    : "confirmed; conflicts declared: " + string.Join("; ", declaration.Conflicts)),
                new SpdItem("IV", partFour.Count == 0, partFour.Count == 0
                    ? string.Create(culture, $"turnover {spd.AnnualTurnover:N0}, insurance {spd.InsuranceCover:N0}")
                    : "missing " + string.Join(", ", partFour)),
                new SpdItem("4C.4", spd.InvoicesPaidOnTimePercent is not null, spd.InvoicesPaidOnTimePercent is { } p
                    ? string.Create(culture, $"{p:0.#}% of invoices paid on time{(p < 95 ? " (below the 95% expected)" : "")}")
                    : "missing invoices paid on time"),
                new SpdItem("4C.10", true, string.Create(culture, $"{share * 100:0.0}% of the members' contract value sub-contracted to it")),
            ]);
        }).ToList();
        return new SpdChecklist("Group leader and prime contractor (SPD Part II.A: participating together with others)",
            input.Profile.Name, delivering.Select(m => m.Member.Name).ToList(), members);
    }
}
