using TenderConsortium.Core.Common;

namespace TenderConsortium.Core.Opportunities;

/// <summary>An insurance the bidder must hold, read from the notice's text.</summary>
/// <param name="Kind">employer's liability, public liability, professional indemnity, product liability, motor, or insurance when unnamed.</param>
/// <param name="Amount">The level of cover; null when the notice leaves it to the tender documents.</param>
/// <param name="Evidence">The sentence it was read from.</param>
public sealed record InsuranceRequirement(string Kind, Money? Amount, string Evidence);
