namespace TenderConsortium.Core.Common;

/// <summary>
/// Where the people reading pages, emails, documents and the CLI are: every instant is stored in UTC and shown in this
/// zone. The consortia are in Scotland, so the default is UK time (GMT in winter, BST in summer). Setting section "Display".
/// </summary>
public sealed class DisplayTimeOptions
{
    public const string Section = "Display";

    /// <summary>An IANA time zone id such as Europe/London.</summary>
    public string TimeZone { get; set; } = DisplayTime.UkZoneId;

    /// <summary>How a time names its zone to a reader, after the time: "5pm (UK time)".</summary>
    public string ZoneName { get; set; } = "UK time";

    /// <summary>The settings' problems in words (an unknown zone, an empty name); empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (DisplayTime.FindZone(TimeZone) is null) problems.Add($"Display:TimeZone: '{TimeZone}' is not a known time zone such as Europe/London");
        if (string.IsNullOrWhiteSpace(ZoneName)) problems.Add("Display:ZoneName: give the words readers know the zone by, such as UK time");
        return problems;
    }
}
