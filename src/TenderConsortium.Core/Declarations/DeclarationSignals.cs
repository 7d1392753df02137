namespace TenderConsortium.Core.Declarations;

/// <summary>Bookmark names the declaration stage waits on; the web app, API and CLI resume them.</summary>
public static class DeclarationSignals
{
    /// <summary>One per invited member (key: member id): the member declared or declined.</summary>
    public const string Declaration = "declaration";

    /// <summary>The lead's actions on the round (key: opportunity id): extend the deadline or close it now.</summary>
    public const string Round = "declarations-round";
}
