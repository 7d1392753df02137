namespace TenderConsortium.Core.BidPacks;

/// <summary>
/// The Single Procurement Document's parts in words, so "Part IV" or "4C.4" never reaches a lead, an adviser or a
/// member unexplained: the form is named in full where it first appears, and each part says what it asks.
/// </summary>
public static class SpdWords
{
    /// <summary>What the SPD is, for the first mention on a page or in a document.</summary>
    public const string WhatItIs =
        "The Single Procurement Document (SPD) is the standard form buyers use to check bidders. Part II asks who the bidder is "
        + "and which sub-contractors it relies on (II.C and II.D), Part III whether any ground for excluding it applies, and "
        + "Part IV whether it meets the selection criteria: 4B asks about money (turnover and insurance), 4C about technical and "
        + "professional ability (4C.4: paying suppliers on time; 4C.10: the share of the contract sub-contracted).";

    /// <summary>A part as a check or a table names it: "turnover and insurance (Part IV)".</summary>
    public static string Part(string part) => part switch
    {
        "II.A/B" => "identity (Part II.A–B)",
        "III" => "exclusion grounds (Part III)",
        "IV" => "turnover and insurance (Part IV)",
        "4C.4" => "invoices paid on time (Part 4C.4)",
        "4C.10" => "share sub-contracted (Part 4C.10)",
        _ => $"Part {part}",
    };
}
