using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Invitations;
using TenderConsortium.Core.Opportunities;
using TenderConsortium.Core.Reference;
using TenderConsortium.Web.Pages.Shared;

namespace TenderConsortium.Web.Pages.Member;

/// <summary>
/// The member's declaration as a form: field names and ids per lot (by the lot's position), the answer the
/// <c>RecordDeclarationHandler</c> takes (built as a JSON value, never as text), and for each path the answer puts
/// a value at, the form field it came from, so each typed problem goes back to its field by its path alone.
/// </summary>
public static class DeclarationForm
{
    public const string Answer = "answer";
    public const string DeclineReason = "decline-reason";
    public const string Conflicts = "conflicts";
    public const string Turnover = "spd-turnover";
    public const string Insurance = "spd-insurance";
    public const string OnTime = "spd-ontime";

    public static string Lot(int lot, string field) => $"lot{lot}-{field}";

    /// <summary>The quantity box of measure <paramref name="m"/> (by its place in the list) in lot <paramref name="lot"/>.</summary>
    public static string Measure(int lot, int m) => Lot(lot, $"sv{m}");

    public static IReadOnlyList<SocialValueMeasure> Measures => SocialValueCatalogue.Default.Measures;

    /// <summary>The lot's council areas as codes; every council when the lot covers all of Scotland or names none.</summary>
    public static IReadOnlyList<CouncilArea> Areas(Lot lot)
    {
        var places = ScottishPlaces.Default;
        var councils = lot.Places.Select(places.FindByCode).Where(c => c is not null).Select(c => c!).ToList();
        return councils.Count == 0 || lot.Places.Contains(ScottishPlaces.ScotlandCode) ? places.Councils.OrderBy(c => c.Name).ToList() : councils;
    }

    /// <summary>The lot's terms as the round set them; a lot the lead left out is split by value.</summary>
    public static LotTerms Terms(DeclarationRound round, Lot lot) =>
        round.TermsOf(lot.Id) ?? new LotTerms(lot.Id, LotUnits.Value, (long)(lot.Value?.Amount ?? 0));

    /// <summary>Whether measure <paramref name="m"/> is chosen in lot <paramref name="lot"/>: ticked, or given a quantity (without script every box shows).</summary>
    public static bool MeasureChosen(FormState form, int lot, int m) =>
        form.Values(Lot(lot, "measures")).Contains(Measures[m].Id) || form.Value(Measure(lot, m)).Trim().Length > 0;

    /// <summary>The form filled from the member's latest answer, so a second visit starts from it.</summary>
    public static FormState FromLatest(Opportunity opportunity, DeclarationRound round, CapacityDeclaration? latest)
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
            var isValue = Terms(round, opportunity.Lots[i]).Unit == LotUnits.Value;
            form.Set(Lot(i, "offer"), "yes");
            form.Set(Lot(i, "volume"), d.Volume.ToString(CultureInfo.InvariantCulture));
            form.Set(Lot(i, "price"), (isValue ? d.PricePerUnit * 100m : d.PricePerUnit).ToString("0.##", CultureInfo.InvariantCulture));
            form.Set(Lot(i, "start-day"), d.EarliestStart.Day.ToString(CultureInfo.InvariantCulture));
            form.Set(Lot(i, "start-month"), d.EarliestStart.Month.ToString(CultureInfo.InvariantCulture));
            form.Set(Lot(i, "start-year"), d.EarliestStart.Year.ToString(CultureInfo.InvariantCulture));
            form.Set(Lot(i, "staff"), d.Staff.ToString(CultureInfo.InvariantCulture));
            form.Set(Lot(i, "roles"), string.Join("\n", d.KeyRoles));
            form.SetMany(Lot(i, "areas"), d.Areas);
            form.SetMany(Lot(i, "measures"), d.SocialValue.Select(s => s.MeasureId));
            for (var m = 0; m < Measures.Count; m++)
            {
                if (d.SocialValue.FirstOrDefault(s => s.MeasureId == Measures[m].Id) is { } sv)
                    form.Set(Measure(i, m), sv.Quantity.ToString(CultureInfo.InvariantCulture));
            }
        }

        form.Set(Conflicts, string.Join("\n", latest.Conflicts));
        form.Set(Turnover, latest.Spd.AnnualTurnover?.ToString(CultureInfo.InvariantCulture) ?? "");
        form.Set(Insurance, latest.Spd.InsuranceCover?.ToString(CultureInfo.InvariantCulture) ?? "");
        form.Set(OnTime, latest.Spd.InvoicesPaidOnTimePercent?.ToString(CultureInfo.InvariantCulture) ?? "");
        return form;
    }

    /// <summary>The answer built from a filled form, and where each of its values came from; null when the form itself is incomplete.</summary>
    public sealed record Built(JsonElement? Answer, FieldMap Fields);

    /// <summary>
    /// Each path of the answer (<c>lots[0].volume</c>) and the field it came from, with the question's own wording when
    /// the form asks it differently from a file (a value lot's price as a percentage, a date in three boxes).
    /// </summary>
    public sealed class FieldMap
    {
        private readonly Dictionary<string, (string Field, string? Lot, string? Message)> _paths = new(StringComparer.Ordinal);

        public void Add(string path, string field, string? lot, string? message = null) => _paths[path] = (field, lot, message);

        /// <summary>
        /// The field and message for a problem: the path itself, else the nearest enclosing path the form filled
        /// (<c>lots[0].areas[2]</c> → the lot's areas), else the first question.
        /// </summary>
        public (string Field, string Message) Place(Problem problem)
        {
            for (var path = problem.Path; path.Length > 0; path = Parent(path))
            {
                if (!_paths.TryGetValue(path, out var at)) continue;
                var message = at.Message ?? problem.Message;
                return (at.Field, at.Lot is null ? message : $"{at.Lot}: {message}");
            }

            return (Answer, problem.Message);
        }

        private static string Parent(string path)
        {
            var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            return cut <= 0 ? "" : path[..cut];
        }
    }

    public static Built Build(Opportunity opportunity, DeclarationRound round, FormState form)
    {
        var fields = new FieldMap();
        fields.Add("declaration", Answer, null);
        var answer = form.Value(Answer);
        if (answer == "decline")
        {
            fields.Add("decline", DeclineReason, null, "Tell the lead why you cannot take part this time");
            return new Built(JsonSerializer.SerializeToElement(new JsonObject { ["decline"] = form.Value(DeclineReason).Trim() }), fields);
        }

        if (answer != "declare")
        {
            form.Error(Answer, "Select whether your organisation can offer capacity for this opportunity");
            return new Built(null, fields);
        }

        fields.Add("lots", Lot(0, "offer"), null, "Choose at least one lot you can deliver, or answer that you cannot take part");
        var lots = new JsonArray();
        var named = opportunity.Lots.Count > 1;
        for (var i = 0; i < opportunity.Lots.Count; i++)
        {
            if (form.Value(Lot(i, "offer")) != "yes") continue;
            var at = $"lots[{lots.Count}]";
            var lotName = named ? $"Lot {opportunity.Lots[i].Id}" : null;
            var isValue = Terms(round, opportunity.Lots[i]).Unit == LotUnits.Value;
            var lot = new JsonObject { ["lotId"] = opportunity.Lots[i].Id };
            fields.Add(at, Lot(i, "offer"), lotName);
            Put(lot, "volume", form.Value(Lot(i, "volume")));
            fields.Add($"{at}.volume", Lot(i, "volume"), lotName);
            if (isValue)
            {
                // The form asks a value lot's price as a percentage of the buyer's estimate; the answer keeps it as a share.
                var percent = form.Value(Lot(i, "price")).Trim().TrimEnd('%').Trim();
                if (percent.Length > 0)
                    lot["pricePerUnit"] = decimal.TryParse(percent, NumberStyles.Number, CultureInfo.InvariantCulture, out var p) ? p / 100m : percent;
                fields.Add($"{at}.pricePerUnit", Lot(i, "price"), lotName, DeclarationWords.ValuePricePercent);
            }
            else
            {
                Put(lot, "pricePerUnit", form.Value(Lot(i, "price")));
                fields.Add($"{at}.pricePerUnit", Lot(i, "price"), lotName);
            }

            var (day, month, year) = (form.Value(Lot(i, "start-day")).Trim(), form.Value(Lot(i, "start-month")).Trim(), form.Value(Lot(i, "start-year")).Trim());
            var date = int.TryParse(day, out var d) && int.TryParse(month, out var m) && int.TryParse(year, out var y)
                       && y is >= 1 and <= 9999 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m)
                ? $"{y:0000}-{m:00}-{d:00}"
                : null;
            if (day.Length + month.Length + year.Length > 0) lot["earliestStart"] = date ?? "not a date";
            fields.Add($"{at}.earliestStart", Lot(i, "start-day"), lotName,
                date is null ? "Enter the date you could start as day, month and year, for example 1 4 2027" : null);
            Put(lot, "staff", form.Value(Lot(i, "staff")));
            fields.Add($"{at}.staff", Lot(i, "staff"), lotName);
            var roles = Lines(form.Value(Lot(i, "roles")));
            if (roles.Count > 0) lot["keyRoles"] = Array(roles);
            fields.Add($"{at}.keyRoles", Lot(i, "roles"), lotName);
            var areas = form.Values(Lot(i, "areas")).Where(a => a.Length > 0).ToList();
            if (areas.Count > 0) lot["areas"] = Array(areas);
            fields.Add($"{at}.areas", Lot(i, "areas"), lotName);
            var measures = new JsonArray();
            fields.Add($"{at}.socialValue", Lot(i, "measures"), lotName);
            for (var mi = 0; mi < Measures.Count; mi++)
            {
                if (!MeasureChosen(form, i, mi)) continue;
                var measure = new JsonObject { ["measure"] = Measures[mi].Id };
                Put(measure, "quantity", form.Value(Measure(i, mi)));
                fields.Add($"{at}.socialValue[{measures.Count}]", Measure(i, mi), lotName);
                measures.Add(measure);
            }

            if (measures.Count > 0) lot["socialValue"] = measures;
            lots.Add(lot);
        }

        var json = new JsonObject { ["lots"] = lots };
        var conflicts = Lines(form.Value(Conflicts));
        if (conflicts.Count > 0) json["conflicts"] = Array(conflicts);
        fields.Add("conflicts", Conflicts, null);
        var spd = new JsonObject();
        Put(spd, "annualTurnover", form.Value(Turnover));
        Put(spd, "insuranceCover", form.Value(Insurance));
        Put(spd, "invoicesPaidOnTimePercent", form.Value(OnTime).Trim().TrimEnd('%'));
        if (spd.Count > 0) json["spd"] = spd;
        fields.Add("spd.annualTurnover", Turnover, null);
        fields.Add("spd.insuranceCover", Insurance, null);
        fields.Add("spd.invoicesPaidOnTimePercent", OnTime, null);
        return new Built(JsonSerializer.SerializeToElement(json), fields);
    }

    /// <summary>Puts each typed problem on the field it is about, in the words the handler chose (or the form's own question).</summary>
    public static void Show(IEnumerable<Problem> problems, FieldMap fields, FormState form)
    {
        foreach (var problem in problems)
        {
            var (field, message) = fields.Place(problem);
            form.Error(field, message);
        }
    }

    private static void Put(JsonObject obj, string name, string value)
    {
        var trimmed = value.Trim();
        if (trimmed.Length > 0) obj[name] = trimmed;
    }

    private static JsonArray Array(IEnumerable<string> texts) => new(texts.Select(t => (JsonNode)JsonValue.Create(t)).ToArray());

    private static List<string> Lines(string text) =>
        text.Replace("\r\n", "\n").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
}
