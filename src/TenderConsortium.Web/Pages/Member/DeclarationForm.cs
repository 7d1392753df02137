using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Opportunities;
using TenderConsortium.Core.Reference;
using TenderConsortium.Web.Pages.Shared;

namespace TenderConsortium.Web.Pages.Member;

/// <summary>
/// The member's declaration as a form: field names and ids per lot (by the lot's position), the JSON that
/// <see cref="DeclarationService.SubmitWithTokenAsync"/> takes (docs/declarations.md), and each problem the service
/// names (<c>lots[0].volume: …</c>) mapped back to the field it is about, for the error summary.
/// </summary>
public static partial class DeclarationForm
{
    public const string Answer = "answer";
    public const string DeclineReason = "decline-reason";
    public const string Conflicts = "conflicts";
    public const string Turnover = "spd-turnover";
    public const string Insurance = "spd-insurance";
    public const string OnTime = "spd-ontime";

    public static string Lot(int lot, string field) => $"lot{lot}-{field}";

    public static IReadOnlyList<SocialValueMeasure> Measures => SocialValueCatalogue.Default.Measures;

    /// <summary>The lot's council areas as codes; every council when the lot covers all of Scotland or names none.</summary>
    public static IReadOnlyList<CouncilArea> Areas(Lot lot)
    {
        var places = ScottishPlaces.Default;
        var councils = lot.Places.Select(places.FindByCode).Where(c => c is not null).Select(c => c!).ToList();
        return councils.Count == 0 || lot.Places.Contains(ScottishPlaces.ScotlandCode) ? places.Councils.OrderBy(c => c.Name).ToList() : councils;
    }

    /// <summary>The form filled from the member's latest answer, so a second visit starts from it.</summary>
    public static FormState FromLatest(Opportunity opportunity, CapacityDeclaration? latest)
    {
        var form = new FormState();
        if (latest is null) return form;
        if (latest.Declined)
        {
            form.Set(Answer, "decline");
            form.Set(DeclineReason, latest.DeclineReason ?? "");
            return form;
        }

        form.Set(Answer, "declare");
        for (var i = 0; i < opportunity.Lots.Count; i++)
        {
            if (latest.Lot(opportunity.Lots[i].Id) is not { } d) continue;
            form.Set(Lot(i, "offer"), "yes");
            form.Set(Lot(i, "volume"), d.Volume.ToString(CultureInfo.InvariantCulture));
            form.Set(Lot(i, "price"), d.PricePerUnit.ToString(CultureInfo.InvariantCulture));
            form.Set(Lot(i, "start-day"), d.EarliestStart.Day.ToString(CultureInfo.InvariantCulture));
            form.Set(Lot(i, "start-month"), d.EarliestStart.Month.ToString(CultureInfo.InvariantCulture));
            form.Set(Lot(i, "start-year"), d.EarliestStart.Year.ToString(CultureInfo.InvariantCulture));
            form.Set(Lot(i, "staff"), d.Staff.ToString(CultureInfo.InvariantCulture));
            form.Set(Lot(i, "roles"), string.Join("\n", d.KeyRoles));
            form.SetMany(Lot(i, "areas"), d.Areas);
            for (var m = 0; m < Measures.Count; m++)
            {
                if (d.SocialValue.FirstOrDefault(s => s.MeasureId == Measures[m].Id) is { } sv)
                    form.Set(Lot(i, $"sv{m}"), sv.Quantity.ToString(CultureInfo.InvariantCulture));
            }
        }

        form.Set(Conflicts, string.Join("\n", latest.Conflicts));
        form.Set(Turnover, latest.Spd.AnnualTurnover?.ToString(CultureInfo.InvariantCulture) ?? "");
        form.Set(Insurance, latest.Spd.InsuranceCover?.ToString(CultureInfo.InvariantCulture) ?? "");
        form.Set(OnTime, latest.Spd.InvoicesPaidOnTimePercent?.ToString(CultureInfo.InvariantCulture) ?? "");
        return form;
    }

    /// <summary>
    /// The JSON for the service, and where each of its array positions came from (lots[k] → lot index; social value
    /// [k][j] → measure index), so problems can be mapped back. Null JSON when the form itself is incomplete.
    /// </summary>
    public static (string? Json, Positions Positions) ToJson(Opportunity opportunity, FormState form)
    {
        var positions = new Positions();
        var answer = form.Value(Answer);
        if (answer == "decline")
            return (new JsonObject { ["decline"] = form.Value(DeclineReason).Trim() }.ToJsonString(), positions);
        if (answer != "declare")
        {
            form.Error(Answer, "Select whether you can offer capacity for this opportunity");
            return (null, positions);
        }

        var lots = new JsonArray();
        for (var i = 0; i < opportunity.Lots.Count; i++)
        {
            if (form.Value(Lot(i, "offer")) != "yes") continue;
            var lot = new JsonObject { ["lotId"] = opportunity.Lots[i].Id };
            Put(lot, "volume", form.Value(Lot(i, "volume")));
            Put(lot, "pricePerUnit", form.Value(Lot(i, "price")));
            var (day, month, year) = (form.Value(Lot(i, "start-day")).Trim(), form.Value(Lot(i, "start-month")).Trim(), form.Value(Lot(i, "start-year")).Trim());
            if (day.Length + month.Length + year.Length > 0)
                lot["earliestStart"] = int.TryParse(day, out var d) && int.TryParse(month, out var m) && int.TryParse(year, out var y)
                    ? $"{y:0000}-{m:00}-{d:00}"
                    : $"{year}-{month}-{day}";
            Put(lot, "staff", form.Value(Lot(i, "staff")));
            var roles = Lines(form.Value(Lot(i, "roles")));
            if (roles.Count > 0) lot["keyRoles"] = new JsonArray(roles.Select(r => (JsonNode)JsonValue.Create(r)).ToArray());
            var areas = form.Values(Lot(i, "areas")).Where(a => a.Length > 0).ToList();
            if (areas.Count > 0) lot["areas"] = new JsonArray(areas.Select(a => (JsonNode)JsonValue.Create(a)).ToArray());
            var measures = new JsonArray();
            var measurePositions = new List<int>();
            for (var mi = 0; mi < Measures.Count; mi++)
            {
                var quantity = form.Value(Lot(i, $"sv{mi}")).Trim();
                if (quantity.Length == 0) continue;
                measures.Add(new JsonObject { ["measure"] = Measures[mi].Id, ["quantity"] = quantity });
                measurePositions.Add(mi);
            }

            if (measures.Count > 0) lot["socialValue"] = measures;
            positions.Lots.Add(i);
            positions.Measures.Add(measurePositions);
            lots.Add(lot);
        }

        var json = new JsonObject { ["lots"] = lots };
        var conflicts = Lines(form.Value(Conflicts));
        if (conflicts.Count > 0) json["conflicts"] = new JsonArray(conflicts.Select(c => (JsonNode)JsonValue.Create(c)).ToArray());
        var spd = new JsonObject();
        Put(spd, "annualTurnover", form.Value(Turnover));
        Put(spd, "insuranceCover", form.Value(Insurance));
        Put(spd, "invoicesPaidOnTimePercent", form.Value(OnTime));
        if (spd.Count > 0) json["spd"] = spd;
        return (json.ToJsonString(), positions);
    }

    public sealed class Positions
    {
        public List<int> Lots { get; } = [];
        public List<List<int>> Measures { get; } = [];
    }

    /// <summary>Adds each of the service's problems to the form under the field it names, in words a member reads.</summary>
    public static void MapProblems(Opportunity opportunity, IReadOnlyList<string> problems, Positions positions, FormState form)
    {
        foreach (var problem in problems)
        {
            var (field, message) = Map(opportunity, problem, positions);
            form.Error(field, message);
        }
    }

    private static (string Field, string Message) Map(Opportunity opportunity, string problem, Positions positions)
    {
        var colon = problem.IndexOf(": ", StringComparison.Ordinal);
        var path = colon < 0 ? "" : problem[..colon];
        var detail = colon < 0 ? problem : problem[(colon + 2)..];
        detail = detail == "required" ? "enter a value" : detail.StartsWith("required; ", StringComparison.Ordinal) ? "enter " + detail["required; expected ".Length..] : detail;
        var match = LotPath().Match(path);
        if (match.Success)
        {
            var k = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var i = k < positions.Lots.Count ? positions.Lots[k] : 0;
            var lotName = $"Lot {opportunity.Lots[i].Id}";
            var field = match.Groups[2].Value;
            switch (field)
            {
                case "volume": return (Lot(i, "volume"), $"{lotName}, how much you can deliver: {detail}");
                case "pricePerUnit": return (Lot(i, "price"), $"{lotName}, price: {detail}");
                case "earliestStart":
                    return (Lot(i, "start-day"), $"{lotName}, earliest start: {(detail.StartsWith("expected a date as YYYY-MM-DD", StringComparison.Ordinal) ? "enter a real date, for example 1 4 2027" : detail)}");
                case "staff": return (Lot(i, "staff"), $"{lotName}, staff: {detail}");
                case "keyRoles": return (Lot(i, "roles"), $"{lotName}, key roles: {detail}");
                case "areas": return (Lot(i, "areas"), $"{lotName}, council areas: {detail}");
                case "socialValue" when match.Groups[3].Success:
                    var j = int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture);
                    var m = k < positions.Measures.Count && j < positions.Measures[k].Count ? positions.Measures[k][j] : 0;
                    return (Lot(i, $"sv{m}"), $"{lotName}, social value {Measures[m].Id}: {detail}");
                default: return (Lot(i, "offer"), $"{lotName}: {detail}");
            }
        }

        return path switch
        {
            "lots" => (Lot(0, "offer"), "Choose at least one lot you can deliver, or say that you decline"),
            "decline" => (DeclineReason, $"Reason for declining: {detail}"),
            "spd.annualTurnover" => (Turnover, $"Annual turnover: {detail}"),
            "spd.insuranceCover" => (Insurance, $"Insurance cover: {detail}"),
            "spd.invoicesPaidOnTimePercent" => (OnTime, $"Invoices paid on time: {detail}"),
            _ when path.StartsWith("conflicts", StringComparison.Ordinal) => (Conflicts, $"Conflicts of interest: {detail}"),
            _ => (Answer, problem),
        };
    }

    private static void Put(JsonObject obj, string name, string value)
    {
        var trimmed = value.Trim();
        if (trimmed.Length > 0) obj[name] = trimmed;
    }

    private static List<string> Lines(string text) =>
        text.Replace("\r\n", "\n").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    [GeneratedRegex(@"^lots\[(\d+)\]\.(\w+)(?:\[(\d+)\].*)?$")]
    private static partial Regex LotPath();
}
