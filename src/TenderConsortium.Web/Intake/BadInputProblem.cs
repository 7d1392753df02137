using Microsoft.AspNetCore.Http;
using TenderConsortium.Core.Common;

namespace TenderConsortium.Web.Intake;

public static class BadInputProblem
{
    /// <summary>400 with a problem-details body listing every problem, each naming its field or line.</summary>
    public static IResult From(BadInputException ex, int status = StatusCodes.Status400BadRequest) =>
        Results.Problem(
            title: status switch
            {
                StatusCodes.Status409Conflict => "The bid is not in a state that allows this",
                StatusCodes.Status404NotFound => "Not found",
                _ => "The input cannot be accepted",
            },
            detail: ex.Problems.Count == 1 ? ex.Problems[0] : $"{ex.Problems.Count} problems; see errors.",
            statusCode: status,
            extensions: ex is ProblemException typed
                ? new Dictionary<string, object?>
                {
                    ["errors"] = ex.Problems,
                    ["problems"] = typed.Items.Select(p => new { path = p.Path, code = p.Code.ToString().ToLowerInvariant(), message = p.Message }).ToList(),
                }
                : new Dictionary<string, object?> { ["errors"] = ex.Problems });
}
