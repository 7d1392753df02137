using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace TenderConsortium.Cli.Demo;

/// <summary>
/// The demo's sample notice is a real one from 2019, whose tender deadline passed long ago, and a bid never starts on
/// a closed notice. For the demo only, every date in the notice and in the sample members' certificates moves
/// forward by the same whole number of days, so the tender deadline falls <see cref="WeeksAhead"/> weeks from now and
/// every member matches as it did against the real dates; the notice's title says so, so nobody takes the dates for
/// the buyer's.
/// </summary>
public static partial class DemoDates
{
    public const int WeeksAhead = 6;
    public const string TitleNote = " (sample notice, dates moved for the demo)";

    /// <summary>Whole days that bring the notice's latest end date (its tender deadline) <see cref="WeeksAhead"/> weeks ahead of now; 0 when it already is.</summary>
    public static int DaysToMove(string noticePath, DateTimeOffset now)
    {
        var ends = new List<DateTimeOffset>();
        Visit(JsonNode.Parse(File.ReadAllText(noticePath)), (key, at) => { if (key == "endDate") ends.Add(at); return at; });
        return ends.Count == 0 ? 0 : Math.Max(0, (int)Math.Ceiling((now.AddDays(WeeksAhead * 7) - ends.Max()).TotalDays));
    }

    /// <summary>The notice with its dates moved and (unless told not to) its title marked.</summary>
    public static MemoryStream Notice(string path, int days, bool markTitle = true)
    {
        var notice = JsonNode.Parse(File.ReadAllText(path))!;
        Visit(notice, (_, at) => at.AddDays(days));
        if (markTitle) Retitle(notice);
        return new MemoryStream(Encoding.UTF8.GetBytes(notice.ToJsonString()));
    }

    /// <summary>The members' file with every date (certificate expiries) moved alike.</summary>
    public static MemoryStream Members(string path, int days) => new(Encoding.UTF8.GetBytes(Date().Replace(File.ReadAllText(path), m =>
        DateOnly.TryParseExact(m.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : m.Value)));

    /// <summary>Calls <paramref name="move"/> on every date of the notice (a property whose name ends in "date") and stores what it returns.</summary>
    private static void Visit(JsonNode? node, Func<string, DateTimeOffset, DateTimeOffset> move)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    if (key.EndsWith("date", StringComparison.OrdinalIgnoreCase) && value is JsonValue v && v.TryGetValue<string>(out var text)
                        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                        o[key] = move(key, at).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                    else Visit(value, move);
                }

                break;
            case JsonArray a:
                foreach (var item in a) Visit(item, move);
                break;
        }
    }

    private static void Retitle(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["tender"]?["title"] is JsonValue t && t.TryGetValue<string>(out var title) && !title.EndsWith(TitleNote, StringComparison.Ordinal))
                    o["tender"]!["title"] = title + TitleNote;
                foreach (var (_, value) in o) Retitle(value);
                break;
            case JsonArray a:
                foreach (var item in a) Retitle(item);
                break;
        }
    }

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b")]
    private static partial Regex Date();
}
