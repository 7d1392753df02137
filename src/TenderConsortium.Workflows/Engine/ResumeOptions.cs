namespace TenderConsortium.Workflows;

/// <summary>How a signal is delivered (see <see cref="WorkflowRuntime.ResumeAsync(Guid, string, string, System.Text.Json.Nodes.JsonNode?, ResumeOptions, CancellationToken)"/>).</summary>
/// <param name="IdempotencyKey">The same key again is answered <see cref="ResumeStatus.Duplicate"/>; null makes one up (never a duplicate).</param>
/// <param name="Actor">Who sent it, for the journal.</param>
/// <param name="OnlyIfWaiting">
/// Deliver it only if the instance waits on that bookmark at this moment, decided inside the call's transaction:
/// otherwise the answer is <see cref="ResumeStatus.NotWaiting"/> and nothing is kept. For a person's answer at a stage
/// that may have passed (asking "is it waiting?" and then resuming leaves a gap in which the answer would be kept for
/// a later stage). Without it, a signal that comes early is kept until its bookmark appears.
/// </param>
public readonly record struct ResumeOptions(string? IdempotencyKey = null, string? Actor = null, bool OnlyIfWaiting = false);
