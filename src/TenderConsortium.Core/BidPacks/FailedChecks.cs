using TenderConsortium.Core.Common;

namespace TenderConsortium.Core.BidPacks;

/// <summary>
/// The rule that makes the automatic checks matter: approving a pack or recording its submission while a check of
/// that pack fails needs a recorded reason per failed check. Every failed check without a reason is one problem whose
/// path names the check (<c>checks.certifications</c>), so each door can put the message beside that check.
/// </summary>
public static class FailedChecks
{
    public const int MaxReasonLength = 1000;

    /// <summary>The path of a check's reason in a problem, a form, a JSON body.</summary>
    public static string PathOf(string checkId) => "checks." + checkId;

    /// <summary>
    /// The failed checks of <paramref name="checks"/>, each with its reason from <paramref name="reasons"/> (by check
    /// id); refused with one problem per failed check that has none, and per reason that names no failed check.
    /// </summary>
    /// <param name="action">What is being done, for the message: "approve this bid pack", "record the submission".</param>
    public static IReadOnlyList<AcceptedCheck> Accept(BidPackChecks? checks, IReadOnlyDictionary<string, string>? reasons, string action)
    {
        reasons ??= new Dictionary<string, string>();
        var failed = checks?.Checks.Where(c => c.Status == CheckStatus.Fail).ToList() ?? [];
        var problems = new List<Problem>();
        var accepted = new List<AcceptedCheck>();
        foreach (var check in failed)
        {
            var reason = reasons.TryGetValue(check.Id, out var r) ? r?.Trim() ?? "" : "";
            if (reason.Length == 0)
                problems.Add(new Problem(PathOf(check.Id), ProblemCode.Conflict,
                    $"the check \"{check.Title}\" failed in bid pack version {checks!.Version}: {check.Detail.TrimEnd('.')}. Say why you {action} all the same, or fix it and build the pack again"));
            else if (reason.Length > MaxReasonLength)
                problems.Add(new Problem(PathOf(check.Id), ProblemCode.Invalid, $"enter at most {MaxReasonLength:N0} characters for why you accept \"{check.Title}\""));
            else accepted.Add(new AcceptedCheck(check.Id, check.Title, check.Detail, reason));
        }

        foreach (var (id, reason) in reasons.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if (string.IsNullOrWhiteSpace(reason) || failed.Any(c => c.Id == id)) continue;
            var known = checks?.Checks.FirstOrDefault(c => c.Id == id);
            problems.Add(new Problem(PathOf(id), ProblemCode.Invalid, known is null
                ? $"bid pack version {checks?.Version ?? 0} has no check '{id}'; give reasons only for its failed checks"
                : $"the check \"{known.Title}\" did not fail in bid pack version {checks!.Version}; no reason is needed"));
        }

        if (problems.Count > 0) throw new ProblemException(problems);
        return accepted;
    }
}
