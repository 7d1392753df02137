namespace TenderConsortium.Core.Opportunities;

/// <summary>How and where bids go in (OCDS tender.submissionMethod / submissionMethodDetails, lots' variantPolicy).</summary>
/// <param name="Methods">As published, e.g. electronicSubmission, written, inPerson.</param>
/// <param name="Portal">The submission portal's address when the notice gives one.</param>
/// <param name="VariantsAllowed">Null when the notice does not say; false when every lot says notAllowed.</param>
public sealed record SubmissionDetails(IReadOnlyList<string> Methods, string? Details, string? Portal, bool? VariantsAllowed);
