namespace TenderConsortium.Core.Matching;

/// <summary>One member against one lot: its score, whether it fails a hard rule, and (when explained) the words for both.</summary>
internal sealed class MemberEvaluation
{
    public required int Ordinal { get; init; }
    public required CpvCloseness Closeness { get; init; }
    public required double Score { get; init; }
    public required bool Failed { get; init; }
    public bool FailedPlace { get; init; }
    public required IReadOnlyList<string> Reasons { get; init; }
    public required IReadOnlyList<string> Failures { get; init; }
}
