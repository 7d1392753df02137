namespace TenderConsortium.Core.Declarations;

/// <summary>The units a lead can split a lot in. "value" means whole pounds of contract value.</summary>
public static class LotUnits
{
    public const string Hours = "hours";
    public const string Places = "places";
    public const string Sessions = "sessions";
    public const string Value = "value";

    public static IReadOnlyList<string> All { get; } = [Hours, Places, Sessions, Value];

    public static bool IsKnown(string unit) => All.Contains(unit);
}
