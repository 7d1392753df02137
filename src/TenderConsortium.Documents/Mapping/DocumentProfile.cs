using AutoMapper;
using TenderConsortium.Core.BidPacks;
using TenderConsortium.Core.Members;
using TenderConsortium.Core.Opportunities;
using TenderConsortium.Documents.Models;

namespace TenderConsortium.Documents.Mapping;

/// <summary>
/// Maps domain records into the text the documents print. Kept to one place so a wording change (how a legal form or
/// a missing SPD item reads) is made once for the pack, the sub-contracts and the checks.
/// </summary>
public sealed class DocumentProfile : Profile
{
    public const string CurrencyItem = "currency";

    public DocumentProfile()
    {
        CreateMap<Opportunity, OpportunityView>()
            .ForMember(d => d.Buyer, o => o.MapFrom(s => s.Buyer.Name))
            .ForMember(d => d.Reference, o => o.MapFrom(s => s.Reference ?? "not published"))
            .ForMember(d => d.Deadline, o => o.MapFrom(s => Format.Instant(s.Deadline)))
            .ForMember(d => d.Value, o => o.MapFrom(s => Format.Money(s.Value)))
            .ForMember(d => d.Period, o => o.MapFrom(s => Format.Period(s.ContractPeriod)))
            .ForMember(d => d.NoticeUrl, o => o.MapFrom(s => s.NoticeUrl ?? ""));

        CreateMap<ConsortiumProfile, ConsortiumView>()
            .ForMember(d => d.FeeRate, o => o.MapFrom(s => Format.Percent(s.ManagementFee)))
            .ForMember(d => d.PaymentDays, o => o.MapFrom(s => s.PaymentDays.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        CreateMap<BidPackMember, MemberView>()
            .ForMember(d => d.Name, o => o.MapFrom(s => s.Member.Name))
            .ForMember(d => d.LegalForm, o => o.MapFrom(s => LegalForms.Label(s.Member.LegalForm)))
            .ForMember(d => d.Registration, o => o.MapFrom(s => s.Member.RegistrationNumber))
            .ForMember(d => d.AssetLock, o => o.MapFrom(s => s.Member.AssetLock ? "yes" : "no"))
            .ForMember(d => d.Contact, o => o.MapFrom(s => Contact(s.Member)))
            .ForMember(d => d.Areas, o => o.MapFrom(s => Format.Places(s.Member.ServiceAreas)))
            .ForMember(d => d.Certifications, o => o.MapFrom(s => Certifications(s.Member)))
            .ForMember(d => d.Staff, o => o.MapFrom(s => s.Member.StaffFte == null ? "not stated" : Format.Number(s.Member.StaffFte.Value) + " FTE"))
            .ForMember(d => d.Lots, o => o.Ignore())
            .ForMember(d => d.Statement, o => o.MapFrom(s => string.IsNullOrWhiteSpace(s.Member.CapabilityStatement) ? "No capability statement given yet." : s.Member.CapabilityStatement));

        CreateMap<ComplianceEntry, CriterionView>()
            .ForMember(d => d.Lot, o => o.MapFrom(s => s.LotId ?? "all lots"))
            .ForMember(d => d.Weight, o => o.MapFrom(s => s.Weight ?? "-"))
            .ForMember(d => d.Section, o => o.MapFrom(s => BidPackSections.Title(s.SectionId)));

        CreateMap<RiskEntry, RiskView>();

        CreateMap<SocialValueTotal, SocialValueMeasureView>()
            .ForMember(d => d.Measure, o => o.MapFrom(s => s.TomsCode == null ? s.MeasureId : $"{s.MeasureId} ({s.TomsCode})"))
            .ForMember(d => d.Total, o => o.MapFrom(s => Format.Number(s.Total)))
            .ForMember(d => d.Attribution, o => o.MapFrom(s => string.Join("; ", s.By.Select(b => $"{b.MemberName}: {Format.Number(b.Quantity)}"))));

        CreateMap<SocialValueAttribution, SocialValueCommitmentView>()
            .ForMember(d => d.Member, o => o.MapFrom(s => s.MemberName))
            .ForMember(d => d.Measure, o => o.Ignore())
            .ForMember(d => d.Unit, o => o.Ignore())
            .ForMember(d => d.Quantity, o => o.MapFrom(s => Format.Number(s.Quantity)))
            .ForMember(d => d.Lots, o => o.MapFrom(s => string.Join(", ", s.LotIds)))
            .ForMember(d => d.Note, o => o.MapFrom(s => s.Note ?? ""));

        CreateMap<SpdMemberChecklist, SpdMemberView>()
            .ForMember(d => d.Member, o => o.MapFrom(s => s.MemberName))
            .ForMember(d => d.PartTwo, o => o.MapFrom(s => Item(s, "II.A/B")))
            .ForMember(d => d.PartThree, o => o.MapFrom(s => Item(s, "III")))
            .ForMember(d => d.PartFour, o => o.MapFrom(s => Item(s, "IV")))
            .ForMember(d => d.PromptPayment, o => o.MapFrom(s => Item(s, "4C.4")))
            .ForMember(d => d.Subcontracted, o => o.MapFrom(s => Item(s, "4C.10")))
            .ForMember(d => d.Missing, o => o.MapFrom(s => s.Missing.Count == 0 ? "none" : string.Join("; ", s.Missing)));

        CreateMap<LotPricing, PricingLotView>()
            .ForMember(d => d.Lot, o => o.MapFrom(s => s.LotId))
            .ForMember(d => d.Members, o => o.MapFrom((s, _, _, c) => Format.Money(s.Subtotal, (string)c.Items[CurrencyItem])))
            .ForMember(d => d.Fee, o => o.MapFrom((s, _, _, c) => Format.Money(s.Fee, (string)c.Items[CurrencyItem])))
            .ForMember(d => d.Total, o => o.MapFrom((s, _, _, c) => Format.Money(s.Total, (string)c.Items[CurrencyItem])));

        CreateMap<BidPackCheck, CheckView>()
            .ForMember(d => d.Check, o => o.MapFrom(s => s.Title))
            .ForMember(d => d.Result, o => o.MapFrom(s => s.Status == CheckStatus.Pass ? "pass" : s.Status == CheckStatus.Warning ? "warning" : "FAIL"));
    }

    private static string Contact(Member member) =>
        member.Contacts.FirstOrDefault() is { } c ? string.Join(", ", new[] { c.Name, c.Email, c.Phone }.Where(x => !string.IsNullOrWhiteSpace(x))) : "none given";

    private static string Certifications(Member member) =>
        member.Certifications.Count == 0
            ? "none recorded"
            : string.Join(", ", member.Certifications.Select(c => c.Expires is { } e ? $"{c.Name} (to {Format.Day(e)})" : c.Name));

    private static string Item(SpdMemberChecklist checklist, string part) =>
        checklist.Items.FirstOrDefault(i => i.Part == part) is { } item ? (item.Present ? "present: " : "MISSING: ") + item.Detail : "MISSING";
}
