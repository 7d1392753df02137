using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TenderConsortium.Documents.Activities;
using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Reference;
using TenderConsortium.Web.Composition;
using TenderConsortium.Web.Declarations;
using TenderConsortium.Web.Pages.Shared;

namespace TenderConsortium.Web.Pages.Member;

/// <summary>
/// A member's page behind its emailed link (/d/{token}, no account): the opportunity in plain words, the declaration
/// form per lot (or a decline), the proposed share with its reason, accept or decline (and later withdraw), and the sub-contract.
/// Mobile-first; every error in a summary at the top linking to its field.
/// </summary>
public static class MemberPages
{
    public static IEndpointRouteBuilder MapMemberPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/d/{token}", (string token, HttpContext http, DeclarationService declarations, TokenThrottle throttle) =>
            MemberTokenGuard.RunAsync(http, throttle, async () =>
            {
                var view = await declarations.ViewAsync(token, http.RequestAborted);
                return await RenderAsync(http, token, view, DeclarationForm.FromLatest(view.Opportunity, view.Latest), null);
            }));

        app.MapPost("/d/{token}/declaration", (string token, HttpContext http, DeclarationService declarations, TokenThrottle throttle) =>
            MemberTokenGuard.RunAsync(http, throttle, async () =>
            {
                var view = await declarations.ViewAsync(token, http.RequestAborted);
                if (await PageEndpoints.ReadFormAsync(http) is not { } form) return PageEndpoints.Expired(http, PageArea.Member);
                var (json, positions) = DeclarationForm.ToJson(view.Opportunity, form);
                if (json is not null)
                {
                    try
                    {
                        var saved = await declarations.SubmitWithTokenAsync(token, json, http.RequestAborted);
                        return PageEndpoints.Done($"/d/{Uri.EscapeDataString(token)}", saved.Declined ? "declined" : "declared");
                    }
                    catch (DeclarationClosedException ex)
                    {
                        form.Error(DeclarationForm.Answer, ex.Message);
                    }
                    catch (BadInputException ex)
                    {
                        DeclarationForm.MapProblems(view.Opportunity, ex.Problems, positions, form);
                    }
                }

                return await RenderAsync(http, token, view, form, null, StatusCodes.Status400BadRequest);
            }));

        app.MapPost("/d/{token}/consent", (string token, HttpContext http, DeclarationService declarations, AllocationService service, TokenThrottle throttle) =>
            MemberTokenGuard.RunAsync(http, throttle, async () =>
            {
                var view = await declarations.ViewAsync(token, http.RequestAborted);
                if (await PageEndpoints.ReadFormAsync(http) is not { } form) return PageEndpoints.Expired(http, PageArea.Member);
                var decision = form.Value("decision");
                var reason = form.Value("consent-reason");
                try
                {
                    if (decision is not ("accept" or "decline")) throw new BadInputException("decision: choose accept or decline");
                    await service.ConsentWithTokenAsync(token, decision == "accept", reason, http.RequestAborted);
                    return PageEndpoints.Done($"/d/{Uri.EscapeDataString(token)}", decision == "accept" ? "accepted" : "share-declined");
                }
                catch (BadInputException ex)
                {
                    foreach (var p in ex.Problems)
                    {
                        if (p.StartsWith("reason:", StringComparison.Ordinal)) form.Error("consent-reason", "Reason for declining: " + p["reason: ".Length..]);
                        else form.Error("consent-accept", p[(p.IndexOf(": ", StringComparison.Ordinal) + 2)..]);
                    }
                }

                return await RenderAsync(http, token, view, DeclarationForm.FromLatest(view.Opportunity, view.Latest), form, StatusCodes.Status400BadRequest);
            }));

        app.MapPost("/d/{token}/withdrawal", (string token, HttpContext http, DeclarationService declarations, AllocationService service, TokenThrottle throttle) =>
            MemberTokenGuard.RunAsync(http, throttle, async () =>
            {
                var view = await declarations.ViewAsync(token, http.RequestAborted);
                if (await PageEndpoints.ReadFormAsync(http) is not { } form) return PageEndpoints.Expired(http, PageArea.Member);
                try
                {
                    await service.WithdrawWithTokenAsync(token, form.Value(WithdrawReason), http.RequestAborted);
                    return PageEndpoints.Done($"/d/{Uri.EscapeDataString(token)}", "withdrawn");
                }
                catch (BadInputException ex)
                {
                    // Anything but a missing reason means the bid has moved on (or the share is gone): say so plainly.
                    form.Error(WithdrawReason, ex.Problems.Any(p => p.StartsWith("reason:", StringComparison.Ordinal))
                        ? "Tell the lead why you are withdrawing, so it can plan around it"
                        : "You cannot withdraw here at this stage of the bid. Contact the consortium lead.");
                }

                return await RenderAsync(http, token, view, DeclarationForm.FromLatest(view.Opportunity, view.Latest), form, StatusCodes.Status400BadRequest);
            }));

        app.MapGet("/d/{token}/subcontract", (string token, HttpContext http, DeclarationService declarations, BidPackServices documents, TokenThrottle throttle) =>
            MemberTokenGuard.RunAsync(http, throttle, async () =>
            {
                var view = await declarations.ViewAsync(token, http.RequestAborted);
                return documents.Documents.SubcontractOf(view.Invitation.OpportunityId, view.Invitation.MemberId) is { } path
                    ? Results.File(path, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", $"subcontract-{view.Invitation.MemberId}.docx")
                    : Layout.Message(http, PageArea.Member, "No sub-contract yet", "Your sub-contract is not ready yet. We will email you when it is.", StatusCodes.Status404NotFound);
            }));
        return app;
    }

    private static readonly Dictionary<string, string> DoneMessages = new(StringComparer.Ordinal)
    {
        ["declared"] = "Thank you. Your declaration was received. You can change it until declarations close.",
        ["declined"] = "Thank you. We have recorded that you decline this opportunity.",
        ["accepted"] = "Thank you. You accepted your share.",
        ["share-declined"] = "We have recorded that you decline your share. The lead will plan around it.",
        ["withdrawn"] = "We have recorded that you withdraw from this bid. The lead will plan around it.",
    };

    private const string WithdrawReason = "withdraw-reason";

    /// <summary>The page with the bid's current allocation, and whether this member may still withdraw from it.</summary>
    private static async Task<IResult> RenderAsync(HttpContext http, string token, MemberDeclarationView view, FormState form, FormState? shareForm,
        int status = StatusCodes.Status200OK)
    {
        var services = http.RequestServices;
        var opportunityId = view.Invitation.OpportunityId;
        var allocation = await services.GetRequiredService<IAllocationStore>().CurrentAsync(opportunityId, http.RequestAborted);
        var accepted = allocation?.Consents.Any(c => c.MemberId == view.Invitation.MemberId && c.Status == ConsentStatus.Accepted) == true;
        var canWithdraw = accepted && await services.GetRequiredService<AllocationService>().TakesWithdrawalsAsync(opportunityId, http.RequestAborted);
        return Render(http, token, view, allocation, services.GetRequiredService<NodeSettings>(), services.GetRequiredService<TimeProvider>().GetUtcNow(),
            form, shareForm, canWithdraw, status);
    }

    private static IResult Render(HttpContext http, string token, MemberDeclarationView view, StoredAllocation? allocation, NodeSettings node, DateTimeOffset now,
        FormState form, FormState? consentForm, bool canWithdraw, int status)
    {
        var opportunity = view.Opportunity;
        var action = $"/d/{Uri.EscapeDataString(token)}";
        var errors = form.Errors.Concat(consentForm?.Errors ?? []).ToList();
        var done = PageEndpoints.DoneMessage(http) is { } key && DoneMessages.TryGetValue(key, out var m) ? m : null;
        var lots = H.Each(opportunity.Lots, lot =>
        {
            var terms = view.Round.TermsOf(lot.Id);
            return H.Html($"""<li><strong>Lot {lot.Id}: {lot.Title}</strong>{(terms is null ? Html.Empty : H.Html($" – {Words.Number(terms.Demand)} {Words.Unit(terms.Unit)} needed"))}</li>""");
        });
        var period = opportunity.ContractPeriod;
        var facts = Forms.SummaryList(new List<(string, Html)>
        {
            ("Buyer", Forms.Text(view.BuyerName)),
            ("Estimated value", Forms.Text(Words.Money(opportunity.Value))),
            ("Contract period", Forms.Text(period?.Start is { } s ? $"from {Words.Day(s)}" + (period.End is { } e ? $" to {Words.Day(e)}" : "") : "not given")),
            ("Answer by", view.Open ? H.Html($"{Words.Date(view.Round.Deadline)} ({Words.CountdownTag(view.Round.Deadline, now)})") : Forms.Text("Declarations are closed")),
        });
        var description = opportunity.Description is { Length: > 600 } long_
            ? H.Html($"""<details class="govuk-details"><summary class="govuk-details__summary"><span class="govuk-details__summary-text">Read the buyer's full description</span></summary><div class="govuk-details__text">{H.Paragraphs(long_)}</div></details>""")
            : H.Paragraphs(opportunity.Description);
        var latest = view.Latest is null
            ? H.Html($"""<p class="govuk-body">You have not answered yet.</p>""")
            : view.Latest.Declined
                ? H.Html($"""<p class="govuk-body">You declined: {view.Latest.DeclineReason}</p>""")
                : H.Html($"""<p class="govuk-body">Your latest declaration (revision {view.Latest.Revision}): {string.Join("; ", view.Latest.Lots.Select(l => $"lot {l.LotId}: {Words.Number(l.Volume)} at £{l.PricePerUnit:0.00}"))}.</p>""");

        var main = H.Html($"""
            {Forms.ErrorSummary(errors)}
            {Forms.Banner(done)}
            <span class="govuk-caption-l">For {view.Invitation.MemberName}</span>
            <h1 class="govuk-heading-l">{view.OpportunityTitle}</h1>
            <p class="govuk-body-l">{view.BuyerName} wants to buy this. Your consortium is bidding for it and asks what your organisation could deliver.</p>
            {facts}
            <h2 class="govuk-heading-m">What the buyer wants</h2>
            {description}
            <ul class="govuk-list govuk-list--bullet">{lots}</ul>
            {Share(action, view, allocation, node, consentForm, canWithdraw, http)}
            <h2 class="govuk-heading-m">Your answer</h2>
            {latest}
            {(view.Open ? DeclarationFormHtml(http, action, view, form) : H.Html($"""<div class="govuk-inset-text">Declarations for this opportunity are closed. If you still want to take part, ask the consortium lead to reopen declarations for you.</div>"""))}
            """);
        return Layout.Page(http, PageArea.Member, view.OpportunityTitle, main, status, errors.Count > 0);
    }

    private static Html Share(string action, MemberDeclarationView view, StoredAllocation? allocation, NodeSettings node, FormState? consentForm, bool canWithdraw,
        HttpContext http)
    {
        var memberId = view.Invitation.MemberId;
        var consent = allocation?.Consents.FirstOrDefault(c => c.MemberId == memberId);
        if (allocation is null || allocation.Status == AllocationStatus.Proposed || consent is null) return Html.Empty;
        var shares = allocation.Result.Lots.SelectMany(l => l.Shares.Where(s => s.MemberId == memberId && s.Volume > 0).Select(s => (Lot: l, Share: s))).ToList();
        // A summary list per lot rather than a four-column table: on a 375 px phone the table squeezed "Why" to a
        // column one letter wide.
        var table = H.Html($"""
            <p class="govuk-body">{(consent.Status == ConsentStatus.Pending ? "This is the share the consortium proposes for you." : "This is your share of the work.")}</p>
            {H.Each(shares, x => H.Html($"""
                <h3 class="govuk-heading-s">Lot {x.Lot.LotId}: {x.Lot.Title}</h3>
                {Forms.SummaryList(
                [
                    ("Your share", Forms.Text($"{Words.Number(x.Share.Volume)} {Words.Unit(x.Lot.Unit)} ({Words.Percent(x.Share.PercentOfLot)} of the lot)")),
                    ("Value", Forms.Text(Words.Pounds(x.Share.Value))),
                    ("Why", Forms.Text(x.Share.Explanation)), // names the lead's reason when the lead set the share
                ])}
                """))}
            """);
        var answer = consent.Status switch
        {
            ConsentStatus.Pending => H.Html($"""
                <form method="post" action="{action}/consent" novalidate>
                {Forms.Antiforgery(http)}
                <div class="govuk-button-group">{Forms.Button("Accept my share", "decision", "accept", id: "consent-accept")}</div>
                </form>
                <form method="post" action="{action}/consent" novalidate>
                {Forms.Antiforgery(http)}
                {Forms.Textarea("consent-reason", "consent-reason", "If you cannot take this share, tell the lead why", consentForm?.Value("consent-reason"), consentForm, "The lead will re-plan the work without you.")}
                {Forms.Button("Decline my share", "decision", "decline", "govuk-button--warning")}
                </form>
                """),
            ConsentStatus.Accepted => H.Html($"""
                <p class="govuk-body">{Forms.Tag("Accepted", "green")} You accepted this share{(consent.AnsweredAt is { } at ? $" on {Words.Day(at)}" : "")}.</p>
                {(canWithdraw ? WithdrawForm(action, consentForm, http) : Html.Empty)}
                """),
            ConsentStatus.Declined => H.Html($"""<p class="govuk-body">{Forms.Tag("Declined", "red")} You declined this share: {consent.Reason}</p>"""),
            _ => H.Html($"""<p class="govuk-body">{Forms.Tag("Withdrawn", "grey")} You withdrew: {consent.Reason}</p>"""),
        };
        var subcontract = http.RequestServices.GetRequiredService<BidPackServices>().Documents.SubcontractOf(view.Invitation.OpportunityId, memberId) is null
            ? Html.Empty
            : H.Html($"""<p class="govuk-body"><a class="govuk-link" href="{action}/subcontract" download>Download your sub-contract (Word document)</a></p>""");
        return H.Html($"""<h2 class="govuk-heading-m" id="share">Your share</h2>{table}{answer}{subcontract}""");
    }

    /// <summary>Folded away: withdrawing re-plans the work without the member, so it should take a deliberate step.</summary>
    private static Html WithdrawForm(string action, FormState? form, HttpContext http) => H.Html($"""
        <details class="govuk-details"{H.Attr("open", form?.Errors.Any(e => e.FieldId == WithdrawReason) == true)}>
        <summary class="govuk-details__summary"><span class="govuk-details__summary-text">We can no longer deliver this share</span></summary>
        <div class="govuk-details__text">
        <form method="post" action="{action}/withdrawal" novalidate>
        {Forms.Antiforgery(http)}
        {Forms.Textarea(WithdrawReason, WithdrawReason, "Tell the lead why you are withdrawing", form?.Value(WithdrawReason), form, "The lead will re-plan the work without you and may ask other members to take it on.")}
        {Forms.Button("Withdraw from this bid", modifier: "govuk-button--warning")}
        </form>
        </div>
        </details>
        """);

    private static Html DeclarationFormHtml(HttpContext http, string action, MemberDeclarationView view, FormState form)
    {
        var opportunity = view.Opportunity;
        var declineBox = Forms.Textarea(DeclarationForm.DeclineReason, DeclarationForm.DeclineReason, "If you decline, why?", form.Value(DeclarationForm.DeclineReason), form,
            "For example: no staff free before the summer. This helps the lead plan.");
        var answer = Forms.Radios(DeclarationForm.Answer, DeclarationForm.Answer, "Can your organisation offer capacity for this opportunity?",
        [
            new Forms.Choice("declare", "Yes, we can offer capacity", form.Value(DeclarationForm.Answer) == "declare"),
            new Forms.Choice("decline", "No, we decline this time", form.Value(DeclarationForm.Answer) == "decline"),
        ], form, legendClass: "govuk-fieldset__legend govuk-fieldset__legend--m");
        // Not a conditional reveal: govuk-frontend marks revealing radios aria-expanded, which ARIA does not allow on a radio.
        var lots = H.Each(opportunity.Lots, (lot, i) => LotFields(view, lot, i, form));
        return H.Html($"""
            <form method="post" action="{action}/declaration" novalidate>
            {Forms.Antiforgery(http)}
            {answer}
            {declineBox}
            <h2 class="govuk-heading-m">What you can deliver</h2>
            <p class="govuk-body">Tick each lot you can offer capacity for and fill in its details. Skip this part if you decline.</p>
            {lots}
            <h2 class="govuk-heading-m">About your organisation</h2>
            {Forms.Textarea(DeclarationForm.Conflicts, DeclarationForm.Conflicts, "Conflicts of interest", form.Value(DeclarationForm.Conflicts), form,
                "One per line, for example: our chair sits on the buyer's board. Leave empty if there are none.")}
            <h3 class="govuk-heading-s">For your SPD response</h3>
            {Forms.TextInput(DeclarationForm.Turnover, DeclarationForm.Turnover, "Annual turnover (£)", form.Value(DeclarationForm.Turnover), form, inputMode: "decimal", spellcheck: "false")}
            {Forms.TextInput(DeclarationForm.Insurance, DeclarationForm.Insurance, "Insurance cover (£)", form.Value(DeclarationForm.Insurance), form, "Public liability or the cover the buyer asks for.", inputMode: "decimal", spellcheck: "false")}
            {Forms.TextInput(DeclarationForm.OnTime, DeclarationForm.OnTime, "Invoices paid on time (%)", form.Value(DeclarationForm.OnTime), form, "Share of your suppliers' invoices you paid within the agreed terms last year; 95% or more is expected.", "govuk-input--width-3", inputMode: "decimal", spellcheck: "false")}
            {Forms.Button("Send declaration")}
            </form>
            """);
    }

    private static Html LotFields(MemberDeclarationView view, Core.Opportunities.Lot lot, int i, FormState form)
    {
        var terms = view.Round.TermsOf(lot.Id) ?? new LotTerms(lot.Id, LotUnits.Value, (long)(lot.Value?.Amount ?? 0));
        var isValue = terms.Unit == LotUnits.Value;
        string F(string field) => DeclarationForm.Lot(i, field);
        var areas = DeclarationForm.Areas(lot);
        var chosen = form.Values(F("areas"));
        var measures = DeclarationForm.Measures;
        var details = H.Html($"""
            {Forms.TextInput(F("volume"), F("volume"), isValue ? "How much of the lot's value can you deliver (£)?" : $"How many {terms.Unit} can you deliver?", form.Value(F("volume")), form,
                $"Up to {Words.Number(terms.Demand)} {Words.Unit(terms.Unit)}, as a whole number.", inputMode: "numeric", spellcheck: "false")}
            {Forms.TextInput(F("price"), F("price"), isValue ? "What you charge per £1 of the lot's value" : $"Your price per {Words.Singular(terms.Unit)} (£)", form.Value(F("price")), form,
                isValue ? "1 means at the lot's value; from 0.5 to 1.5." : terms.ReferencePricePerUnit is { } r ? $"The lead's reference price is {Words.Pounds(r)} per {Words.Singular(terms.Unit)}." : null,
                "govuk-input--width-5", inputMode: "decimal", spellcheck: "false")}
            {Forms.DateInput(F("start"), F("start"), "Earliest date you could start", (form.Value(F("start-day")), form.Value(F("start-month")), form.Value(F("start-year"))), form, "For example, 1 4 2027")}
            {Forms.TextInput(F("staff"), F("staff"), "Staff who would work on this lot", form.Value(F("staff")), form, "Number of people.", "govuk-input--width-3", inputMode: "numeric", spellcheck: "false")}
            {Forms.Textarea(F("roles"), F("roles"), "Key roles", form.Value(F("roles")), form, "One per line, for example: Service manager.")}
            {Forms.Checkboxes(F("areas"), F("areas"), "Council areas you will serve in this lot", areas.Select(a => new Forms.Choice(a.Code, a.Name, chosen.Contains(a.Code))).ToList(), form, small: true)}
            <details class="govuk-details"{H.Attr("open", measures.Select((_, m) => form.Value(F($"sv{m}"))).Any(v => v.Length > 0) || form.Errors.Any(e => e.FieldId.StartsWith(F("sv"), StringComparison.Ordinal)))}>
            <summary class="govuk-details__summary"><span class="govuk-details__summary-text">Social value you commit to in this lot (optional)</span></summary>
            <div class="govuk-details__text">
            <p class="govuk-body">Give a quantity for each measure you commit to; leave the others empty.</p>
            {H.Each(measures, (measure, m) => Forms.TextInput(F($"sv{m}"), F($"sv{m}"), $"{measure.Id}: {measure.Description}", form.Value(F($"sv{m}")), form, $"In {measure.Unit}.", "govuk-input--width-5", inputMode: "decimal", labelClass: "govuk-label govuk-label--s", spellcheck: "false"))}
            </div>
            </details>
            """);
        return H.Html($"""
            <div class="app-lot">
            {Forms.Checkboxes(F("offer"), F("offer"), $"Lot {lot.Id}: {lot.Title}",
                [new Forms.Choice("yes", "We offer capacity for this lot", form.Value(F("offer")) == "yes", $"{Words.Number(terms.Demand)} {Words.Unit(terms.Unit)} needed.", details)],
                form, legendClass: "govuk-fieldset__legend govuk-fieldset__legend--s")}
            </div>
            """);
    }
}
