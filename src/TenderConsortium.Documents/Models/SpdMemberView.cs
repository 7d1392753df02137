namespace TenderConsortium.Documents.Models;

/// <summary>One member's SPD items: present, or what is missing.</summary>
public sealed class SpdMemberView
{
    public string Member { get; set; } = "";

    public string PartTwo { get; set; } = "";

    public string PartThree { get; set; } = "";

    public string PartFour { get; set; } = "";

    public string PromptPayment { get; set; } = "";

    public string Subcontracted { get; set; } = "";

    public string Missing { get; set; } = "";
}
