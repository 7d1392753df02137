namespace TenderConsortium.Core.Common;

/// <summary>
/// Why a use case refused: where (a field, a JSON path, or the thing acted on), a stable code a door maps to its
/// own way of saying it (400 or 409, a form field, exit 2), and the sentence a person reads. Doors never parse the
/// message back.
/// </summary>
public sealed record Problem(string Path, ProblemCode Code, string Message)
{
    /// <summary>"path: message", the form the CLI prints and older callers read.</summary>
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}
