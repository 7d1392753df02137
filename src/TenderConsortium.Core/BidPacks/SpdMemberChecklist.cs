namespace TenderConsortium.Core.BidPacks;

public sealed record SpdMemberChecklist(string MemberId, string MemberName, IReadOnlyList<SpdItem> Items)
{
    public IReadOnlyList<string> Missing => Items.Where(i => !i.Present).Select(i => $"{SpdWords.Part(i.Part)}: {i.Detail}").ToList();
}
