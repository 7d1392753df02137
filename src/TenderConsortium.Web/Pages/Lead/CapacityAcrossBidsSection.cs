using TenderConsortium.Application.Delivery.Capacity;
using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.Delivery;
using TenderConsortium.Web.Pages.Shared;

namespace TenderConsortium.Web.Pages.Lead;

/// <summary>
/// Beside the allocation on the lead's opportunity page: the members of these shares that would deliver more than
/// they declared across bids if every pending bid were won, so the lead sees it before approving.
/// </summary>
internal static class CapacityAcrossBidsSection
{
    public static async Task<Html> RenderAsync(IServiceProvider services, string opportunityId, StoredAllocation? allocation, string? consortiumId, CancellationToken ct)
    {
        if (allocation is null || services.GetService(typeof(ShowCapacityHandler)) is not ShowCapacityHandler capacity) return Html.Empty;
        var over = await capacity.HandleAsync(new ShowCapacity(OverCommittedOnly: true, ConsortiumId: consortiumId, Opportunity: opportunityId), ct);
        return H.Html($"""
            <h3 class="govuk-heading-s" id="capacity-across-bids">Capacity across bids</h3>
            {(over.Count == 0
                ? H.Html($"""<p class="govuk-body">No member of these shares would deliver more than it declared, even if every pending bid were won.</p>""")
                : H.Html($"""
                    <div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span><strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span> Check these members before you approve.</strong></div>
                    <ul class="govuk-list govuk-list--bullet">{H.Each(over, l => H.Html($"<li>{OverCommitment.Describe(l)}</li>"))}</ul>
                    """))}
            """);
    }
}
