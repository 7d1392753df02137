using System.Globalization;
using TenderConsortium.Application.Delivery.Capacity;
using TenderConsortium.Core.Delivery;
using TenderConsortium.Web.Pages.Shared;
using static TenderConsortium.Core.Delivery.DeliveryText;

namespace TenderConsortium.Web.Pages.Delivery;

/// <summary>
/// A member's own capacity across every bid and contract it is in, month by month: what it would deliver if every
/// pending bid were won, against the most it said it could take on. Three narrow columns, so it reads on a phone;
/// the months it would be over-committed come first, with a warning.
/// </summary>
public static class CapacitySummary
{
    /// <summary>Months shown: enough for a year ahead without a long scroll on a phone.</summary>
    private const int MonthsShown = 12;

    /// <summary>For the member's declaration page: its total across bids, once it holds a share or a contract anywhere; else nothing.</summary>
    public static async Task<Html?> ForMemberAsync(IServiceProvider services, string memberId, CancellationToken ct)
    {
        if (services.GetService(typeof(ShowCapacityHandler)) is not ShowCapacityHandler capacity) return null;
        var ledger = (await capacity.HandleAsync(new ShowCapacity(memberId), ct)).FirstOrDefault();
        if (ledger is null || ledger.Months.All(m => m.Exposure == 0m)) return null;
        var today = Core.Common.DisplayTime.Current.Day(((TimeProvider?)services.GetService(typeof(TimeProvider)) ?? TimeProvider.System).GetUtcNow());
        return Render(ledger, today);
    }

    public static Html Render(CapacityLedger? ledger, DateOnly today)
    {
        var months = ledger?.Months.Where(m => m.Month.AddMonths(1) > today).OrderBy(m => m.Month).ThenBy(m => m.Unit, StringComparer.Ordinal).Take(MonthsShown).ToList() ?? [];
        if (months.Count == 0)
            return H.Html($"""<p class="govuk-body">You have no other pending bids or contracts with us, so nothing adds up across bids.</p>""");
        if (months.All(m => m.Allocated == 0m))
        {
            var busiest = months.MaxBy(m => m.Contracted)!;
            return H.Html($"""<p class="govuk-body">You are in no other bid waiting for the buyer's decision, so nothing can add to your contracts. At their busiest your contracts with us need about {Whole(busiest.Contracted)} {busiest.Unit} a month.</p>""");
        }

        var over = months.Where(m => m.OverCommitted).ToList();
        var table = Forms.Table("Your total across bids", ["Month", "If all won", "You can do"],
            months.Select(m => (IReadOnlyList<Html>)
            [
                Forms.Text(ShortMonth(m.Month)),
                H.Html($"{Whole(m.Exposure)} {m.Unit}{(m.OverCommitted ? H.Html($" {Forms.Tag("Too much", "red")}") : Html.Empty)}"),
                Forms.Text(m.Declared > 0 ? $"{Whole(m.Declared)} {m.Unit}" : "no bid open"),
            ]), "govuk-table__caption--s");
        // Folded when all is well (a phone page stays short); open, under a warning, when a month is over-committed.
        return H.Html($"""
            {(over.Count == 0
                ? H.Html($"""<p class="govuk-body">If every bid you are in were won, you would never be asked for more than you told us you can deliver.</p>""")
                : H.Html($"""<div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span><strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span> If every bid you are in were won, you would be asked for more than you can deliver in {Month(over[0].Month)}: {Whole(over[0].Exposure)} {over[0].Unit} against the {Whole(over[0].Declared)} you told us. Tell the lead if you cannot take it all on.</strong></div>"""))}
            <details class="govuk-details" id="capacity-months"{(over.Count == 0 ? "" : " open")}>
            <summary class="govuk-details__summary"><span class="govuk-details__summary-text">Your commitments on other bids, month by month</span></summary>
            <div class="govuk-details__text">
            {table}
            <p class="govuk-body-s">"If all won" adds your share in bids not yet decided to your contracts. "You can do" is the most you declared for that month in any one bid.</p>
            </div>
            </details>
            """);
    }

    /// <summary>Volumes spread over days are estimates: whole units read better than 203.84 hours.</summary>
    private static string Whole(decimal quantity) => Quantity(decimal.Round(quantity, 0, MidpointRounding.AwayFromZero));

    private static string Month(DateOnly month) => month.ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"Apr 2027": GOV.UK style abbreviates months only where space is short, as in this table on a phone.</summary>
    private static string ShortMonth(DateOnly month) => month.ToString("MMM yyyy", CultureInfo.InvariantCulture);
}
