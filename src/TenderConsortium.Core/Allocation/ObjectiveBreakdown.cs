namespace TenderConsortium.Core.Allocation;

/// <summary>
/// The objective in its integer parts (see docs/allocation.md). <see cref="Floors"/> is the floor penalty times the
/// units by which micro members fall short of their floors; <see cref="Uncovered"/> is the gap penalty times the
/// uncovered units. <see cref="Total"/> is what the solver minimises.
/// </summary>
public sealed record ObjectiveBreakdown(
    long Price,
    long Quality,
    long SocialValue,
    long Locality,
    long Concentration,
    long Rotation,
    long Floors,
    long Uncovered,
    long FloorShortfallUnits,
    long UncoveredUnits)
{
    public static ObjectiveBreakdown Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>The weighted cost alone (third level): price, quality, social value, locality, concentration, rotation.</summary>
    public long WeightedCost => checked(Price + Quality + SocialValue + Locality + Concentration + Rotation);

    public long Total => checked(WeightedCost + Floors + Uncovered);

    public static ObjectiveBreakdown operator +(ObjectiveBreakdown a, ObjectiveBreakdown b) => new(
        checked(a.Price + b.Price),
        checked(a.Quality + b.Quality),
        checked(a.SocialValue + b.SocialValue),
        checked(a.Locality + b.Locality),
        checked(a.Concentration + b.Concentration),
        checked(a.Rotation + b.Rotation),
        checked(a.Floors + b.Floors),
        checked(a.Uncovered + b.Uncovered),
        a.FloorShortfallUnits + b.FloorShortfallUnits,
        a.UncoveredUnits + b.UncoveredUnits);
}
