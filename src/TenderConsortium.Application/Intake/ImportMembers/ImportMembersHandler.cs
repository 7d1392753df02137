using TenderConsortium.Core.Intake;
using TenderConsortium.Core.Members;
using TenderConsortium.Persistence.Members;

namespace TenderConsortium.Application.Intake.ImportMembers;

/// <summary>The one way every door (page, API, CLI, demo) imports members. Every bad row is reported at once; nothing half-written.</summary>
public sealed class ImportMembersHandler(string connectionString, TimeProvider time)
{
    public Task<MemberImportResult> HandleAsync(ImportMembers command, CancellationToken cancellationToken = default)
    {
        var importer = new MemberImporter(connectionString, IntakeOptions.Default, new MemberValidator(), time) { ConsortiumId = command.ConsortiumId };
        return command.Content is { } content
            ? importer.ImportAsync(content, command.FileName, command.DryRun, cancellationToken)
            : importer.ImportFileAsync(command.FileName, command.DryRun, cancellationToken);
    }
}
