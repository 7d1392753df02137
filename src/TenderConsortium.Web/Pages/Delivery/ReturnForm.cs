using System.Globalization;
using Microsoft.AspNetCore.Http;
using TenderConsortium.Application.Delivery.MemberLink;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Delivery;
using TenderConsortium.Web.Pages.Shared;
using static TenderConsortium.Core.Delivery.DeliveryText;

namespace TenderConsortium.Web.Pages.Delivery;

/// <summary>
/// The member's return form: one box per lot in the lot's unit, one per social-value measure it promised, evidence
/// notes. Read back with plain messages that name the box and say what to type; problems from the contract's own
/// checks go back to the box they are about.
/// </summary>
internal static class ReturnForm
{
    public const string PeriodField = "period", EvidenceField = "evidence";

    public static string Output(int line) => $"output-{line}";

    public static string SocialValue(int commitment) => $"sv-{commitment}";

    /// <param name="SocialValueFields">For each social-value entry sent, the box it came from.</param>
    public sealed record Parsed(int Period, IReadOnlyList<OutputLine> Outputs, IReadOnlyList<SocialValueDelivered> SocialValue, string? Evidence,
        IReadOnlyList<string> SocialValueFields);

    /// <summary>The period offered first: the earliest finished one still without a return, else the latest open one.</summary>
    public static ReturnPeriodView? Suggested(MemberDeliveryView view)
    {
        var open = view.Returns.Where(r => r.Open).ToList();
        return open.FirstOrDefault(r => r.Ended && r.Return is null) ?? open.LastOrDefault(r => r.Ended) ?? open.LastOrDefault();
    }

    public static Html Render(HttpContext http, string token, MemberDeliveryView view, FormState? form)
    {
        var open = view.Returns.Where(r => r.Open).ToList();
        if (open.Count == 0)
            return H.Html($"""<h2 class="govuk-heading-m" id="return">Your return</h2><p class="govuk-body">There is no period to send a return for yet. The first one starts on {Day(view.CurrentPeriod.Start)}.</p>""");
        var suggested = Suggested(view)!;
        var chosen = form is not null && int.TryParse(form.Value(PeriodField), out var p) ? open.FirstOrDefault(r => r.Period.Number == p) ?? suggested : suggested;
        string Value(string field, string? stored) => form is not null ? form.Value(field) : stored ?? "";
        var periodChoice = open.Count == 1
            ? H.Html($"""<input type="hidden" name="{PeriodField}" value="{chosen.Period.Number}"><p class="govuk-body" id="{PeriodField}">For {Period(chosen.Period)}.</p>""")
            : Forms.Select(PeriodField, PeriodField, "Which period is this return for?",
                open.Select(r => (r.Period.Number.ToString(CultureInfo.InvariantCulture), Short(r))).ToList(),
                chosen.Period.Number.ToString(CultureInfo.InvariantCulture), form);
        var outputs = H.Each(view.Lines, (line, i) => Forms.TextInput(Output(i), Output(i), $"Lot {line.LotId}, {line.LotTitle}: {line.Unit} delivered",
            Value(Output(i), chosen.Return?.Output(line.LotId).ToString("0.##", CultureInfo.InvariantCulture)), form,
            hint: $"At {Money(line.PricePerUnit)} each. Enter 0 if none.", width: "govuk-input--width-5", inputMode: "decimal"));
        var socialValue = view.Commitments.Count == 0 ? Html.Empty : H.Html($"""
            <fieldset class="govuk-fieldset">
              <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Social value you delivered in this period</legend>
              {H.Each(view.Commitments, (c, i) => Forms.TextInput(SocialValue(i), SocialValue(i), $"{c.MeasureId}: {c.Unit}",
                  Value(SocialValue(i), chosen.Return?.SocialValue.Where(s => string.Equals(s.MeasureId, c.MeasureId, StringComparison.OrdinalIgnoreCase)).Sum(s => s.Quantity).ToString("0.##", CultureInfo.InvariantCulture)),
                  form, hint: $"You promised {Quantity(c.Quantity)} over the contract. Leave empty if none this period.", width: "govuk-input--width-5", inputMode: "decimal"))}
            </fieldset>
            """);
        return H.Html($"""
            <h2 class="govuk-heading-m" id="return">Your return</h2>
            <p class="govuk-body">{(chosen.Return is { } sent
                ? $"You sent this return on {DisplayTime.Current.Date(sent.SubmittedAt)}. If something in it is wrong, change it and send it again: your invoice follows it until it is paid."
                : chosen.Ended
                ? "Tell us what you delivered. Once you send it, it is also your invoice: we work out the amount from your agreed prices."
                : $"This period runs until {Day(chosen.Period.End)}. You can send what you have so far and send it again at the end; then it becomes your invoice.")}</p>
            <form method="post" action="/delivery/m/{Uri.EscapeDataString(token)}/return" novalidate>
              {Forms.Antiforgery(http)}
              {periodChoice}
              {outputs}
              {socialValue}
              {Forms.Textarea(EvidenceField, EvidenceField, "Evidence notes (optional)", Value(EvidenceField, chosen.Return?.Evidence), form,
                  hint: "What the buyer may ask to see, for example timesheets or session registers, and where they are kept.")}
              {Forms.Button(chosen.Return is not null ? "Send corrected return" : chosen.Ended ? "Send return and invoice" : "Save return")}
            </form>
            """);
    }

    /// <summary>"Period 2: 24 Oct to 23 Nov 2026 (sent)": short enough for a select on a 375 px phone.</summary>
    public static string Short(ReturnPeriodView r) =>
        $"Period {r.Period.Number}: {r.Period.Start.ToString(r.Period.Start.Year == r.Period.End.Year ? "d MMM" : "d MMM yyyy", CultureInfo.InvariantCulture)} to " +
        $"{r.Period.End.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}{(r.Return is null ? "" : " (sent)")}";

    public static Parsed Read(MemberDeliveryView view, FormState form)
    {
        var period = int.TryParse(form.Value(PeriodField), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && view.Returns.Any(r => r.Period.Number == p && r.Open)
            ? p
            : Fail(form, PeriodField, "Choose a period that is still open for returns", 0);
        var outputs = new List<OutputLine>();
        foreach (var (line, i) in view.Lines.Select((l, i) => (l, i)))
        {
            var text = form.Value(Output(i)).Trim();
            if (text.Length == 0) form.Error(Output(i), $"Enter how many {line.Unit} you delivered in lot {line.LotId}, or 0 if none");
            else if (Number(text) is not { } quantity) form.Error(Output(i), $"Enter the {line.Unit} for lot {line.LotId} as a number, like 43 or 42.5");
            else if (quantity < 0) form.Error(Output(i), $"The {line.Unit} for lot {line.LotId} cannot be less than 0");
            else outputs.Add(new OutputLine(line.LotId, quantity));
        }

        var socialValue = new List<SocialValueDelivered>();
        var fields = new List<string>();
        foreach (var (commitment, i) in view.Commitments.Select((c, i) => (c, i)))
        {
            var text = form.Value(SocialValue(i)).Trim();
            if (text.Length == 0) continue;
            if (Number(text) is not { } quantity || quantity < 0)
            {
                form.Error(SocialValue(i), $"Enter {commitment.MeasureId} ({commitment.Unit}) as a number of 0 or more, or leave it empty");
                continue;
            }

            socialValue.Add(new SocialValueDelivered(commitment.MeasureId, quantity, commitment.Unit));
            fields.Add(SocialValue(i));
        }

        var evidence = form.Value(EvidenceField).Trim();
        return new Parsed(period, outputs, socialValue, evidence.Length == 0 ? null : evidence, fields);
    }

    /// <summary>The contract's own refusals, each beside the box it is about.</summary>
    public static void Show(IEnumerable<Problem> problems, Parsed parsed, FormState form)
    {
        foreach (var problem in problems)
        {
            var field = problem.Path switch
            {
                var x when x.StartsWith("outputs[", StringComparison.Ordinal) => Output(Index(x)),
                var x when x.StartsWith("socialValue[", StringComparison.Ordinal) => Index(x) < parsed.SocialValueFields.Count ? parsed.SocialValueFields[Index(x)] : PeriodField,
                EvidenceField => EvidenceField,
                _ => PeriodField,
            };
            form.Error(field, Sentence(problem.Message));
        }
    }

    private static int Index(string path) => int.TryParse(path[(path.IndexOf('[') + 1)..path.IndexOf(']')], CultureInfo.InvariantCulture, out var i) ? i : 0;

    private static string Sentence(string message) => message.Length == 0 ? message : char.ToUpperInvariant(message[0]) + message[1..];

    /// <summary>"43", "42.5", "1,200": a quantity as people type it.</summary>
    private static decimal? Number(string text) =>
        decimal.TryParse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static int Fail(FormState form, string field, string message, int fallback)
    {
        form.Error(field, message);
        return fallback;
    }
}
