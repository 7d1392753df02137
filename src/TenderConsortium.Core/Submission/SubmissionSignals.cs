namespace TenderConsortium.Core.Submission;

public static class SubmissionSignals
{
    /// <summary>The lead records that the bid was submitted (key: opportunity id).</summary>
    public const string Submitted = "submission";

    /// <summary>The lead records the buyer's decision per lot (key: opportunity id).</summary>
    public const string Outcome = "outcome";
}
