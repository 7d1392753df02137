using System.Text.Json;
using System.Text.RegularExpressions;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Intake;
using TenderConsortium.Core.Reference;

namespace TenderConsortium.Core.Opportunities.Notices;

/// <summary>
/// Our own notice format (<c>format: tender-notice/1</c>, JSON or YAML; documented in docs/intake.md) for notices
/// not published as OCDS: Quick Quotes, direct invitations. Same model, same checks, simpler shape.
/// </summary>
public sealed partial class OwnNoticeFormat(CpvCatalogue catalogue, ScottishPlaces places)
{
    public const string FormatName = "tender-notice/1";

    private readonly PlaceNormaliser _placeNormaliser = new(places);

    public static bool IsOwnFormat(JsonElement root) => JsonFields.Member(root, "format") is not null;

    public Opportunity? Map(JsonElement root, IntakeProblems problems)
    {
        var errorsBefore = problems.Errors.Count;
        var warnings = problems.CollectNoticeWarnings();
        var f = new JsonFields(problems);
        if (root.ValueKind != JsonValueKind.Object)
        {
            problems.Error("", $"expected a notice object, found {JsonFields.Describe(root)}");
            return null;
        }

        var format = f.String(root, "format", "");
        if (format is not null && format.Trim() != FormatName)
            problems.Error("format", $"'{JsonFields.Clip(format)}' is not a format we read (expected {FormatName})");

        var reference = f.String(root, "reference", "")?.Trim();
        var ocid = f.String(root, "ocid", "")?.Trim();
        if (string.IsNullOrEmpty(reference) && string.IsNullOrEmpty(ocid))
            problems.Error("reference", "required (or ocid), so that importing the notice again updates the same opportunity");
        var buyer = ReadBuyer(root, f);
        var title = f.String(root, "title", "", required: true)?.Trim();
        var description = f.String(root, "description", "");
        var value = f.Money(root, "value", "");
        var minValue = f.Money(root, "minValue", "");
        var (deadline, dateOnly) = NoticeDeadline.Read(root, "deadline", "", f);
        var period = ReadPeriod(root, "contractPeriod", "", f);
        var renewal = f.String(root, "renewal", "") is { } renewalText ? new Renewal(true, renewalText) : null;
        var suitability = f.Object(root, "suitability", "") is { } s
            ? new Suitability(f.Bool(s, "sme", "suitability"), f.Bool(s, "vcse", "suitability"))
            : null;
        var selection = ReadSelection(root, "", f);
        var buyerNames = buyer is null ? [] : new[] { buyer.Name };
        var warned = new HashSet<string>(StringComparer.Ordinal);

        var lots = new List<Lot>();
        var lotElements = f.Objects(root, "lots", "").ToList();
        if (lotElements.Count == 0)
        {
            lots.Add(ReadLot(root, "", "1", title ?? "", value, period, renewal, selection, buyerNames, f, warned));
        }
        else
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < lotElements.Count; i++)
            {
                var (lot, at) = lotElements[i];
                var id = f.String(lot, "id", at)?.Trim() ?? (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (!ids.Add(id)) problems.Error(JsonFields.Join(at, "id"), $"'{id}' is used by another lot");
                var lotTitle = f.String(lot, "title", at)?.Trim() ?? $"Lot {id}";
                lots.Add(ReadLot(lot, at, id, lotTitle, f.Money(lot, "value", at), ReadPeriod(lot, "contractPeriod", at, f) ?? period, renewal, selection, buyerNames, f, warned));
            }
        }

        if (problems.Errors.Count > errorsBefore || title is null || buyer is null) return null;

        var texts = new List<string?> { title, description };
        texts.AddRange(lots.Select(l => l.Description));
        texts.AddRange(lots.SelectMany(l => l.DeliveryText));
        texts.AddRange(lots.SelectMany(l => l.SelectionCriteria).Select(c => c.Description).Distinct());
        NoticeWarnings.Lots(lots, "lots", problems);
        if (dateOnly) NoticeDeadline.WarnDateOnly(deadline, "deadline", problems);
        var communityBenefits = Stated(f.Bool(root, "communityBenefits", ""), "communityBenefits") ?? NoticeTextSignals.CommunityBenefits(texts);
        var consortia = Stated(f.Bool(root, "consortiaWelcome", ""), "consortiaWelcome") ?? NoticeTextSignals.Consortia(texts);
        return new Opportunity
        {
            Source = NoticeSource.Manual,
            Ocid = string.IsNullOrEmpty(ocid) ? "local-" + Slug(reference!) : ocid,
            Buyer = buyer,
            Reference = reference,
            Title = title,
            Description = description,
            NoticeUrl = f.String(root, "url", ""),
            Value = value,
            MinValue = minValue,
            Deadline = deadline,
            DeadlineDateOnly = dateOnly,
            MainCpv = lots.Select(l => l.MainCpv).FirstOrDefault(c => c is not null),
            ContractPeriod = period,
            Renewal = renewal,
            Procedure = f.String(root, "procedure", "") is { } procedure ? new Procedure(procedure, null) : null,
            Category = f.String(root, "category", ""),
            Suitability = suitability,
            CommunityBenefits = communityBenefits.Value,
            CommunityBenefitsEvidence = communityBenefits.Evidence,
            ConsortiaWelcome = consortia.Value,
            ConsortiaWelcomeEvidence = consortia.Evidence,
            Insurance = InsuranceReader.Read(texts),
            Staff = StaffReader.Read(null, texts),
            SelectionCriteria = selection,
            Lots = lots,
            Warnings = warnings,
        };
    }

    // A value the notice's author set outright is its own evidence.
    private static NoticeSignal? Stated(bool? value, string field) =>
        value is null ? null : new NoticeSignal(value.Value, $"{field}: {(value.Value ? "true" : "false")} in the notice");

    private static Buyer? ReadBuyer(JsonElement root, JsonFields f)
    {
        switch (JsonFields.Member(root, "buyer"))
        {
            case null:
                f.Problems.Error("buyer", "required");
                return null;
            case { ValueKind: JsonValueKind.Object } obj:
                var name = f.String(obj, "name", "buyer", required: true);
                return name is null ? null : new Buyer(f.String(obj, "id", "buyer"), name.Trim(), f.String(obj, "region", "buyer"));
            default:
                var text = f.String(root, "buyer", "", required: true);
                return text is null ? null : new Buyer(null, text.Trim());
        }
    }

    private Lot ReadLot(
        JsonElement holder,
        string path,
        string id,
        string title,
        Money? value,
        ContractPeriod? period,
        Renewal? renewal,
        IReadOnlyList<SelectionCriterion> tenderSelection,
        IReadOnlyList<string> buyerNames,
        JsonFields f,
        HashSet<string> warned)
    {
        var cpv = new CpvCodeList(catalogue, f.Problems, warned);
        foreach (var (code, at) in f.Strings(holder, "cpv", path)) cpv.Add(code, at);
        var placesGiven = f.Strings(holder, "places", path).Select(p => p.Value).ToList();
        var delivery = f.String(holder, "delivery", path);
        var criteria = new List<AwardCriterion>();
        foreach (var (criterion, at) in f.Objects(holder, "criteria", path))
        {
            var type = f.String(criterion, "type", at, required: true) ?? "";
            var weightText = JsonFields.Member(criterion, "weight") is { } w ? f.Text(w, JsonFields.Join(at, "weight")) : null;
            var weight = CriterionWeight.TryParse(weightText);
            if (weightText is not null && weight is null)
                f.Problems.Error(JsonFields.Join(at, "weight"), $"'{JsonFields.Clip(weightText)}' is not a weight (expected a number such as 70 or a range such as \"15-40%\")");
            criteria.Add(new AwardCriterion(type.Trim(), f.String(criterion, "name", at), weight));
        }

        var lotSelection = path.Length == 0 ? [] : ReadSelection(holder, path, f);
        var reading = _placeNormaliser.Read(placesGiven, delivery is null ? [] : [delivery], path.Length == 0 ? null : title, buyerNames);
        return new Lot
        {
            Id = id,
            Title = title,
            Description = path.Length == 0 ? null : f.String(holder, "description", path),
            Value = value,
            Cpv = cpv.Codes,
            MainCpv = cpv.Codes.Count > 0 ? cpv.Codes[0] : null,
            Places = reading.Places,
            DeliveryText = reading.DeliveryText,
            AwardCriteria = criteria,
            SelectionCriteria = [.. lotSelection, .. tenderSelection],
            ContractPeriod = period,
            Renewal = renewal,
        };
    }

    private static List<SelectionCriterion> ReadSelection(JsonElement holder, string path, JsonFields f) =>
        f.Objects(holder, "selectionCriteria", path)
            .Select(c => new SelectionCriterion(f.String(c.Item, "type", c.Path), f.String(c.Item, "description", c.Path), f.String(c.Item, "minimum", c.Path)))
            .ToList();

    private static ContractPeriod? ReadPeriod(JsonElement holder, string name, string path, JsonFields f)
    {
        var period = f.Object(holder, name, path);
        if (period is null) return null;
        var at = JsonFields.Join(path, name);
        var (start, end) = f.DateRange(period.Value, "start", "end", at);
        return new ContractPeriod(start, end, f.Integer(period.Value, "durationDays", at));
    }

    private static string Slug(string reference) => NonSlug().Replace(reference.ToLowerInvariant(), "-").Trim('-');

    [GeneratedRegex("[^a-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex NonSlug();
}
