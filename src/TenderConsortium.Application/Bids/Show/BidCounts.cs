namespace TenderConsortium.Application.Bids.Show;

/// <param name="Invited">Members invited to declare.</param>
/// <param name="Answered">Members who declared or declined.</param>
/// <param name="Declined">Members who said they cannot take part.</param>
/// <param name="Allocated">Members with a share in the current allocation.</param>
/// <param name="Accepted">Members who accepted their share.</param>
public sealed record BidCounts(int Invited, int Answered, int Declined, int Allocated, int Accepted);
