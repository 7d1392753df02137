using TenderConsortium.Core.Common;

namespace TenderConsortium.Core.Declarations;

/// <summary>A genuine declaration that arrived after its deadline (and the lead has not reopened it for this member).</summary>
public sealed class DeclarationClosedException(string message) : BadInputException(message);
