namespace TenderConsortium.Core.Common;

/// <summary>
/// Input from a person or a file that cannot be accepted. Each problem names where it is (a field, a JSON path,
/// a line and column) and what was expected; hosts turn it into exit code 2 or an HTTP 400 problem.
/// </summary>
public class BadInputException : Exception
{
    public BadInputException(string message) : this([message]) { }

    public BadInputException(IReadOnlyList<string> problems)
        : base(problems.Count == 1 ? problems[0] : string.Join(Environment.NewLine, problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<string> Problems { get; }
}
