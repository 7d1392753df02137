using System.Text.Json;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Members;
using TenderConsortium.Persistence.Common;

namespace TenderConsortium.Persistence.Members;

/// <summary>Copies a <see cref="Member"/> into its row and back.</summary>
internal static class MemberRecords
{
    public static MemberRecord Create(string id, Member member, string profile, long now)
    {
        var record = new MemberRecord
        {
            Id = id,
            RegistrationNumber = member.RegistrationNumber,
            Name = "",
            LegalForm = "",
            Cpv = "",
            ServiceAreas = "",
            Profile = "",
            CreatedAt = now,
        };
        Apply(record, member, profile, now);
        return record;
    }

    public static void Apply(MemberRecord record, Member member, string profile, long now)
    {
        record.Name = member.Name;
        record.LegalForm = member.LegalForm.ToString();
        record.Email = member.Contacts.FirstOrDefault()?.Email;
        record.Cpv = string.Join(';', member.Cpv);
        record.ServiceAreas = string.Join(';', member.ServiceAreas);
        record.AnnualTurnoverMinor = MinorUnits.From(member.AnnualTurnover?.Amount);
        record.MaxContractValueMinor = MinorUnits.From(member.MaxContractValue?.Amount);
        record.Currency = member.AnnualTurnover?.Currency ?? member.MaxContractValue?.Currency;
        record.StaffFte = member.StaffFte is { } fte ? (double)fte : null;
        record.AssetLock = member.AssetLock;
        record.UpdatedAt = now;
        record.Profile = profile;
    }

    public static string Profile(Member member) => JsonSerializer.Serialize(member, DomainJson.Options);

    public static Member ToMember(MemberRecord record) => JsonSerializer.Deserialize<Member>(record.Profile, DomainJson.Options)!;
}
