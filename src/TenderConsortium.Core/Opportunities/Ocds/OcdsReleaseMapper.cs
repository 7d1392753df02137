using System.Text.Json;
using TenderConsortium.Core.Intake;
using TenderConsortium.Core.Reference;

namespace TenderConsortium.Core.Opportunities.Ocds;

/// <summary>
/// Maps one OCDS 1.1 release (with the lots extension) to an <see cref="Opportunity"/>, following DESIGN.md section 5.
/// Lenient about what publishers leave out (release id, lot titles, values), strict about what would mislead
/// (wrong types, negative amounts, impossible dates). Returns null when the release has errors.
/// </summary>
public sealed class OcdsReleaseMapper(CpvCatalogue catalogue, ScottishPlaces places)
{
    private static readonly string[] NoticeDocumentTypes = ["tenderNotice", "contractNotice"];

    private readonly PlaceNormaliser _placeNormaliser = new(places);

    public Opportunity? Map(JsonElement release, string path, IntakeProblems problems)
    {
        var errorsBefore = problems.Errors.Count;
        var warnings = problems.CollectNoticeWarnings();
        var f = new JsonFields(problems);
        if (release.ValueKind != JsonValueKind.Object)
        {
            problems.Error(path, $"expected a release object, found {JsonFields.Describe(release)}");
            return null;
        }

        var ocid = f.String(release, "ocid", path, required: true);
        var releaseId = f.String(release, "id", path);
        var releaseDate = f.Date(release, "date", path);
        var tags = f.Strings(release, "tag", path).Select(t => t.Value).ToList();
        var releaseDescription = f.String(release, "description", path);
        var tenderPath = JsonFields.Join(path, "tender");
        var tender = f.Object(release, "tender", path);
        if (tender is null)
        {
            if (JsonFields.Member(release, "tender") is null) problems.Error(tenderPath, "required: a release without a tender section is not a notice");
            return null;
        }

        var t = tender.Value;
        var buyer = ReadBuyer(release, path, f, out var buyerNames);
        var title = f.String(t, "title", tenderPath, required: true);
        var description = f.String(t, "description", tenderPath);
        var value = f.Money(t, "value", tenderPath);
        var minValue = f.Money(t, "minValue", tenderPath);
        if (value is not null && minValue is not null && minValue.Amount > value.Amount && minValue.Currency == value.Currency)
            problems.Warn(JsonFields.Join(tenderPath, "minValue"), "is above tender.value");

        var tenderPeriod = f.Object(t, "tenderPeriod", tenderPath);
        var (deadline, dateOnly) = tenderPeriod is null ? (null, false) : NoticeDeadline.Read(tenderPeriod.Value, "endDate", JsonFields.Join(tenderPath, "tenderPeriod"), f);
        var contractPeriod = ReadPeriod(t, "contractPeriod", tenderPath, f);
        var procedure = new Procedure(f.String(t, "procurementMethod", tenderPath), f.String(t, "procurementMethodDetails", tenderPath));
        var category = f.String(t, "mainProcurementCategory", tenderPath);
        var suitability = ReadSuitability(t, tenderPath, f);
        var selection = ReadSelectionCriteria(t, tenderPath, f);
        var noticeUrl = ReadNoticeUrl(release, t, path, tenderPath, f);

        var warnedCodes = new HashSet<string>(StringComparer.Ordinal);
        var tenderCpv = new CpvCodeList(catalogue, problems, warnedCodes);
        var mainCpv = ReadClassifications(t, tenderPath, f, tenderCpv);
        var items = ReadItems(t, tenderPath, f, warnedCodes);
        var lots = ReadLots(t, tenderPath, f, title, value, contractPeriod, selection, tenderCpv, mainCpv, items, buyerNames, buyer?.Region);
        var reference = f.String(t, "id", tenderPath);
        var submission = ReadSubmission(t, tenderPath, f, lots);
        var documents = f.Objects(t, "documents", tenderPath)
            .Select(d => new NoticeDocument(f.String(d.Item, "id", d.Path), f.String(d.Item, "documentType", d.Path), f.String(d.Item, "title", d.Path), f.String(d.Item, "url", d.Path)))
            .ToList();
        var staffFlag = f.Object(t, "otherRequirements", tenderPath) is { } other
            ? f.Bool(other, "requiresStaffNamesAndQualifications", JsonFields.Join(tenderPath, "otherRequirements"))
            : null;
        var recurs = f.Bool(t, "hasRecurrence", tenderPath);
        var recurrenceText = f.Object(t, "recurrence", tenderPath) is { } rec ? f.String(rec, "description", JsonFields.Join(tenderPath, "recurrence")) : null;

        if (problems.Errors.Count > errorsBefore || ocid is null || title is null || buyer is null) return null;

        var texts = new List<string?> { title, description, releaseDescription };
        texts.AddRange(lots.Select(l => l.Description));
        texts.AddRange(lots.SelectMany(l => l.DeliveryText));
        texts.AddRange(selection.Select(c => c.Description));
        texts.AddRange(lots.SelectMany(l => l.SelectionCriteria).Select(c => c.Description).Distinct());
        texts.AddRange(lots.SelectMany(l => l.AwardCriteria).SelectMany(c => new[] { c.Name, c.Text }).Distinct());
        var (finalTitle, finalReference) = NoticeWarnings.Title(title.Trim(), reference, JsonFields.Join(tenderPath, "title"), problems);
        NoticeWarnings.Lots(lots, JsonFields.Join(tenderPath, "lots"), problems);
        if (dateOnly) NoticeDeadline.WarnDateOnly(deadline, JsonFields.Join(tenderPath, "tenderPeriod.endDate"), problems);
        var communityBenefits = NoticeTextSignals.CommunityBenefits(texts);
        var consortia = NoticeTextSignals.Consortia(texts);
        return new Opportunity
        {
            Source = NoticeSources.FromOcid(ocid),
            Ocid = ocid.Trim(),
            ReleaseId = releaseId,
            ReleaseDate = releaseDate,
            ReleaseTags = tags,
            NoticeUrl = noticeUrl,
            Buyer = buyer,
            Reference = finalReference,
            Title = finalTitle,
            Description = description,
            AdditionalInformation = releaseDescription,
            Value = value,
            MinValue = minValue,
            Deadline = deadline,
            DeadlineDateOnly = dateOnly,
            MainCpv = mainCpv,
            ContractPeriod = contractPeriod ?? lots.Select(l => l.ContractPeriod).FirstOrDefault(p => p is not null),
            Renewal = lots.Select(l => l.Renewal).FirstOrDefault(r => r is not null),
            Procedure = procedure.Method is null && procedure.Details is null ? null : procedure,
            Category = category,
            Suitability = suitability,
            CommunityBenefits = communityBenefits.Value,
            CommunityBenefitsEvidence = communityBenefits.Evidence,
            ConsortiaWelcome = consortia.Value,
            ConsortiaWelcomeEvidence = consortia.Evidence,
            Submission = submission,
            Documents = documents,
            Insurance = InsuranceReader.Read(texts),
            Staff = StaffReader.Read(staffFlag, texts),
            Recurrence = recurs is null && recurrenceText is null ? null : new Recurrence(recurs ?? true, recurrenceText),
            SelectionCriteria = selection,
            Lots = lots,
            Warnings = warnings,
        };
    }

    private static SubmissionDetails? ReadSubmission(JsonElement tender, string path, JsonFields f, IReadOnlyList<Lot> lots)
    {
        var methods = f.Strings(tender, "submissionMethod", path).Select(m => m.Value).ToList();
        var details = f.String(tender, "submissionMethodDetails", path);
        var tenderVariants = f.Object(tender, "submissionTerms", path) is { } terms
            ? f.String(terms, "variantPolicy", JsonFields.Join(path, "submissionTerms"))
            : null;
        var policies = lots.Select(l => l.VariantPolicy).Append(tenderVariants).OfType<string>().ToList();
        bool? variants = policies.Count == 0 ? null : policies.Any(p => !p.Equals("notAllowed", StringComparison.OrdinalIgnoreCase));
        var portal = details is null ? null : NoticeWarnings.FirstUrl(details);
        if (methods.Count == 0 && details is null && variants is null) return null;
        return new SubmissionDetails(methods, details, portal, variants);
    }

    private static Buyer? ReadBuyer(JsonElement release, string path, JsonFields f, out List<string> buyerNames)
    {
        var buyerObject = f.Object(release, "buyer", path);
        var buyerId = buyerObject is null ? null : f.String(buyerObject.Value, "id", JsonFields.Join(path, "buyer"));
        var buyerName = buyerObject is null ? null : f.String(buyerObject.Value, "name", JsonFields.Join(path, "buyer"));
        buyerNames = [];
        string? region = null;
        string? firstBuyerParty = null;
        foreach (var (party, at) in f.Objects(release, "parties", path))
        {
            var id = f.String(party, "id", at);
            var name = f.String(party, "name", at);
            var roles = f.Strings(party, "roles", at).Select(r => r.Value).ToList();
            var isBuyer = roles.Contains("buyer", StringComparer.OrdinalIgnoreCase) || (buyerId is not null && id == buyerId);
            if (!isBuyer) continue;
            if (name is not null) buyerNames.Add(name);
            firstBuyerParty ??= name;
            var address = f.Object(party, "address", at);
            var partyRegion = address is null ? null : f.String(address.Value, "region", JsonFields.Join(at, "address"));
            if (region is null || (buyerId is not null && id == buyerId)) region = partyRegion ?? region;
        }

        var resolvedName = buyerName ?? firstBuyerParty;
        if (string.IsNullOrWhiteSpace(resolvedName))
        {
            f.Problems.Error(JsonFields.Join(path, "buyer"), "required: buyer.name or a party with role 'buyer'");
            return null;
        }

        if (!buyerNames.Contains(resolvedName)) buyerNames.Insert(0, resolvedName);
        return new Buyer(buyerId, resolvedName.Trim(), region);
    }

    private static ContractPeriod? ReadPeriod(JsonElement parent, string name, string path, JsonFields f)
    {
        var period = f.Object(parent, name, path);
        if (period is null) return null;
        var at = JsonFields.Join(path, name);
        var (start, end) = f.DateRange(period.Value, "startDate", "endDate", at);
        var duration = f.Integer(period.Value, "durationInDays", at);
        var maxExtent = f.Date(period.Value, "maxExtentDate", at);
        return start is null && end is null && duration is null && maxExtent is null ? null : new ContractPeriod(start, end, duration, maxExtent);
    }

    private static Suitability? ReadSuitability(JsonElement tender, string path, JsonFields f)
    {
        var suitability = f.Object(tender, "suitability", path);
        if (suitability is null) return null;
        var at = JsonFields.Join(path, "suitability");
        return new Suitability(f.Bool(suitability.Value, "sme", at), f.Bool(suitability.Value, "vcse", at));
    }

    private static List<SelectionCriterion> ReadSelectionCriteria(JsonElement tender, string path, JsonFields f)
    {
        var selection = f.Object(tender, "selectionCriteria", path);
        if (selection is null) return [];
        var at = JsonFields.Join(path, "selectionCriteria");
        return f.Objects(selection.Value, "criteria", at)
            .Select(c => new SelectionCriterion(f.String(c.Item, "type", c.Path), f.String(c.Item, "description", c.Path), f.String(c.Item, "minimum", c.Path)))
            .ToList();
    }

    private static string? ReadNoticeUrl(JsonElement release, JsonElement tender, string path, string tenderPath, JsonFields f)
    {
        foreach (var (link, at) in f.Objects(release, "links", path))
        {
            if (string.Equals(f.String(link, "rel", at), "canonical", StringComparison.OrdinalIgnoreCase)) return f.String(link, "href", at);
        }

        foreach (var (document, at) in f.Objects(tender, "documents", tenderPath))
        {
            var type = f.String(document, "documentType", at);
            if (type is not null && NoticeDocumentTypes.Contains(type)) return f.String(document, "url", at);
        }

        return null;
    }

    /// <summary>Adds the holder's CPV codes, main first; returns the main code (its classification) when there is one.</summary>
    private static string? ReadClassifications(JsonElement holder, string path, JsonFields f, CpvCodeList cpv)
    {
        var main = f.Object(holder, "classification", path);
        string? mainCode = null;
        var before = cpv.Codes.Count;
        if (main is not null && AddIfCpv(main.Value, JsonFields.Join(path, "classification"), f, cpv) && cpv.Codes.Count > before) mainCode = cpv.Codes[^1];
        foreach (var (classification, at) in f.Objects(holder, "additionalClassifications", path)) AddIfCpv(classification, at, f, cpv);
        return mainCode;
    }

    private static bool AddIfCpv(JsonElement classification, string path, JsonFields f, CpvCodeList cpv)
    {
        // A classification without a scheme is taken as CPV: every publisher we read uses CPV for the main code.
        var scheme = f.String(classification, "scheme", path);
        if (scheme is not null && !scheme.Trim().Equals("CPV", StringComparison.OrdinalIgnoreCase)) return false;
        var id = f.String(classification, "id", path);
        return id is not null && cpv.Add(id, JsonFields.Join(path, "id"));
    }

    private List<OcdsItem> ReadItems(JsonElement tender, string path, JsonFields f, HashSet<string> warnedCodes)
    {
        var items = new List<OcdsItem>();
        foreach (var (item, at) in f.Objects(tender, "items", path))
        {
            var cpv = new CpvCodeList(catalogue, f.Problems, warnedCodes);
            var itemMain = ReadClassifications(item, at, f, cpv);
            var placesGiven = new List<string>();
            var described = new List<string>();
            foreach (var (address, addressPath) in f.Objects(item, "deliveryAddresses", at))
            {
                var region = f.String(address, "region", addressPath);
                var postalCode = f.String(address, "postalCode", addressPath);
                if (region is not null) placesGiven.Add(region);
                else if (postalCode is not null) placesGiven.Add(postalCode);
            }

            var location = f.Object(item, "deliveryLocation", at);
            if (location is not null && f.String(location.Value, "description", JsonFields.Join(at, "deliveryLocation")) is { } describedText)
                described.Add(describedText);
            items.Add(new OcdsItem(f.String(item, "relatedLot", at), at, cpv.Codes, itemMain, placesGiven, described));
        }

        return items;
    }

    private List<Lot> ReadLots(
        JsonElement tender,
        string path,
        JsonFields f,
        string? tenderTitle,
        Common.Money? tenderValue,
        ContractPeriod? tenderPeriod,
        IReadOnlyList<SelectionCriterion> tenderSelection,
        CpvCodeList tenderCpv,
        string? tenderMainCpv,
        List<OcdsItem> items,
        List<string> buyerNames,
        string? buyerRegion)
    {
        var lotElements = f.Objects(tender, "lots", path).ToList();
        var lots = new List<Lot>();
        if (lotElements.Count == 0)
        {
            // A notice without lots is one implicit lot carrying the whole tender.
            var (implicitMain, implicitCpv) = LotCpv(items, tenderCpv, tenderMainCpv);
            var implicitPlaces = LotPlaces(items, null, buyerNames, buyerRegion);
            lots.Add(new Lot
            {
                Id = "1",
                Title = tenderTitle?.Trim() ?? "",
                Value = tenderValue,
                Cpv = implicitCpv,
                MainCpv = implicitMain,
                Places = implicitPlaces.Places,
                DeliveryText = implicitPlaces.DeliveryText,
                SelectionCriteria = tenderSelection,
                ContractPeriod = tenderPeriod,
            });
            return lots;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < lotElements.Count; i++)
        {
            var (lot, at) = lotElements[i];
            var id = f.String(lot, "id", at)?.Trim();
            if (string.IsNullOrEmpty(id))
            {
                id = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                f.Problems.Warn(JsonFields.Join(at, "id"), $"missing; numbered {id} by position");
            }

            if (!ids.Add(id)) f.Problems.Error(JsonFields.Join(at, "id"), $"'{id}' is used by another lot");
            var title = f.String(lot, "title", at)?.Trim();
            var description = f.String(lot, "description", at);
            var value = f.Money(lot, "value", at) ?? (lotElements.Count == 1 ? tenderValue : null);
            var lotSelection = f.Object(lot, "selectionCriteria", at) is { } sel
                ? f.String(sel, "description", JsonFields.Join(at, "selectionCriteria"))
                : null;
            var related = items.Where(item => item.RelatedLot == id || item.RelatedLot is null).ToList();
            var (lotMain, lotCpv) = LotCpv(related, tenderCpv, tenderMainCpv);
            // The lot's own words name its places as much as its title does: PCS lots often have no title, only a
            // description such as "Fixed Sites in Dundee City Centre and Perth City Centre and … in Angus".
            var lotPlaces = LotPlaces(related, string.Join(" — ", new[] { title, description }.Where(t => !string.IsNullOrWhiteSpace(t))), buyerNames, buyerRegion);
            var variantPolicy = f.Object(lot, "submissionTerms", at) is { } lotTerms
                ? f.String(lotTerms, "variantPolicy", JsonFields.Join(at, "submissionTerms"))
                : null;
            lots.Add(new Lot
            {
                Id = id,
                Title = string.IsNullOrEmpty(title) ? (lotElements.Count == 1 && tenderTitle is not null ? tenderTitle.Trim() : $"Lot {id}") : title,
                Description = description,
                Value = value,
                Cpv = lotCpv,
                MainCpv = lotMain,
                Places = lotPlaces.Places,
                DeliveryText = lotPlaces.DeliveryText,
                VariantPolicy = variantPolicy,
                AwardCriteria = ReadAwardCriteria(lot, at, f),
                SelectionCriteria = lotSelection is null ? tenderSelection : [new SelectionCriterion(null, lotSelection), .. tenderSelection],
                ContractPeriod = ReadPeriod(lot, "contractPeriod", at, f) ?? tenderPeriod,
                Renewal = ReadRenewal(lot, at, f),
            });
        }

        foreach (var item in items.Where(item => item.RelatedLot is not null && !ids.Contains(item.RelatedLot)))
            f.Problems.Warn(JsonFields.Join(item.Path, "relatedLot"), $"no lot has id '{item.RelatedLot}'");
        return lots;
    }

    /// <summary>
    /// The lot's main code is the notice's main code (tender.classification), else its first item's classification;
    /// it comes first, then the items' codes, then the rest of the tender's, each once.
    /// </summary>
    private static (string? Main, List<string> Codes) LotCpv(IReadOnlyCollection<OcdsItem> items, CpvCodeList tenderCpv, string? tenderMain)
    {
        var main = tenderMain ?? items.Select(i => i.MainCpv).FirstOrDefault(c => c is not null);
        var codes = new List<string>();
        foreach (var code in new[] { main }.OfType<string>().Concat(items.SelectMany(i => i.Cpv)).Concat(tenderCpv.Codes))
            if (!codes.Contains(code)) codes.Add(code);
        return (main, codes);
    }

    private PlaceReading LotPlaces(IReadOnlyCollection<OcdsItem> items, string? lotTitle, List<string> buyerNames, string? buyerRegion)
    {
        var found = _placeNormaliser.Read(items.SelectMany(i => i.Places), items.SelectMany(i => i.Described), lotTitle, buyerNames);
        if (found.Places.Count > 0 || buyerRegion is null) return found;
        return found with { Places = _placeNormaliser.Read([buyerRegion], [], null, buyerNames).Places };
    }

    private static List<AwardCriterion> ReadAwardCriteria(JsonElement lot, string path, JsonFields f)
    {
        var award = f.Object(lot, "awardCriteria", path);
        if (award is null) return [];
        var criteria = new List<AwardCriterion>();
        foreach (var (criterion, at) in f.Objects(award.Value, "criteria", JsonFields.Join(path, "awardCriteria")))
        {
            var type = f.String(criterion, "type", at)?.Trim();
            var name = f.String(criterion, "name", at);
            var description = f.String(criterion, "description", at);
            var weight = CriterionWeight.TryParse(description);
            if (weight is null && description is not null && description.TrimStart().StartsWith('-') && CriterionWeight.TryParse(description.TrimStart()[1..]) is not null)
                f.Problems.Error(JsonFields.Join(at, "description"), $"weight must not be negative, found '{JsonFields.Clip(description)}'");
            criteria.Add(new AwardCriterion(string.IsNullOrEmpty(type) ? "unspecified" : type, name, weight, weight is null ? description : null));
        }

        return criteria;
    }

    private static Renewal? ReadRenewal(JsonElement lot, string path, JsonFields f)
    {
        var hasRenewal = f.Bool(lot, "hasRenewal", path);
        var renewal = f.Object(lot, "renewal", path);
        var description = renewal is null ? null : f.String(renewal.Value, "description", JsonFields.Join(path, "renewal"));
        return hasRenewal is null && description is null ? null : new Renewal(hasRenewal ?? description is not null, description);
    }

    private sealed record OcdsItem(string? RelatedLot, string Path, IReadOnlyList<string> Cpv, string? MainCpv, IReadOnlyList<string> Places, IReadOnlyList<string> Described);
}
