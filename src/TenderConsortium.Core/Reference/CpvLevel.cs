namespace TenderConsortium.Core.Reference;

/// <summary>Depth in the CPV hierarchy, from the count of significant digits (2 = division … 6+ = subcategory).</summary>
public enum CpvLevel
{
    Division,
    Group,
    Class,
    Category,
    Subcategory,
}
