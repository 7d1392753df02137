using TenderConsortium.Core.Opportunities;
using TenderConsortium.Persistence.Opportunities;

namespace TenderConsortium.Application.Intake.ImportNotice;

/// <summary>The one way every door (page, API, CLI, demo) imports a notice. Bad input is refused whole, naming the field.</summary>
public sealed class ImportNoticeHandler(string connectionString, TimeProvider time)
{
    public Task<OpportunityImportResult> HandleAsync(ImportNotice command, CancellationToken cancellationToken = default)
    {
        var importer = new OpportunityImporter(connectionString, new NoticeReader(), time) { ConsortiumId = command.ConsortiumId };
        return command.Content is { } content
            ? importer.ImportAsync(content, command.FileName, cancellationToken)
            : importer.ImportFileAsync(command.FileName, cancellationToken);
    }
}
