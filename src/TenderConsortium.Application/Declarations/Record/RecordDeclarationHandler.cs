using TenderConsortium.Core.Common;
using TenderConsortium.Core.Declarations;

namespace TenderConsortium.Application.Declarations.Record;

/// <summary>
/// Records a declaration: the link or the lead's right to answer for the member, every field checked against the
/// opportunity and the round's lot terms (each refusal a <see cref="Problem"/> naming its field, in the lot's units),
/// a new revision stored, and the bid's workflow told. The form, <c>PUT …/declaration</c> and <c>tender declare</c>
/// all come here.
/// </summary>
public sealed class RecordDeclarationHandler(DeclarationService declarations)
{
    /// <summary>The path of a refusal about the declaration as a whole (closed round, unreadable answer).</summary>
    public const string Whole = "declaration";

    public async Task<CapacityDeclaration> HandleAsync(RecordDeclaration command, CancellationToken cancellationToken = default)
    {
        if ((command.Json is null) == (command.Answer is null))
            throw new ProblemException(Whole, ProblemCode.Invalid, "Send the declaration once, either as a file or as a form");
        try
        {
            if (command.Token is not null)
                return command.Answer is { } answer
                    ? await declarations.SubmitWithTokenAsync(command.Token, answer, cancellationToken)
                    : await declarations.SubmitWithTokenAsync(command.Token, command.Json!, cancellationToken);
            if (command.Opportunity is null || command.MemberId is null)
                throw new ProblemException("member", ProblemCode.Invalid, "Name the opportunity and the member the declaration is for");
            return await declarations.SubmitForMemberAsync(command.Opportunity, command.MemberId,
                command.Json ?? command.Answer!.Value.GetRawText(), command.Actor ?? "lead", cancellationToken);
        }
        catch (DeclarationClosedException closed)
        {
            // A genuine answer after the round closed: the answer is fine, the bid no longer takes it.
            throw new ProblemException(Whole, ProblemCode.Conflict, closed.Message);
        }
    }
}
