using Microsoft.AspNetCore.Http;
using TenderConsortium.Core.Common;

namespace TenderConsortium.Web.Intake;

public static class BadInputProblem
{
    /// <summary>400 with a problem-details body listing every problem, each naming its field or line.</summary>
    public static IResult From(BadInputException ex) =>
        Results.Problem(
            title: "The input cannot be accepted",
            detail: ex.Problems.Count == 1 ? ex.Problems[0] : $"{ex.Problems.Count} problems; see errors.",
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["errors"] = ex.Problems });
}
