namespace TenderConsortium.Core.Matching;

/// <summary>
/// How close a member's CPV code is to a lot's, by the digits they share: the CPV hierarchy is division (2 digits),
/// group (3), class (4), category (5+). The value is the number of leading digits that must agree.
/// </summary>
public enum CpvCloseness
{
    None = 0,
    Division = 2,
    Group = 3,
    Class = 4,
    Category = 5,
    Exact = 8,
}
