using System.CommandLine;
using TenderConsortium.Core.Common;

namespace TenderConsortium.Cli.Infrastructure;

/// <summary>
/// "--confirm" on the lead's commands whose action has a consequence (closing declarations with members still to
/// answer, approving shares with a gap): without it the command says the consequence and exits 2.
/// </summary>
internal static class ConfirmOption
{
    public static Option<bool> Create(string consequence) => new("--confirm") { Description = $"Go ahead even though {consequence}" };

    /// <summary>Runs <paramref name="work"/>; a refusal for want of confirmation names --confirm instead of the handler's field.</summary>
    public static async Task RunAsync(Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (ProblemException ex) when (ex.Items.Any(p => p.Code == ProblemCode.Unconfirmed))
        {
            throw new ProblemException(ex.Items.Select(p => p.Code == ProblemCode.Unconfirmed ? p with { Path = "--confirm", Message = $"{p.Message} Run again with --confirm to go ahead." } : p)
                .ToList());
        }
    }
}
