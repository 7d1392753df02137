namespace TenderConsortium.Documents.Models;

/// <summary>One automatic check as the appendix prints it.</summary>
public sealed class CheckView
{
    public string Check { get; set; } = "";

    public string Result { get; set; } = "";

    public string Detail { get; set; } = "";
}
