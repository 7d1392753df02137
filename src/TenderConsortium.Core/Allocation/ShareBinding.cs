namespace TenderConsortium.Core.Allocation;

/// <summary>A rule that holds a share where it is: loosening it alone would change the share.</summary>
public enum ShareBinding
{
    /// <summary>The member declared no more: one more declared unit would be taken.</summary>
    Declaration,

    /// <summary>The consortium's cap per member in a lot: one more unit of cap would be taken.</summary>
    Cap,

    /// <summary>The member's overall capacity across lots: one more unit would be taken here.</summary>
    Capacity,

    /// <summary>The micro-member floor: without it the member would get less.</summary>
    Floor,
}
