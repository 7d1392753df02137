using System.Globalization;
using System.Text;
using System.Text.Json;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Intake;
using TenderConsortium.Core.Invitations;
using TenderConsortium.Core.Opportunities;
using TenderConsortium.Core.Reference;

namespace TenderConsortium.Core.Declarations;

/// <summary>
/// Reads a member's declaration (JSON from the form, the API or <c>tender declare --file</c>) and checks it against
/// the opportunity and the round's lot terms. Every problem names its field (<c>lots[0].volume</c>) and what was
/// expected; nothing is accepted unless everything is. The format is documented in docs/declarations.md.
/// </summary>
public sealed class DeclarationReader(SocialValueCatalogue measures, ScottishPlaces places)
{
    public const int MaxText = 2000;
    public const int MaxListItems = 50;

    private static readonly string[] RootFields = ["lots", "decline", "conflicts", "spd"];
    private static readonly string[] LotFields = ["lotId", "volume", "pricePerUnit", "earliestStart", "staff", "keyRoles", "areas", "socialValue"];
    private static readonly string[] MeasureFields = ["measure", "quantity", "note"];
    private static readonly string[] SpdFields = ["annualTurnover", "insuranceCover", "invoicesPaidOnTimePercent"];

    public DeclarationReader() : this(SocialValueCatalogue.Default, ScottishPlaces.Default) { }

    public CapacityDeclaration Read(string json, string opportunityId, string memberId, Opportunity opportunity, DeclarationRound round)
    {
        // A lone surrogate in the .NET text (not from a decoded body, but possible from a caller) becomes U+FFFD here.
        var utf8 = Encoding.UTF8.GetBytes(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            throw new BadInputException($"declaration: not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}): expected an object with \"lots\" or \"decline\"");
        }

        try
        {
            TextEncoding.CheckJsonText(utf8, "declaration: ", 16);
        }
        catch
        {
            document.Dispose();
            throw;
        }

        using (document)
            return Read(document.RootElement, opportunityId, memberId, opportunity, round);
    }

    public CapacityDeclaration Read(JsonElement root, string opportunityId, string memberId, Opportunity opportunity, DeclarationRound round)
    {
        var problems = new List<string>();
        if (root.ValueKind != JsonValueKind.Object)
            throw new BadInputException($"declaration: expected an object with \"lots\" or \"decline\", found {Describe(root)}");
        Unknown(root, "", RootFields, problems);

        var hasLots = root.TryGetProperty("lots", out var lotsElement) && lotsElement.ValueKind != JsonValueKind.Null;
        var hasDecline = root.TryGetProperty("decline", out var declineElement) && declineElement.ValueKind != JsonValueKind.Null;
        string? declineReason = null;
        var lots = new List<LotDeclaration>();
        if (hasLots && hasDecline)
            problems.Add("decline: a declaration either offers lots or declines, not both");
        else if (hasDecline)
            declineReason = Text(declineElement, "decline", problems, required: true);
        else if (hasLots)
            ReadLots(lotsElement, opportunity, round, lots, problems);
        else
            problems.Add("lots: expected at least one lot you can deliver, or \"decline\" with a reason");

        var conflicts = root.TryGetProperty("conflicts", out var c) ? Texts(c, "conflicts", problems) : [];
        var spd = root.TryGetProperty("spd", out var s) ? ReadSpd(s, problems) : SpdFacts.None;
        if (problems.Count > 0)
            throw new BadInputException(problems);
        return new CapacityDeclaration
        {
            OpportunityId = opportunityId,
            MemberId = memberId,
            DeclineReason = declineReason,
            Lots = lots,
            Conflicts = conflicts,
            Spd = spd,
        };
    }

    private void ReadLots(JsonElement element, Opportunity opportunity, DeclarationRound round, List<LotDeclaration> lots, List<string> problems)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"lots: expected an array of lot offers, found {Describe(element)}");
            return;
        }

        if (element.GetArrayLength() == 0)
            problems.Add("lots: expected at least one lot you can deliver, or \"decline\" with a reason");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var at = $"lots[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{at}: expected an object with lotId, volume, pricePerUnit and earliestStart, found {Describe(item)}");
                continue;
            }

            Unknown(item, at, LotFields, problems);
            var lotId = Text(Field(item, "lotId"), $"{at}.lotId", problems, required: true);
            if (lotId is null) continue;
            var lot = opportunity.Lots.FirstOrDefault(l => l.Id == lotId);
            if (lot is null)
            {
                problems.Add($"{at}.lotId: no lot '{lotId}' in this opportunity; expected one of {string.Join(", ", opportunity.Lots.Select(l => l.Id))}");
                continue;
            }

            if (!seen.Add(lotId))
            {
                problems.Add($"{at}.lotId: lot '{lotId}' appears twice; give one offer per lot");
                continue;
            }

            var terms = round.TermsOf(lotId) ?? new LotTerms(lotId, LotUnits.Value, (long)(lot.Value?.Amount ?? 0));
            var volume = Whole(Field(item, "volume"), $"{at}.volume", 1, Math.Max(1, terms.Demand), problems,
                $"a whole number of {terms.Unit} from 1 to the lot's demand of {terms.Demand.ToString("N0", CultureInfo.InvariantCulture)}");
            var price = Price(Field(item, "pricePerUnit"), $"{at}.pricePerUnit", terms, problems);
            var start = Date(Field(item, "earliestStart"), $"{at}.earliestStart", lot.ContractPeriod ?? opportunity.ContractPeriod, problems);
            var staff = Field(item, "staff") is { } st ? Whole(st, $"{at}.staff", 0, 100_000, problems, "a whole number of staff from 0 to 100,000") : 0;
            var roles = Field(item, "keyRoles") is { } kr ? Texts(kr, $"{at}.keyRoles", problems) : [];
            var areas = Field(item, "areas") is { } ar ? Areas(ar, $"{at}.areas", lot, problems) : [];
            var socialValue = Field(item, "socialValue") is { } sv ? Commitments(sv, $"{at}.socialValue", problems) : [];
            if (volume is null || price is null || start is null) continue;
            lots.Add(new LotDeclaration
            {
                LotId = lotId,
                Volume = volume.Value,
                PricePerUnit = price.Value,
                EarliestStart = start.Value,
                Staff = (int)(staff ?? 0),
                KeyRoles = roles,
                Areas = areas,
                SocialValue = socialValue,
            });
        }
    }

    private static decimal? Price(JsonElement? element, string at, LotTerms terms, List<string> problems)
    {
        if (terms.Unit == LotUnits.Value)
        {
            // A value lot is split in pounds; the "price" is what the member charges per pound of work (1 = at value).
            if (element is null) return 1m;
            var fraction = Number(element, at, problems, "a number from 0.5 to 1.5 (what you charge per £1 of the lot's value)");
            if (fraction is null) return null;
            if (fraction is < 0.5m or > 1.5m)
            {
                problems.Add($"{at}: expected a number from 0.5 to 1.5 (what you charge per £1 of the lot's value), got {fraction}");
                return null;
            }

            return fraction;
        }

        var ceiling = terms.ReferencePricePerUnit is { } reference ? reference * 10m : 100_000m;
        var expected = $"a price in pounds per {Singular(terms.Unit)} above 0 and at most £{ceiling.ToString("N2", CultureInfo.InvariantCulture)}";
        var price = Number(element, at, problems, expected, required: true);
        if (price is null) return null;
        // Prices are kept in pence: 0.001 would be stored as £0.00, so the bounds apply to the rounded price.
        var rounded = decimal.Round(price.Value, 2);
        if (rounded <= 0 || rounded > ceiling)
        {
            problems.Add($"{at}: expected {expected}, got {price.Value.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }

        return rounded;
    }

    private static DateOnly? Date(JsonElement? element, string at, ContractPeriod? period, List<string> problems)
    {
        var text = Text(element, at, problems, required: true);
        if (text is null) return null;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            problems.Add($"{at}: expected a date as YYYY-MM-DD, got \"{Shorten(text)}\"");
            return null;
        }

        var first = period?.Start is { } s ? DateOnly.FromDateTime(s.UtcDateTime) : (DateOnly?)null;
        DateOnly? last = period?.End is { } e ? DateOnly.FromDateTime(e.UtcDateTime)
            : first is { } f && period?.DurationInDays is { } days ? f.AddDays(days) : null;
        if (last is { } end && date > end)
        {
            problems.Add($"{at}: {date:yyyy-MM-dd} is after the contract ends ({end:yyyy-MM-dd}); expected a start within the contract period");
            return null;
        }

        if (first is { } begin && date < begin.AddYears(-1))
        {
            problems.Add($"{at}: {date:yyyy-MM-dd} is long before the contract starts ({begin:yyyy-MM-dd}); expected a date near or within the contract period");
            return null;
        }

        return date;
    }

    private IReadOnlyList<string> Areas(JsonElement element, string at, Lot lot, List<string> problems)
    {
        var texts = Texts(element, at, problems);
        var lotCouncils = lot.Places.Where(p => places.FindByCode(p) is not null).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var wholeScotland = lot.Places.Contains(ScottishPlaces.ScotlandCode, StringComparer.OrdinalIgnoreCase) || lotCouncils.Count == 0;
        var codes = new List<string>();
        for (var i = 0; i < texts.Count; i++)
        {
            var council = places.FindByCode(texts[i]) ?? places.FindByName(texts[i]);
            if (council is null)
            {
                problems.Add($"{at}[{i}]: \"{Shorten(texts[i])}\" is not a Scottish council area; expected a code like S12000036 or a name like \"City of Edinburgh\"");
                continue;
            }

            if (!wholeScotland && !lotCouncils.Contains(council.Code))
            {
                problems.Add($"{at}[{i}]: {council.Name} is outside this lot's areas ({string.Join(", ", lotCouncils.Select(places.NameOf))})");
                continue;
            }

            if (!codes.Contains(council.Code)) codes.Add(council.Code);
        }

        return codes;
    }

    private IReadOnlyList<SocialValueCommitment> Commitments(JsonElement element, string at, List<string> problems)
    {
        var result = new List<SocialValueCommitment>();
        if (element.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{at}: expected an array of {{\"measure\", \"quantity\"}}, found {Describe(element)}");
            return result;
        }

        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var where = $"{at}[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{where}: expected {{\"measure\": \"SV01\", \"quantity\": 2}}, found {Describe(item)}");
                continue;
            }

            Unknown(item, where, MeasureFields, problems);
            var id = Text(Field(item, "measure"), $"{where}.measure", problems, required: true);
            var measure = id is null ? null : measures.Find(id);
            if (id is not null && measure is null)
                problems.Add($"{where}.measure: unknown measure '{Shorten(id)}'; expected an id from the social-value list such as SV01");
            var percent = measure?.Unit.Trim() == "%";
            var max = percent ? 100m : 1_000_000m;
            var quantity = Number(Field(item, "quantity"), $"{where}.quantity", problems, $"a number above 0 and at most {max:N0}", required: true);
            if (quantity is { } q && (q <= 0 || q > max))
            {
                problems.Add($"{where}.quantity: expected a number above 0 and at most {max:N0} ({measure?.Unit ?? "the measure's unit"}), got {q.ToString(CultureInfo.InvariantCulture)}");
                quantity = null;
            }

            var note = Text(Field(item, "note"), $"{where}.note", problems, required: false);
            if (measure is null || quantity is null) continue;
            if (result.Any(r => r.MeasureId == measure.Id))
            {
                problems.Add($"{where}.measure: {measure.Id} appears twice in this lot; give one quantity per measure");
                continue;
            }

            result.Add(new SocialValueCommitment(measure.Id, quantity.Value, measure.Unit, note));
        }

        return result;
    }

    private static SpdFacts ReadSpd(JsonElement element, List<string> problems)
    {
        if (element.ValueKind == JsonValueKind.Null) return SpdFacts.None;
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"spd: expected an object with {string.Join(", ", SpdFields)}, found {Describe(element)}");
            return SpdFacts.None;
        }

        Unknown(element, "spd", SpdFields, problems);
        decimal? Amount(string name, decimal max, string expected)
        {
            var value = Number(Field(element, name), $"spd.{name}", problems, expected);
            if (value is { } v && (v < 0 || v > max))
            {
                problems.Add($"spd.{name}: expected {expected}, got {v.ToString(CultureInfo.InvariantCulture)}");
                return null;
            }

            return value;
        }

        return new SpdFacts(
            Amount("annualTurnover", 10_000_000_000m, "pounds from 0 to 10,000,000,000"),
            Amount("insuranceCover", 10_000_000_000m, "pounds from 0 to 10,000,000,000"),
            Amount("invoicesPaidOnTimePercent", 100m, "a percentage from 0 to 100"));
    }

    private static JsonElement? Field(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static void Unknown(JsonElement obj, string at, string[] known, List<string> problems)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
                problems.Add($"{(at.Length == 0 ? "" : at + ".")}{Shorten(property.Name)}: unknown field; expected one of {string.Join(", ", known)}");
        }
    }

    private static string? Text(JsonElement? element, string at, List<string> problems, bool required = false)
    {
        if (element is not { } e)
        {
            if (required) problems.Add($"{at}: required");
            return null;
        }

        if (e.ValueKind != JsonValueKind.String)
        {
            problems.Add($"{at}: expected text, found {Describe(e)}");
            return null;
        }

        var text = e.GetString()!.Trim();
        if (text.Length == 0)
        {
            if (required) problems.Add($"{at}: required");
            return null;
        }

        if (text.Length > MaxText)
        {
            problems.Add($"{at}: expected at most {MaxText:N0} characters, got {text.Length:N0}");
            return null;
        }

        return text;
    }

    private static IReadOnlyList<string> Texts(JsonElement element, string at, List<string> problems)
    {
        if (element.ValueKind == JsonValueKind.Null) return [];
        if (element.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{at}: expected an array of text, found {Describe(element)}");
            return [];
        }

        if (element.GetArrayLength() > MaxListItems)
        {
            problems.Add($"{at}: expected at most {MaxListItems} items, got {element.GetArrayLength()}");
            return [];
        }

        var result = new List<string>();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (Text(item, $"{at}[{index++}]", problems) is { } text) result.Add(text);
        }

        return result;
    }

    private static decimal? Number(JsonElement? element, string at, List<string> problems, string expected, bool required = false)
    {
        if (element is not { } e)
        {
            if (required) problems.Add($"{at}: required; expected {expected}");
            return null;
        }

        if (e.ValueKind == JsonValueKind.Number && e.TryGetDecimal(out var number)) return number;
        if (e.ValueKind == JsonValueKind.String
            && decimal.TryParse(e.GetString()!.Trim().TrimStart('£').Replace(",", ""), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed))
            return parsed;
        problems.Add($"{at}: expected {expected}, found {Describe(e)}");
        return null;
    }

    private static long? Whole(JsonElement? element, string at, long min, long max, List<string> problems, string expected)
    {
        var number = Number(element, at, problems, expected, required: true);
        if (number is null) return null;
        if (number != decimal.Truncate(number.Value) || number < min || number > max)
        {
            problems.Add($"{at}: expected {expected}, got {number.Value.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }

        return (long)number.Value;
    }

    private static string Singular(string unit) => unit switch
    {
        LotUnits.Hours => "hour",
        LotUnits.Places => "place",
        LotUnits.Sessions => "session",
        _ => unit,
    };

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"text \"{Shorten(element.GetString()!)}\"",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
