using System.Text.Json;
using System.Text.Json.Nodes;
using TenderConsortium.Core.Common;
using TenderConsortium.Workflows.Definitions;

namespace TenderConsortium.Core.Workflow;

/// <summary>
/// The lead-partner settings of a workflow definition (or of one instance) that the tender activities read: who the
/// lead and adviser are, the declaration and consent periods, reminder offsets. A wrong value is bad input naming
/// its key, so <c>tender workflows check</c> and a start both say what to fix.
/// </summary>
public sealed record TenderSettings
{
    /// <summary>Who is told about responses, gaps and faults. Key <c>leadEmail</c> (text or array).</summary>
    public IReadOnlyList<string> LeadEmails { get; init; } = [];

    /// <summary>Key <c>adviserEmail</c> (text or array).</summary>
    public IReadOnlyList<string> AdviserEmails { get; init; } = [];

    /// <summary>Who members contact with questions, e.g. "Jamie Reid, Fife Social Enterprise Network". Key <c>leadName</c>.</summary>
    public string? LeadName { get; init; }

    /// <summary>Consortium name used in emails and documents. Key <c>consortiumName</c>.</summary>
    public string ConsortiumName { get; init; } = "The consortium";

    /// <summary>How long members have to declare when no deadline is given. Key <c>declarationPeriod</c>, default P10D.</summary>
    public TimeSpan DeclarationPeriod { get; init; } = TimeSpan.FromDays(10);

    /// <summary>Extra time after the deadline members are not told about. Key <c>declarationGrace</c>, default none.</summary>
    public TimeSpan DeclarationGrace { get; init; } = TimeSpan.Zero;

    /// <summary>Reminders, as durations before the deadline. Key <c>reminders</c>, default ["P3D", "P1D"].</summary>
    public IReadOnlyList<TimeSpan> Reminders { get; init; } = [TimeSpan.FromDays(3), TimeSpan.FromDays(1)];

    /// <summary>Close the round as soon as every invited member has answered. Key <c>completeWhenAllAnswered</c>, default true.</summary>
    public bool CompleteWhenAllAnswered { get; init; } = true;

    /// <summary>Invite at most this many candidates per lot (0: all). Key <c>invitePerLot</c>.</summary>
    public int InvitePerLot { get; init; }

    /// <summary>How long allocated members have to accept their share. Key <c>consentPeriod</c>, default P5D.</summary>
    public TimeSpan ConsentPeriod { get; init; } = TimeSpan.FromDays(5);

    /// <summary>How long the adviser has to review a bid pack before the lead is told. Key <c>reviewPeriod</c>, default P5D.</summary>
    public TimeSpan ReviewPeriod { get; init; } = TimeSpan.FromDays(5);

    /// <summary>How long before the tender deadline the lead is warned if the bid is not yet submitted. Key <c>submissionWarning</c>, default P2D.</summary>
    public TimeSpan SubmissionWarning { get; init; } = TimeSpan.FromDays(2);

    /// <summary>How far back accepted shares count for rotation. Key <c>rotationWindow</c>, default P365D.</summary>
    public TimeSpan RotationWindow { get; init; } = TimeSpan.FromDays(365);

    /// <summary>Distinct social-value measures per lot that earn a full social-value score. Key <c>socialValueFullMeasures</c>, default 3.</summary>
    public int SocialValueFullMeasures { get; init; } = 3;

    public static TenderSettings From(JsonObject? settings)
    {
        var d = new TenderSettings();
        if (settings is null) return d;
        var problems = new List<string>();
        var result = new TenderSettings
        {
            LeadEmails = Emails(settings, "leadEmail", problems),
            AdviserEmails = Emails(settings, "adviserEmail", problems),
            LeadName = Text(settings, "leadName", problems),
            ConsortiumName = Text(settings, "consortiumName", problems) ?? d.ConsortiumName,
            DeclarationPeriod = Duration(settings, "declarationPeriod", d.DeclarationPeriod, problems),
            DeclarationGrace = Duration(settings, "declarationGrace", d.DeclarationGrace, problems),
            Reminders = Durations(settings, "reminders", d.Reminders, problems),
            CompleteWhenAllAnswered = Flag(settings, "completeWhenAllAnswered", d.CompleteWhenAllAnswered, problems),
            InvitePerLot = Whole(settings, "invitePerLot", d.InvitePerLot, problems),
            ConsentPeriod = Duration(settings, "consentPeriod", d.ConsentPeriod, problems),
            RotationWindow = Duration(settings, "rotationWindow", d.RotationWindow, problems),
            ReviewPeriod = Duration(settings, "reviewPeriod", d.ReviewPeriod, problems),
            SubmissionWarning = Duration(settings, "submissionWarning", d.SubmissionWarning, problems),
            SocialValueFullMeasures = Math.Max(1, Whole(settings, "socialValueFullMeasures", d.SocialValueFullMeasures, problems)),
        };
        if (problems.Count > 0) throw new BadInputException(problems);
        return result;
    }

    private static string? Text(JsonObject s, string key, List<string> problems)
    {
        if (s[key] is null) return null;
        if (s[key] is JsonValue v && v.TryGetValue<string>(out var text) && text.Trim().Length > 0) return text.Trim();
        problems.Add($"settings.{key}: expected text");
        return null;
    }

    private static IReadOnlyList<string> Emails(JsonObject s, string key, List<string> problems)
    {
        var node = s[key];
        if (node is null) return [];
        var items = node is JsonArray array ? array.ToList() : [node];
        var result = new List<string>();
        foreach (var item in items)
        {
            if (item is JsonValue v && v.TryGetValue<string>(out var text) && text.Contains('@') && !text.Any(char.IsWhiteSpace))
                result.Add(text);
            else
                problems.Add($"settings.{key}: expected an email address or an array of them, got {item?.ToJsonString() ?? "null"}");
        }

        return result;
    }

    private static TimeSpan Duration(JsonObject s, string key, TimeSpan fallback, List<string> problems)
    {
        if (s[key] is null) return fallback;
        if (s[key] is JsonValue v && v.TryGetValue<string>(out var text) && ValueConversion.TryParseDuration(text, out var span)) return span;
        problems.Add($"settings.{key}: expected an ISO 8601 duration such as \"P3D\", got {s[key]!.ToJsonString()}");
        return fallback;
    }

    private static IReadOnlyList<TimeSpan> Durations(JsonObject s, string key, IReadOnlyList<TimeSpan> fallback, List<string> problems)
    {
        if (s[key] is null) return fallback;
        if (s[key] is not JsonArray array)
        {
            problems.Add($"settings.{key}: expected an array of ISO 8601 durations such as [\"P3D\", \"P1D\"]");
            return fallback;
        }

        var result = new List<TimeSpan>();
        foreach (var item in array)
        {
            if (item is JsonValue v && v.TryGetValue<string>(out var text) && ValueConversion.TryParseDuration(text, out var span)) result.Add(span);
            else problems.Add($"settings.{key}: expected ISO 8601 durations such as \"P3D\", got {item?.ToJsonString() ?? "null"}");
        }

        return result;
    }

    private static bool Flag(JsonObject s, string key, bool fallback, List<string> problems)
    {
        if (s[key] is null) return fallback;
        if (s[key]!.GetValueKind() is JsonValueKind.True or JsonValueKind.False) return s[key]!.GetValue<bool>();
        problems.Add($"settings.{key}: expected true or false");
        return fallback;
    }

    private static int Whole(JsonObject s, string key, int fallback, List<string> problems)
    {
        if (s[key] is null) return fallback;
        if (ValueConversion.TryGetWholeNumber(s[key]!, out var n) && n is >= 0 and <= int.MaxValue) return (int)n;
        problems.Add($"settings.{key}: expected a whole number of at least 0");
        return fallback;
    }
}
