using TenderConsortium.Core.Opportunities;
using TenderConsortium.Persistence.Common;

namespace TenderConsortium.Persistence.Opportunities;

public sealed record ImportedOpportunity(string Id, Opportunity Opportunity, ImportOutcome Outcome, int Revision);
