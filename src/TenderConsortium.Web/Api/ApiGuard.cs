using Microsoft.AspNetCore.Http;
using TenderConsortium.Core.Common;
using TenderConsortium.Web.Intake;
using TenderConsortium.Workflows;

namespace TenderConsortium.Web.Api;

/// <summary>Runs an endpoint's work and turns what a caller got wrong into a 400 problem naming it.</summary>
public static class ApiGuard
{
    public static async Task<IResult> RunAsync(Func<Task<IResult>> work)
    {
        try
        {
            return await work();
        }
        catch (ProblemException ex)
        {
            return BadInputProblem.From(ex, ex.Code switch
            {
                ProblemCode.Conflict => StatusCodes.Status409Conflict,
                ProblemCode.NotFound => StatusCodes.Status404NotFound,
                _ => StatusCodes.Status400BadRequest,
            });
        }
        catch (BadInputException ex)
        {
            return BadInputProblem.From(ex);
        }
        catch (WorkflowNotFoundException ex)
        {
            return BadInputProblem.From(new BadInputException($"workflow: {ex.Message}"));
        }
        catch (WorkflowInputException ex)
        {
            return BadInputProblem.From(new BadInputException(ex.Message));
        }
    }
}
