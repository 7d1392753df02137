using System.Text.Json;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Opportunities;
using TenderConsortium.Persistence.Common;

namespace TenderConsortium.Persistence.Opportunities;

/// <summary>Copies an <see cref="Opportunity"/> into its row and back.</summary>
internal static class OpportunityRecords
{
    public static OpportunityRecord Create(string id, Opportunity opportunity, long now)
    {
        var record = new OpportunityRecord
        {
            Id = id,
            Ocid = opportunity.Ocid,
            Source = "",
            Title = "",
            BuyerName = "",
            Model = "",
            Revision = 1,
            CreatedAt = now,
        };
        Apply(record, opportunity, now);
        return record;
    }

    public static void Apply(OpportunityRecord record, Opportunity opportunity, long now)
    {
        record.Source = opportunity.Source.ToString();
        record.Title = opportunity.Title;
        record.BuyerName = opportunity.Buyer.Name;
        record.Reference = opportunity.Reference;
        record.ValueMinor = MinorUnits.From(opportunity.Value?.Amount);
        record.Currency = opportunity.Value?.Currency;
        record.DeadlineUtc = opportunity.Deadline?.UtcTicks;
        record.DeadlineOffsetMinutes = opportunity.Deadline is { } deadline ? (int)deadline.Offset.TotalMinutes : null;
        record.LotCount = opportunity.Lots.Count;
        record.UpdatedAt = now;
        record.Model = JsonSerializer.Serialize(opportunity, DomainJson.Options);
    }

    public static Opportunity ToOpportunity(OpportunityRecord record) =>
        JsonSerializer.Deserialize<Opportunity>(record.Model, DomainJson.Options)!;

    public static DateTimeOffset? Deadline(long? utcTicks, int? offsetMinutes) =>
        utcTicks is null ? null : new DateTimeOffset(utcTicks.Value, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(offsetMinutes ?? 0));
}
