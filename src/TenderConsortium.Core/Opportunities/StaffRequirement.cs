namespace TenderConsortium.Core.Opportunities;

/// <summary>What the notice asks about the people who will do the work.</summary>
/// <param name="NamesAndQualifications">The bid must name the staff and give their qualifications (OCDS otherRequirements.requiresStaffNamesAndQualifications, or said in the text).</param>
/// <param name="Evidence">The field or sentences it was read from.</param>
public sealed record StaffRequirement(bool NamesAndQualifications, IReadOnlyList<string> Evidence);
