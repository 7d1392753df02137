namespace TenderConsortium.Core.Opportunities;

/// <param name="Type">quality, price or cost (OCDS awardCriteria codelist), or as published.</param>
/// <param name="Weight">Null when the notice gives none (the Taxi lot 2 "Price 100%" lives only in prose).</param>
/// <param name="Text">The published description when it was not a weight, so nothing the buyer wrote is lost.</param>
public sealed record AwardCriterion(string Type, string? Name, CriterionWeight? Weight, string? Text = null);
