namespace TenderConsortium.Core.Common;

/// <summary>
/// A use case's refusal carrying typed <see cref="Problem"/>s. It is a <see cref="BadInputException"/>, so every
/// door that already answers bad input (exit 2, a 400 problem, an error summary) answers it too; doors that know
/// problems use <see cref="Items"/> for the field and the status instead of the text.
/// </summary>
public sealed class ProblemException(IReadOnlyList<Problem> problems) : BadInputException(problems.Select(p => p.ToString()).ToList())
{
    public ProblemException(string path, ProblemCode code, string message) : this([new Problem(path, code, message)]) { }

    public IReadOnlyList<Problem> Items { get; } = problems;

    /// <summary>The code that decides the answer: a conflict or a missing thing outranks plain invalid input.</summary>
    public ProblemCode Code => Items.Any(p => p.Code == ProblemCode.NotFound) ? ProblemCode.NotFound
        : Items.Any(p => p.Code == ProblemCode.Conflict) ? ProblemCode.Conflict : ProblemCode.Invalid;
}
