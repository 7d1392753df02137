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
            throw new ProblemException("declaration", ProblemCode.Invalid, $"Not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}); expected an object with \"lots\" or \"decline\"");
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
        var problems = new List<Problem>();
        if (root.ValueKind != JsonValueKind.Object)
            throw new ProblemException("declaration", ProblemCode.Invalid, $"Expected an object with \"lots\" or \"decline\", found {Describe(root)}");
        Unknown(root, "", RootFields, problems);

        var hasLots = root.TryGetProperty("lots", out var lotsElement) && lotsElement.ValueKind != JsonValueKind.Null;
        var hasDecline = root.TryGetProperty("decline", out var declineElement) && declineElement.ValueKind != JsonValueKind.Null;
        string? declineReason = null;
        var lots = new List<LotDeclaration>();
        if (hasLots && hasDecline)
            problems.Add(Bad("decline", "Either offer lots or decline, not both"));
        else if (hasDecline)
            declineReason = Text(declineElement, "decline", problems, required: true);
        else if (hasLots)
            ReadLots(lotsElement, opportunity, round, lots, problems);
        else
            problems.Add(Bad("lots", "Choose at least one lot you can deliver, or decline with a reason"));

        var conflicts = root.TryGetProperty("conflicts", out var c) ? Texts(c, "conflicts", problems) : [];
        var spd = root.TryGetProperty("spd", out var s) ? ReadSpd(s, problems) : SpdFacts.None;
        if (problems.Count > 0)
            throw new ProblemException(problems);
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

    private void ReadLots(JsonElement element, Opportunity opportunity, DeclarationRound round, List<LotDeclaration> lots, List<Problem> problems)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            problems.Add(Bad("lots", $"Expected a list of lot offers, found {Describe(element)}"));
            return;
        }

        if (element.GetArrayLength() == 0)
            problems.Add(Bad("lots", "Choose at least one lot you can deliver, or decline with a reason"));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var at = $"lots[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                problems.Add(Bad(at, $"expected an object with lotId, volume, pricePerUnit and earliestStart, found {Describe(item)}"));
                continue;
            }

            Unknown(item, at, LotFields, problems);
            var lotId = Text(Field(item, "lotId"), $"{at}.lotId", problems, required: true);
            if (lotId is null) continue;
            var lot = opportunity.Lots.FirstOrDefault(l => l.Id == lotId);
            if (lot is null)
            {
                problems.Add(Bad($"{at}.lotId", $"There is no lot '{Shorten(lotId)}' in this opportunity; choose one of lots {string.Join(", ", opportunity.Lots.Select(l => l.Id))}"));
                continue;
            }

            if (!seen.Add(lotId))
            {
                problems.Add(Bad($"{at}.lotId", $"Lot {lotId} appears twice; give one offer per lot"));
                continue;
            }

            var terms = round.TermsOf(lotId) ?? new LotTerms(lotId, LotUnits.Value, (long)(lot.Value?.Amount ?? 0));
            var volume = Whole(Field(item, "volume"), $"{at}.volume", 1, Math.Max(1, terms.Demand), problems, DeclarationWords.Volume(terms));
            var price = Price(Field(item, "pricePerUnit"), $"{at}.pricePerUnit", terms, problems);
            var start = Date(Field(item, "earliestStart"), $"{at}.earliestStart", lot.ContractPeriod ?? opportunity.ContractPeriod, problems);
            var staff = Field(item, "staff") is { } st ? Whole(st, $"{at}.staff", 0, 100_000, problems, "Enter the number of staff as a whole number from 0 to 100,000") : 0;
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

    private static decimal? Price(JsonElement? element, string at, LotTerms terms, List<Problem> problems)
    {
        if (terms.Unit == LotUnits.Value)
        {
            // A value lot is split in pounds; the "price" is what the member charges per pound of work (1 = at value).
            if (element is null) return 1m;
            var fraction = Number(element, at, problems, DeclarationWords.ValuePrice);
            if (fraction is null) return null;
            if (fraction is < 0.5m or > 1.5m)
            {
                problems.Add(Bad(at, DeclarationWords.ValuePrice));
                return null;
            }

            return fraction;
        }

        var ceiling = DeclarationWords.PriceCeiling(terms);
        var instruction = DeclarationWords.Price(terms);
        var price = Number(element, at, problems, instruction, required: true);
        if (price is null) return null;
        // Prices are kept in pence: 0.001 would be stored as £0.00, so the bounds apply to the rounded price.
        var rounded = decimal.Round(price.Value, 2);
        if (rounded <= 0 || rounded > ceiling)
        {
            problems.Add(Bad(at, instruction));
            return null;
        }

        return rounded;
    }

    private static DateOnly? Date(JsonElement? element, string at, ContractPeriod? period, List<Problem> problems)
    {
        if (element is null)
        {
            problems.Add(Bad(at, "Enter the earliest date you could start, for example 2027-04-01"));
            return null;
        }

        var text = Text(element, at, problems, required: true);
        if (text is null) return null;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            problems.Add(Bad(at, "Enter a real date, for example 1 April 2027 (in a file: 2027-04-01)"));
            return null;
        }

        var first = period?.Start is { } s ? DateOnly.FromDateTime(s.UtcDateTime) : (DateOnly?)null;
        DateOnly? last = period?.End is { } e ? DateOnly.FromDateTime(e.UtcDateTime)
            : first is { } f && period?.DurationInDays is { } days ? f.AddDays(days) : null;
        if (last is { } end && date > end)
        {
            problems.Add(Bad(at, $"Enter a start date on or before {DeclarationWords.Day(end)}, when the contract ends"));
            return null;
        }

        if (first is { } begin && date < begin.AddYears(-1))
        {
            problems.Add(Bad(at, $"Enter a start date near the contract's start on {DeclarationWords.Day(begin)}; {DeclarationWords.Day(date)} is more than a year before it"));
            return null;
        }

        return date;
    }

    private IReadOnlyList<string> Areas(JsonElement element, string at, Lot lot, List<Problem> problems)
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
                problems.Add(Bad($"{at}[{i}]", $"“{Shorten(texts[i])}” is not a Scottish council area; choose one by name, for example City of Edinburgh (or its code, S12000036)"));
                continue;
            }

            if (!wholeScotland && !lotCouncils.Contains(council.Code))
            {
                problems.Add(Bad($"{at}[{i}]", $"{council.Name} is outside this lot's areas ({string.Join(", ", lotCouncils.Select(places.NameOf))})"));
                continue;
            }

            if (!codes.Contains(council.Code)) codes.Add(council.Code);
        }

        return codes;
    }

    private IReadOnlyList<SocialValueCommitment> Commitments(JsonElement element, string at, List<Problem> problems)
    {
        var result = new List<SocialValueCommitment>();
        if (element.ValueKind != JsonValueKind.Array)
        {
            problems.Add(Bad(at, $"expected an array of {{\"measure\", \"quantity\"}}, found {Describe(element)}"));
            return result;
        }

        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var where = $"{at}[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                problems.Add(Bad(where, $"expected {{\"measure\": \"SV01\", \"quantity\": 2}}, found {Describe(item)}"));
                continue;
            }

            Unknown(item, where, MeasureFields, problems);
            var id = Text(Field(item, "measure"), $"{where}.measure", problems, required: true);
            var measure = id is null ? null : measures.Find(id);
            if (id is not null && measure is null)
                problems.Add(Bad($"{where}.measure", $"'{Shorten(id)}' is not on the social-value measures list; choose a measure from the list, such as SV01"));
            var percent = measure?.Unit.Trim() == "%";
            var max = percent ? 100m : 1_000_000m;
            var quantityInstruction = DeclarationWords.Quantity(measure, max);
            var quantity = Number(Field(item, "quantity"), $"{where}.quantity", problems, quantityInstruction, required: true);
            if (quantity is { } q && (q <= 0 || q > max))
            {
                problems.Add(Bad($"{where}.quantity", quantityInstruction));
                quantity = null;
            }

            var note = Text(Field(item, "note"), $"{where}.note", problems, required: false);
            if (measure is null || quantity is null) continue;
            if (result.Any(r => r.MeasureId == measure.Id))
            {
                problems.Add(Bad($"{where}.measure", $"{measure.Id} appears twice in this lot; give one quantity per measure"));
                continue;
            }

            result.Add(new SocialValueCommitment(measure.Id, quantity.Value, measure.Unit, note));
        }

        return result;
    }

    private static SpdFacts ReadSpd(JsonElement element, List<Problem> problems)
    {
        if (element.ValueKind == JsonValueKind.Null) return SpdFacts.None;
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(Bad("spd", $"Expected an object with {string.Join(", ", SpdFields)}, found {Describe(element)}"));
            return SpdFacts.None;
        }

        Unknown(element, "spd", SpdFields, problems);
        decimal? Amount(string name, decimal max, string expected)
        {
            var value = Number(Field(element, name), $"spd.{name}", problems, expected);
            if (value is { } v && (v < 0 || v > max))
            {
                problems.Add(Bad($"spd.{name}", expected));
                return null;
            }

            return value;
        }

        return new SpdFacts(
            Amount("annualTurnover", 10_000_000_000m, "Enter your annual turnover in pounds, for example 250000"),
            Amount("insuranceCover", 10_000_000_000m, "Enter your insurance cover in pounds, for example 5000000"),
            Amount("invoicesPaidOnTimePercent", 100m, "Enter the percentage of invoices you paid on time, from 0 to 100"));
    }

    private static Problem Bad(string path, string message) => new(path, ProblemCode.Invalid, message);

    private static JsonElement? Field(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static void Unknown(JsonElement obj, string at, string[] known, List<Problem> problems)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
                problems.Add(Bad($"{(at.Length == 0 ? "" : at + ".")}{Shorten(property.Name)}", $"Unknown field; expected one of {string.Join(", ", known)}"));
        }
    }

    private static string? Text(JsonElement? element, string at, List<Problem> problems, bool required = false)
    {
        if (element is not { } e)
        {
            if (required) problems.Add(Bad(at, "Enter some text; this is required"));
            return null;
        }

        if (e.ValueKind != JsonValueKind.String)
        {
            problems.Add(Bad(at, $"Expected text, found {Describe(e)}"));
            return null;
        }

        var text = e.GetString()!.Trim();
        if (text.Length == 0)
        {
            if (required) problems.Add(Bad(at, "Enter some text; this is required"));
            return null;
        }

        if (text.Length > MaxText)
        {
            problems.Add(Bad(at, $"Enter at most {MaxText:N0} characters; this has {text.Length:N0}"));
            return null;
        }

        return text;
    }

    private static IReadOnlyList<string> Texts(JsonElement element, string at, List<Problem> problems)
    {
        if (element.ValueKind == JsonValueKind.Null) return [];
        if (element.ValueKind != JsonValueKind.Array)
        {
            problems.Add(Bad(at, $"Expected a list of texts, found {Describe(element)}"));
            return [];
        }

        if (element.GetArrayLength() > MaxListItems)
        {
            problems.Add(Bad(at, $"Enter at most {MaxListItems} items; this has {element.GetArrayLength()}"));
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

    private static decimal? Number(JsonElement? element, string at, List<Problem> problems, string expected, bool required = false)
    {
        if (element is not { } e)
        {
            if (required) problems.Add(Bad(at, expected));
            return null;
        }

        if (e.ValueKind == JsonValueKind.Number && e.TryGetDecimal(out var number)) return number;
        if (e.ValueKind == JsonValueKind.String
            && decimal.TryParse(e.GetString()!.Trim().TrimStart('£').Replace(",", ""), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed))
            return parsed;
        problems.Add(Bad(at, expected));
        return null;
    }

    private static long? Whole(JsonElement? element, string at, long min, long max, List<Problem> problems, string expected)
    {
        var number = Number(element, at, problems, expected, required: true);
        if (number is null) return null;
        if (number != decimal.Truncate(number.Value) || number < min || number > max)
        {
            problems.Add(Bad(at, expected));
            return null;
        }

        return (long)number.Value;
    }

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
