namespace TenderConsortium.Persistence.Opportunities;

/// <param name="Opportunities">The first IntakeOptions.MaxReported opportunities, for printing; the counts are complete.</param>
/// <param name="Warnings">Doubts that did not stop the import, e.g. CPV codes missing from CPV 2008.</param>
public sealed record OpportunityImportResult(int Created, int Updated, int Unchanged, IReadOnlyList<ImportedOpportunity> Opportunities, IReadOnlyList<string> Warnings)
{
    public int Total => Created + Updated + Unchanged;
}
