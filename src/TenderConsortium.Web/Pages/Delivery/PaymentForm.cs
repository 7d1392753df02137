using System.Globalization;
using Microsoft.AspNetCore.Http;
using TenderConsortium.Application.Delivery;
using TenderConsortium.Application.Delivery.Show;
using TenderConsortium.Core.Common;
using TenderConsortium.Web.Pages.Shared;
using static TenderConsortium.Core.Delivery.DeliveryText;

namespace TenderConsortium.Web.Pages.Delivery;

/// <summary>
/// The lead's "record a payment" form on a contract's page: which invoice (only those still owed), the day the money
/// went or arrived, the amount and the bank reference; read back with a plain message per box.
/// </summary>
internal static class PaymentForm
{
    public const string Invoice = "payment-invoice", Date = "payment-date", Amount = "payment-amount", Reference = "payment-reference";

    public sealed record Parsed(string InvoiceId, DateOnly PaidOn, decimal Amount, string Reference);

    public static IReadOnlyList<InvoiceView> Owed(DeliveryView view) =>
        view.MemberInvoices.Concat(view.Periods.Select(p => p.BuyerInvoice).OfType<InvoiceView>()).Where(i => i.Outstanding > 0).OrderBy(i => i.DueOn).ToList();

    public static Html Render(HttpContext http, DeliveryView view, FormState? form)
    {
        var owed = Owed(view);
        if (owed.Count == 0) return H.Html($"""<h2 class="govuk-heading-m" id="payment">Record a payment</h2><p class="govuk-body">Nothing is owed on any invoice.</p>""");
        var today = view.AsOf;
        return H.Html($"""
            <h2 class="govuk-heading-m" id="payment">Record a payment</h2>
            <form method="post" action="/lead/delivery/{Uri.EscapeDataString(view.OpportunityId)}/payment" novalidate>
              {Forms.Antiforgery(http)}
              {Forms.Select(Invoice, Invoice, "Invoice",
                  owed.Select(i => (i.Id, i.MemberId is null ? $"{i.Id}: {view.Buyer} pays you {Money(i.Outstanding)}" : $"{i.Id}: you pay {i.Payee} {Money(i.Outstanding)}, due {Day(i.DueOn)}")).ToList(),
                  form?.Value(Invoice), form)}
              {Forms.DateInput(Date, Date, "Day the money was paid", (form?.Value(Date + "-day") ?? today.Day.ToString(CultureInfo.InvariantCulture),
                  form?.Value(Date + "-month") ?? today.Month.ToString(CultureInfo.InvariantCulture), form?.Value(Date + "-year") ?? today.Year.ToString(CultureInfo.InvariantCulture)), form,
                  "For example, 24 1 2027")}
              {Forms.TextInput(Amount, Amount, "Amount in pounds", form?.Value(Amount), form, "For example, 1333.00", "govuk-input--width-10", inputMode: "decimal")}
              {Forms.TextInput(Reference, Reference, "Bank or remittance reference", form?.Value(Reference), form, "As it appears on the bank statement, so the same payment is never recorded twice", "govuk-input--width-20")}
              {Forms.Button("Record payment")}
            </form>
            """);
    }

    public static Parsed? Read(DeliveryView view, FormState form)
    {
        var invoice = form.Value(Invoice);
        if (Owed(view).All(i => i.Id != invoice)) form.Error(Invoice, "Choose the invoice the payment is for");
        DateOnly? day = null;
        if (int.TryParse(form.Value(Date + "-day").Trim(), CultureInfo.InvariantCulture, out var d) && int.TryParse(form.Value(Date + "-month").Trim(), CultureInfo.InvariantCulture, out var m)
            && int.TryParse(form.Value(Date + "-year").Trim(), CultureInfo.InvariantCulture, out var y) && y is >= 2000 and <= 2100 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m))
            day = new DateOnly(y, m, d);
        else form.Error(Date + "-day", "Enter the day the money was paid as a real date, for example 24 1 2027");
        if (day > view.AsOf) form.Error(Date + "-day", "The day paid cannot be in the future; record a payment once it is made");
        var amountText = form.Value(Amount).Trim().TrimStart('£').Replace(",", "", StringComparison.Ordinal);
        decimal amount = 0;
        if (amountText.Length == 0) form.Error(Amount, "Enter the amount paid in pounds, for example 1333.00");
        else if (!decimal.TryParse(amountText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount) || amount <= 0 || decimal.Round(amount, 2) != amount)
            form.Error(Amount, "Enter the amount as pounds and pence, more than 0, for example 1333.00");
        var reference = form.Value(Reference).Trim();
        if (reference.Length == 0) form.Error(Reference, "Enter the bank or remittance reference of the payment");
        return form.HasErrors ? null : new Parsed(invoice, day!.Value, amount, reference);
    }

    /// <summary>The contract's own refusals (more than is owed, a reference already used) beside the box they are about.</summary>
    public static void Show(IEnumerable<Problem> problems, FormState form)
    {
        foreach (var problem in problems)
        {
            var field = problem.Path switch
            {
                "amount" => Amount,
                "reference" => Reference,
                "date" or "paidOn" => Date + "-day",
                _ => Invoice,
            };
            form.Error(field, problem.Message.Length == 0 ? problem.Message : char.ToUpperInvariant(problem.Message[0]) + problem.Message[1..]);
        }
    }
}
