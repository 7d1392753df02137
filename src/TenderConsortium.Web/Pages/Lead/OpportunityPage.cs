using Microsoft.Extensions.DependencyInjection;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TenderConsortium.Application.Bids.Show;
using TenderConsortium.Application.Allocation.Approve;
using TenderConsortium.Application.Allocation.Override;
using TenderConsortium.Application.Allocation.Rerun;
using TenderConsortium.Application.Declarations.Extend;
using TenderConsortium.Application.Shortlist.Confirm;
using TenderConsortium.Application.Bids.Outcome;
using TenderConsortium.Application.Declarations.Close;
using TenderConsortium.Application.Bids.Start;
using TenderConsortium.Application.Bids.Submit;
using TenderConsortium.Core.Submission;
using TenderConsortium.Application.Consortium.ShowProfile;
using TenderConsortium.Core.Allocation;
using TenderConsortium.Core.Workflow;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Declarations;
using TenderConsortium.Core.Invitations;
using TenderConsortium.Core.Matching;
using TenderConsortium.Core.Reviews;
using TenderConsortium.Persistence.Opportunities;
using TenderConsortium.Host;
using TenderConsortium.Web.Pages.Shared;
using TenderConsortium.Workflows;
using TenderConsortium.Workflows.Definitions;

namespace TenderConsortium.Web.Pages.Lead;

/// <summary>
/// One opportunity: the workflow picture, lots with matches, reasons and gaps, declarations, the allocation with its
/// explanations, approval and override, documents, the adviser's comments and the journal; or the form to start a bid.
/// </summary>
internal static class OpportunityPage
{
    public static void Map(RouteGroupBuilder lead)
    {
        lead.MapGet("/opportunities/{id}", (string id, HttpContext http) => RenderAsync(http, id, null, null));
        lead.MapPost("/opportunities/{id}/start", StartAsync).DisableAntiforgery();
        lead.MapPost("/opportunities/{id}/declarations/close", (string id, HttpContext http, NodeSettings node, CloseDeclarationsHandler close) =>
            ConfirmingAsync(http, node, id, (found, who, confirm) => close.HandleAsync(new CloseDeclarations(found, who.Actor, confirm), http.RequestAborted),
                "closed", new ConfirmStep("Close declarations now?", "Close declarations anyway", "declarations/close", "#declarations"))).DisableAntiforgery();
        lead.MapPost("/opportunities/{id}/allocation/approve", (string id, HttpContext http, NodeSettings node, ApproveAllocationHandler approve) =>
            ConfirmingAsync(http, node, id, (found, who, confirm) => approve.HandleAsync(new ApproveAllocation(found, who.Actor, confirm), http.RequestAborted),
                "approved", new ConfirmStep("Approve shares that leave a gap?", "Approve anyway", "allocation/approve", "#allocation"))).DisableAntiforgery();
        lead.MapPost("/opportunities/{id}/allocation/rerun", (string id, HttpContext http, NodeSettings node, RerunAllocationHandler rerun) =>
            ActAsync(http, node, id, async (found, who) => await rerun.HandleAsync(new RerunAllocation(found, who.Actor), http.RequestAborted), "rerun")).DisableAntiforgery();
        lead.MapPost("/opportunities/{id}/declarations/extend", ExtendAsync).DisableAntiforgery();
        lead.MapPost("/opportunities/{id}/allocation/override", OverrideAsync).DisableAntiforgery();
        lead.MapPost("/opportunities/{id}/allocation/withdrawal", WithdrawAsync).DisableAntiforgery();
        lead.MapPost("/opportunities/{id}/revision", (string id, HttpContext http, NodeSettings node, BidSignals signals) =>
            ActAsync(http, node, id, async (found, who) =>
            {
                var next = http.Request.Form["next"].ToString();
                if (next is not ("assembly" or "allocation")) throw new BadInputException("next: choose to re-assemble the bid pack or go back to allocation");
                await SignalAsync(signals, found, Revision, new JsonObject { ["next"] = next }, who.Actor, http.RequestAborted);
            }, "revision")).DisableAntiforgery();
        lead.MapPost("/opportunities/{id}/shortlist", (string id, HttpContext http, NodeSettings node, ConfirmShortlistHandler shortlist) =>
            ActAsync(http, node, id, async (found, who) => await shortlist.HandleAsync(new ConfirmShortlist(found, who.Actor), http.RequestAborted), "shortlist")).DisableAntiforgery();
        lead.MapPost("/opportunities/{id}/outcome", OutcomeAsync).DisableAntiforgery();
        lead.MapGet("/opportunities/{id}/documents/{**file}", DocumentAsync);
        SubmissionSection.Map(lead);
    }

    private static readonly Dictionary<string, string> DoneMessages = new(StringComparer.Ordinal)
    {
        ["imported"] = "The notice was imported.",
        ["started"] = "The bid was started.",
        ["closed"] = "Declarations are closed; the allocation follows.",
        ["approved"] = "You approved the allocation. Allocated members are asked to accept their shares.",
        ["rerun"] = "The allocation was run again from the latest declarations.",
        ["extended"] = "The declaration deadline was moved. Members' links work until then.",
        ["revision"] = "The bid went back as you chose.",
        ["shortlist"] = "Shortlist confirmed: members are invited.",
        ["overridden"] = "The share was set and the rest re-optimised as a new round.",
        ["withdrawn"] = "The withdrawal was recorded and the allocation re-run without the member as a new round.",
        [SubmissionSection.Done] = "The submission was recorded. Every member is told.",
        ["outcome"] = "The outcome was recorded. Members are told, and sub-contracts follow for the lots won.",
        ["profile"] = "The consortium profile was saved. You can start the bid now.",
    };

    private static async Task<IResult> ActAsync(HttpContext http, NodeSettings node, string id, Func<string, LeadContext, Task> action, string done)
    {
        if (await LeadPages.ResolveAsync(http, node, id) is not { } found) return LeadPages.NotFound(http);
        if (await PageEndpoints.ReadFormAsync(http) is null) return PageEndpoints.Expired(http, PageArea.Lead);
        try
        {
            await action(found, LeadContext.Of(http));
            return PageEndpoints.Done(LeadPages.OpportunityPath(found), done);
        }
        catch (BadInputException ex)
        {
            var form = new FormState();
            foreach (var p in ex is ProblemException typed ? typed.Items.Select(i => Capitalise(i.Message)) : ex.Problems) form.Error("actions", p);
            return await RenderAsync(http, found, null, form, StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>The words of an action's confirm step, and where it posts (relative to the opportunity's path) and leads back to.</summary>
    private sealed record ConfirmStep(string Title, string Button, string Action, string Back);

    /// <summary>
    /// An action whose handler may refuse for want of confirmation: the refusal's consequence becomes a confirm step
    /// (<see cref="ConfirmPage"/>), whose form posts the same action with confirm=yes.
    /// </summary>
    private static async Task<IResult> ConfirmingAsync(HttpContext http, NodeSettings node, string id, Func<string, LeadContext, bool, Task> action, string done, ConfirmStep step)
    {
        if (await LeadPages.ResolveAsync(http, node, id) is not { } found) return LeadPages.NotFound(http);
        if (await PageEndpoints.ReadFormAsync(http) is not { } form) return PageEndpoints.Expired(http, PageArea.Lead);
        var path = LeadPages.OpportunityPath(found);
        try
        {
            await action(found, LeadContext.Of(http), form.Value("confirm") == "yes");
            return PageEndpoints.Done(path, done);
        }
        catch (ProblemException ex) when (ex.Items.Any(p => p.Code == ProblemCode.Unconfirmed))
        {
            var title = (await http.RequestServices.GetRequiredService<OpportunityQueries>().FindAsync(found, http.RequestAborted))?.Opportunity.Title ?? "";
            return ComponentPage.Render<ConfirmPage>(http, PageArea.Lead, new Dictionary<string, object?>
            {
                ["Title"] = step.Title,
                ["Caption"] = title,
                ["Consequence"] = string.Join(" ", ex.Items.Where(p => p.Code == ProblemCode.Unconfirmed).Select(p => p.Message)),
                ["Action"] = $"{path}/{step.Action}",
                ["Button"] = step.Button,
                ["Back"] = path + step.Back,
            });
        }
        catch (BadInputException ex)
        {
            var errors = new FormState();
            foreach (var p in ex is ProblemException typed ? typed.Items.Select(i => Capitalise(i.Message)) : ex.Problems) errors.Error("actions", p);
            return await RenderAsync(http, found, null, errors, StatusCodes.Status400BadRequest);
        }
    }

    private static async Task<IResult> OverrideAsync(string id, HttpContext http, NodeSettings node, OverrideAllocationHandler overrides)
    {
        if (await LeadPages.ResolveAsync(http, node, id) is not { } found) return LeadPages.NotFound(http);
        if (await PageEndpoints.ReadFormAsync(http) is not { } form) return PageEndpoints.Expired(http, PageArea.Lead);
        var share = form.Value("override-share").Split('|', 2);
        var volumeText = form.Value("override-volume").Trim().Replace(",", "");
        var reason = form.Value("override-reason");
        if (share.Length != 2) form.Error("override-share", "Choose the member and lot whose share you set");
        if (!long.TryParse(volumeText, NumberStyles.None, CultureInfo.InvariantCulture, out var volume))
            form.Error("override-volume", "Enter the share as a whole number, for example 3500");
        if (string.IsNullOrWhiteSpace(reason)) form.Error("override-reason", "Enter the reason for changing this share; the consortium records it and the member sees it");
        if (!form.HasErrors)
        {
            try
            {
                await overrides.HandleAsync(new OverrideAllocation(found, [new ShareOverride(share[1], share[0], volume, reason.Trim())], LeadContext.Of(http).Actor),
                    http.RequestAborted);
                return PageEndpoints.Done(LeadPages.OpportunityPath(found) + "#allocation", "overridden");
            }
            catch (ProblemException ex)
            {
                foreach (var p in ex.Items)
                {
                    var field = p.Path.EndsWith(".volume", StringComparison.Ordinal) ? "override-volume"
                        : p.Path.EndsWith(".reason", StringComparison.Ordinal) ? "override-reason" : "override-share";
                    form.Error(field, Capitalise(p.Message));
                }
            }
        }

        return await RenderAsync(http, found, null, form, StatusCodes.Status400BadRequest);
    }

    /// <summary>The lead gives members more time: a new deadline date (the end of that working day, 5pm in the reader's time).</summary>
    private static async Task<IResult> ExtendAsync(string id, HttpContext http, NodeSettings node, ExtendDeclarationsHandler extend)
    {
        if (await LeadPages.ResolveAsync(http, node, id) is not { } found) return LeadPages.NotFound(http);
        if (await PageEndpoints.ReadFormAsync(http) is not { } form) return PageEndpoints.Expired(http, PageArea.Lead);
        var (day, month, year) = (form.Value("extend-until-day").Trim(), form.Value("extend-until-month").Trim(), form.Value("extend-until-year").Trim());
        if (!(int.TryParse(day, out var d) && int.TryParse(month, out var m) && int.TryParse(year, out var y)
              && DateOnly.TryParseExact($"{y:0000}-{m:00}-{d:00}", "yyyy-MM-dd", out var date)))
            form.Error("extend-until-day", "Enter the new deadline as a real date, for example 18 12 2026");
        else
        {
            try
            {
                await extend.HandleAsync(new ExtendDeclarations(found, DisplayTime.Current.At(date, new TimeOnly(17, 0)), LeadContext.Of(http).Actor),
                    http.RequestAborted);
                return PageEndpoints.Done(LeadPages.OpportunityPath(found) + "#declarations", "extended");
            }
            catch (ProblemException ex)
            {
                foreach (var p in ex.Items) form.Error(p.Path == "until" ? "extend-until-day" : "actions", Capitalise(p.Message));
            }
        }

        return await RenderAsync(http, found, null, form, StatusCodes.Status400BadRequest);
    }

    /// <summary>The lead records that a member pulled out (it phoned, say); the allocation re-runs without it.</summary>
    private static async Task<IResult> WithdrawAsync(string id, HttpContext http, NodeSettings node, AllocationService allocation)
    {
        if (await LeadPages.ResolveAsync(http, node, id) is not { } found) return LeadPages.NotFound(http);
        if (await PageEndpoints.ReadFormAsync(http) is not { } form) return PageEndpoints.Expired(http, PageArea.Lead);
        var member = form.Value("withdraw-member");
        var reason = form.Value("withdraw-reason");
        if (member.Length == 0) form.Error("withdraw-member", "Choose the member that withdraws");
        if (string.IsNullOrWhiteSpace(reason)) form.Error("withdraw-reason", "Enter why the member withdraws; the journal records it");
        if (!form.HasErrors)
        {
            try
            {
                await allocation.WithdrawAsync(found, member, reason, LeadContext.Of(http).Actor, http.RequestAborted);
                return PageEndpoints.Done(LeadPages.OpportunityPath(found) + "#allocation", "withdrawn");
            }
            catch (ProblemException ex)
            {
                foreach (var p in ex.Items) form.Error(p.Path == "reason" ? "withdraw-reason" : "withdraw-member", Capitalise(p.Message));
            }
            catch (BadInputException ex)
            {
                foreach (var p in ex.Problems) form.Error("withdraw-member", Capitalise(p));
            }
        }

        return await RenderAsync(http, found, null, form, StatusCodes.Status400BadRequest);
    }

    /// <summary>The lead-partner-bid workflow's plain human tasks (WaitForSignal) that the lead answers from this page.</summary>
    private const string Revision = "revision", Shortlist = ConfirmShortlistHandler.Bookmark;

    private static Task SignalAsync(BidSignals signals, string opportunityId, string bookmark, JsonObject payload, string actor, CancellationToken ct) =>
        signals.SendAsync(opportunityId, bookmark, opportunityId, payload, null, actor, "waiting for this answer", ct);

    private static Html TasksSection(HttpContext http, string path, InstanceDetails? instance)
    {
        if (instance is null) return Html.Empty;
        var tasks = new List<Html>();
        if (instance.Bookmarks.Any(b => b.Name == Shortlist))
            tasks.Add(H.Html($"""<form method="post" action="{path}/shortlist" novalidate>{Forms.Antiforgery(http)}<p class="govuk-body">Check the matches below, then confirm the shortlist so members are invited.</p>{Forms.Button("Confirm shortlist")}</form>"""));
        if (instance.Bookmarks.Any(b => b.Name == Revision))
            tasks.Add(H.Html($"""
                <form method="post" action="{path}/revision" novalidate>{Forms.Antiforgery(http)}
                {Forms.Radios("next", "next", "The adviser asked for changes. When you have made them, where should the bid go?",
                [new Forms.Choice("assembly", "Assemble the bid pack again", true), new Forms.Choice("allocation", "Back to allocation (re-run it from the declarations)", false)])}
                {Forms.Button("Continue")}
                </form>
                """));
        return tasks.Count == 0 ? Html.Empty : H.Html($"""<h2 class="govuk-heading-m" id="tasks">Waiting for you</h2>{tasks}""");
    }

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private static async Task<IResult> StartAsync(string id, HttpContext http, NodeSettings node, StartBidHandler start, WorkflowRuntime runtime, TimeProvider time)
    {
        if (await LeadPages.ResolveAsync(http, node, id) is not { } found) return LeadPages.NotFound(http);
        if (await PageEndpoints.ReadFormAsync(http) is not { } form) return PageEndpoints.Expired(http, PageArea.Lead);
        var stored = (await http.RequestServices.GetRequiredService<OpportunityQueries>().FindAsync(found, http.RequestAborted))!;
        var (chosen, _) = NewBidDefaults.Load(node, LeadContext.Of(http).ConsortiumId);
        // The consortium's saved choice, if it made one; otherwise the handler picks the whole flow for this notice.
        var workflow = chosen == NewBidDefaults.DefaultWorkflow ? null : chosen;
        WorkflowDefinition definition;
        try
        {
            (definition, _) = await runtime.Definitions.GetLatestAsync(workflow ?? Application.Bids.BidWorkflows.Whole, http.RequestAborted);
        }
        catch (Exception ex) when (ex is WorkflowNotFoundException or InvalidOperationException or KeyNotFoundException)
        {
            form.Error("start-deadline-day", $"The consortium's settings name a workflow '{workflow}' that does not exist; choose another on the settings page");
            return await RenderAsync(http, found, form, null, StatusCodes.Status400BadRequest);
        }

        DateTimeOffset? declarationDeadline = null;
        var (day, month, year) = (form.Value("start-deadline-day").Trim(), form.Value("start-deadline-month").Trim(), form.Value("start-deadline-year").Trim());
        if (day.Length + month.Length + year.Length > 0)
        {
            if (int.TryParse(day, out var d) && int.TryParse(month, out var m) && int.TryParse(year, out var y) && DateOnly.TryParseExact($"{y:0000}-{m:00}-{d:00}", "yyyy-MM-dd", out var date))
            {
                var at = DisplayTime.Current.At(date, new TimeOnly(12, 0));
                if (at <= time.GetUtcNow()) form.Error("start-deadline-day", "The declaration deadline must be in the future");
                else declarationDeadline = at;
            }
            else form.Error("start-deadline-day", "Enter the declaration deadline as a real date, for example 4 12 2026");
        }

        var (_, saved) = NewBidDefaults.Load(node, LeadContext.Of(http).ConsortiumId);
        var settings = new JsonObject();
        foreach (var (name, value) in saved)
            if (definition.Settings.ContainsKey(name)) settings[name] = value?.DeepClone();
        // The lead's contact comes from the consortium profile (StartBidHandler), not from a field of this form.
        var terms = new JsonObject();
        for (var i = 0; i < stored.Opportunity.Lots.Count; i++)
        {
            var lot = stored.Opportunity.Lots[i];
            var unit = form.Value($"start-lot{i}-unit", LotUnits.Value);
            var demand = form.Value($"start-lot{i}-demand").Trim().Replace(",", "");
            var reference = form.Value($"start-lot{i}-reference").Trim().TrimStart('£');
            if (unit == LotUnits.Value && demand.Length == 0 && reference.Length == 0) continue;
            if (!LotUnits.IsKnown(unit)) form.Error($"start-lot{i}-unit", $"Lot {lot.Id}: choose a unit");
            if (!long.TryParse(demand, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
            {
                form.Error($"start-lot{i}-demand", $"Lot {lot.Id}: enter the demand as a whole number above 0, or choose “value” and leave it empty to split by value");
                continue;
            }

            var t = new JsonObject { ["unit"] = unit, ["demand"] = n };
            if (reference.Length > 0)
            {
                if (decimal.TryParse(reference, NumberStyles.Number, CultureInfo.InvariantCulture, out var r) && r > 0) t["referencePrice"] = r;
                else form.Error($"start-lot{i}-reference", $"Lot {lot.Id}: enter the reference price in pounds, for example 32.50");
            }

            terms[lot.Id] = t;
        }

        if (terms.Count > 0 && definition.Settings.ContainsKey("lotTerms")) settings["lotTerms"] = terms;
        if (!form.HasErrors)
        {
            try
            {
                await start.HandleAsync(new StartBid(found, LeadContext.Of(http).Actor, workflow, declarationDeadline, settings, LeadContext.Of(http).ConsortiumId), http.RequestAborted);
                return PageEndpoints.Done(LeadPages.OpportunityPath(found), "started");
            }
            catch (WorkflowInputException ex)
            {
                foreach (var p in ex.Problems) form.Error("actions", p);
            }
            catch (ProblemException ex)
            {
                foreach (var p in ex.Items)
                    form.Error(p.Path switch
                    {
                        "declarationDeadline" => "start-deadline-day",
                        StartBidHandler.ProfilePath or StartBidHandler.AdviserPath => "start-profile",
                        "tenderDeadline" => "start-tender-deadline",
                        _ => "actions",
                    }, p.Path switch
                    {
                        StartBidHandler.ProfilePath => "Complete the consortium profile before you start a bid",
                        StartBidHandler.AdviserPath => "Add your procurement adviser's email to the consortium profile before you start a bid",
                        _ => Capitalise(p.Message),
                    });
            }
            catch (BadInputException ex)
            {
                foreach (var p in ex.Problems) form.Error("actions", p);
            }
        }

        return await RenderAsync(http, found, form, null, StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> DocumentAsync(string id, string file, HttpContext http, NodeSettings node)
    {
        if (await LeadPages.ResolveAsync(http, node, id) is not { } found) return LeadPages.NotFound(http);
        return OpportunityFiles.Find(node, found, file) is { } path ? Results.File(path, OpportunityFiles.ContentType(path), Path.GetFileName(path)) : LeadPages.NotFound(http);
    }

    public static async Task<IResult> RenderAsync(HttpContext http, string id, FormState? startForm, FormState? actionForm, int status = StatusCodes.Status200OK)
    {
        var services = http.RequestServices;
        T S<T>() where T : notnull => (T)services.GetService(typeof(T))!;
        var node = S<NodeSettings>();
        var found = await LeadPages.ResolveAsync(http, node, id);
        if (found is null) return LeadPages.NotFound(http);
        var ct = http.RequestAborted;
        var now = S<TimeProvider>().GetUtcNow();
        var stored = (await http.RequestServices.GetRequiredService<OpportunityQueries>().FindAsync(found, ct))!;
        var opportunity = stored.Opportunity;
        var queries = S<WorkflowQueries>();
        var runtime = S<WorkflowRuntime>();
        var bid = await S<ShowBidHandler>().HandleAsync(new ShowBid(found), ct);
        var instance = bid.InstanceId is { } instanceId ? await queries.GetInstanceAsync(instanceId, ct) : null;
        var summary = instance?.Summary;
        var definition = summary is null ? null : await runtime.Definitions.GetAsync(summary.DefinitionId, summary.DefinitionVersion, ct);
        var round = await S<IInvitationStore>().RoundAsync(found, ct);
        var invitations = await S<IInvitationStore>().ListAsync(found, ct);
        var declarations = (await S<IDeclarationStore>().LatestAsync(found, ct)).ToDictionary(d => d.MemberId);
        var allocation = await S<IAllocationStore>().CurrentAsync(found, ct);
        var shortlist = instance?.Variables["shortlist"] is JsonObject s ? s.Deserialize<MatchResult>(DomainJson.Options) : null;
        var matches = shortlist ?? await new MatchingService(S<IMatchingSource>()).MatchAsync(found, cancellationToken: ct);
        var review = services.GetService(typeof(ReviewService)) is ReviewService reviews ? await reviews.CurrentAsync(found, ct) : null;
        var waitingAt = instance?.Bookmarks.Select(b => b.ActivityId).ToHashSet(StringComparer.Ordinal) ?? [];
        if (definition is not null && summary?.Stage is { Length: > 0 } stage)
            foreach (var a in definition.Activities.Where(a => stage.Split(", ").Contains(a.DisplayName ?? a.Id))) waitingAt.Add(a.Id);
        var doneAt = instance?.Journal.Where(j => j.ActivityId is not null && j.Kind.Contains("Completed", StringComparison.OrdinalIgnoreCase)).Select(j => j.ActivityId!)
            .ToHashSet(StringComparer.Ordinal) ?? [];
        var errors = (startForm?.Errors ?? []).Concat(actionForm?.Errors ?? []).ToList();
        var done = PageEndpoints.DoneMessage(http) is { } key && DoneMessages.TryGetValue(key, out var message) ? message : null;
        var path = LeadPages.OpportunityPath(found);
        var profile = await S<ShowProfileHandler>().HandleAsync(new ShowProfile(LeadContext.Of(http).ConsortiumId), ct);
        var capacity = await CapacityAcrossBidsSection.RenderAsync(services, found, allocation, LeadContext.Of(http).ConsortiumId, ct);

        var facts = Forms.SummaryList(new List<(string, Html)>
        {
            ("Buyer", Forms.Text(opportunity.Buyer.Name)),
            ("Reference", Forms.Text(opportunity.Reference ?? opportunity.Ocid)),
            ("Estimated value", Forms.Text(Words.Money(opportunity.Value))),
            ("Tender deadline", opportunity.Deadline is { } d ? H.Html($"{Words.Date(d)}, {Words.CountdownTag(d, now)}") : Forms.Text("Not published by the buyer")),
            ("Stage", LeadPages.Stage(bid)),
            ("Notice", opportunity.NoticeUrl is { } url && Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "https" or "http"
                ? H.Html($"""<a class="govuk-link" href="{url}" rel="noreferrer noopener">Published notice</a>""") : Forms.Text("—")),
        });

        var sections = H.Html($"""
            {(!bid.Started ? StartForm(http, path, opportunity, profile, S<BidStartOptions>(), startForm, now) : Html.Empty)}
            {TasksSection(http, path, instance)}
            {LotsSection(opportunity, matches, round)}
            {DeclarationsSection(http, path, invitations, declarations, round, now, instance, actionForm ?? new FormState())}
            {AllocationSection(http, path, allocation, declarations, actionForm, instance)}
            {capacity}
            {DocumentsSection(node, found, path)}
            {ReviewSection(review)}
            {RevisionNotice.Render(node, found, review)}
            {SubmissionSection.Render(http, path, bid, instance, actionForm)}
            {OutcomeSection(http, path, bid, opportunity, actionForm, instance)}
            """);
        var technical = definition is null || instance is null ? Html.Empty : H.Html($"""
            {WorkflowSection(definition, instance, waitingAt, doneAt)}
            {JournalSection(instance)}
            """);
        return ComponentPage.Render<OpportunityView>(http, PageArea.Lead, new Dictionary<string, object?>
        {
            ["Bid"] = bid,
            ["Facts"] = facts.Value,
            ["Errors"] = errors,
            ["ActionError"] = actionForm?.ErrorFor("actions"),
            ["Done"] = done,
            ["Sections"] = sections.Value,
            ["Technical"] = technical.Value,
        }, status);
    }

    private static Html WorkflowSection(WorkflowDefinition definition, InstanceDetails instance, IReadOnlySet<string> waitingAt, IReadOnlySet<string> doneAt) => H.Html($"""
        <h2 class="govuk-heading-m" id="workflow">Where the bid is</h2>
        <p class="govuk-body">{definition.Name} (version {instance.Summary.DefinitionVersion}). {(instance.Summary.Stage is { Length: > 0 } s ? $"Waiting at: {s}." : $"Status: {instance.Summary.Status}.")}</p>
        {(instance.Summary.Incident is { } incident ? H.Html($"""<div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span><strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span> {incident}</strong></div>""") : Html.Empty)}
        {WorkflowPicture.Render(definition, waitingAt, doneAt)}
        """);

    private static Html StartForm(HttpContext http, string path, Core.Opportunities.Opportunity opportunity, ProfileView profile, BidStartOptions options, FormState? form,
        DateTimeOffset now)
    {
        form ??= new FormState();
        if (opportunity.Deadline is { } closes && closes <= now)
            return H.Html($"""
                <h2 class="govuk-heading-m" id="start">Start the bid</h2>
                <div class="govuk-warning-text" id="start-tender-deadline"><span class="govuk-warning-text__icon" aria-hidden="true">!</span><strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span> The tender deadline ({Words.Date(closes)}) has passed, so this notice can no longer be bid for.</strong></div>
                """);
        if (profile.Profile is not { } lead)
            return H.Html($"""
                <h2 class="govuk-heading-m" id="start">Start the bid</h2>
                <p class="govuk-body" id="start-profile">Before you start a bid, tell us who the lead body is (its legal name, registration number, signatory, contact and address) and who your procurement adviser is. The bid pack, the sub-contracts and the members' emails name them, and the adviser reviews the pack. You only do this once.</p>
                <a class="govuk-button" href="{ProfileEndpoints.AskedBy(path)}" role="button" draggable="false" data-module="govuk-button">Complete the consortium profile</a>
                """);
        if (lead.AdviserEmail.Length == 0)
            return H.Html($"""
                <h2 class="govuk-heading-m" id="start">Start the bid</h2>
                <p class="govuk-body" id="start-profile">Before you start a bid, add your procurement adviser's email to the consortium profile. The adviser reviews the bid pack before it is submitted.</p>
                <a class="govuk-button" href="{ProfileEndpoints.AskedBy(path)}#adviserEmail" role="button" draggable="false" data-module="govuk-button">Add your procurement adviser</a>
                """);
        var deadline = SuggestedDeadline(opportunity.Deadline, options, now);
        var lots = H.Each(opportunity.Lots, (lot, i) => H.Html($"""
            <div class="app-lot">
            <h3 class="govuk-heading-s">Lot {lot.Id}: {lot.Title}</h3>
            {Forms.Select($"start-lot{i}-unit", $"start-lot{i}-unit", "Members declare in", LotUnits.All.Select(u => (u, u == LotUnits.Value ? "value (whole pounds)" : u)).ToList(), form.Value($"start-lot{i}-unit", LotUnits.Value), form)}
            {Forms.TextInput($"start-lot{i}-demand", $"start-lot{i}-demand", "Demand to cover", form.Value($"start-lot{i}-demand"), form, "Whole units. Leave empty with “value” to split the lot's estimated value.", inputMode: "numeric")}
            {Forms.TextInput($"start-lot{i}-reference", $"start-lot{i}-reference", "Reference price per unit (£, optional)", form.Value($"start-lot{i}-reference"), form, inputMode: "decimal", width: "govuk-input--width-5")}
            </div>
            """));
        return H.Html($"""
            <h2 class="govuk-heading-m" id="start">Start the bid</h2>
            <p class="govuk-body">Starting runs the whole bid: matching, invitations to the shortlisted members by email with their personal links, their declarations, the shares for you to approve, the bid pack, the adviser's review, submission and outcome.</p>
            <form method="post" action="{path}/start" novalidate>
            {Forms.Antiforgery(http)}
            {Forms.DateInput("start-deadline", "start-deadline", $"Members' declaration deadline (midday, {DisplayTime.Current.ZoneName})", (form.Value("start-deadline-day", deadline.Day.ToString(CultureInfo.InvariantCulture)), form.Value("start-deadline-month", deadline.Month.ToString(CultureInfo.InvariantCulture)), form.Value("start-deadline-year", deadline.Year.ToString(CultureInfo.InvariantCulture))), form,
                opportunity.Deadline is { } tender ? $"At least {options.MinimumDaysBeforeTenderDeadline} days before the tender deadline ({Words.Date(tender)}), so the shares, the bid pack and the adviser's review fit in between." : null)}
            <p class="govuk-body" id="start-profile">Members will be told to contact {lead.SignatoryName} at {lead.ContactEmail}, the bid pack names {lead.LegalName} as the bidder, and {lead.AdviserEmail} is asked to review it. <a class="govuk-link" href="{ProfileEndpoints.AskedBy(path)}">Change the consortium profile</a></p>
            <h3 class="govuk-heading-s">How each lot is split</h3>
            {lots}
            {Forms.Button("Start the bid")}
            </form>
            """);
    }

    /// <summary>Ten days from now, or earlier when the tender deadline needs it: halfway to the latest date the start accepts.</summary>
    private static DateTimeOffset SuggestedDeadline(DateTimeOffset? tenderDeadline, BidStartOptions options, DateTimeOffset now)
    {
        var suggested = now.AddDays(10);
        if (tenderDeadline is not { } tender) return suggested;
        var latest = tender.AddDays(-options.MinimumDaysBeforeTenderDeadline);
        return suggested <= latest ? suggested : latest <= now ? now.AddDays(1) : now + (latest - now) / 2;
    }

    private static Html LotsSection(Core.Opportunities.Opportunity opportunity, MatchResult? matches, DeclarationRound? round) => H.Html($"""
        <h2 class="govuk-heading-m" id="lots">Lots, matches and gaps</h2>
        {H.Each(LotOrder.Sort(opportunity.Lots, l => l.Id), lot =>
        {
            var match = matches?.Lots.FirstOrDefault(l => l.LotId == lot.Id);
            var terms = round?.TermsOf(lot.Id);
            return H.Html($"""
                <h3 class="govuk-heading-s">Lot {lot.Id}: {lot.Title}</h3>
                <p class="govuk-body">{(lot.Value is null ? "Value not published by the buyer" : $"Estimated value {Words.Money(lot.Value)}")}{(terms is null ? "" : $" · {Words.Number(terms.Demand)} {Words.Unit(terms.Unit)} to cover")}</p>
                {(match is null ? Html.Empty : H.Html($"""
                    {(match.Requirements.Count == 0 ? Html.Empty : H.Html($"""<p class="govuk-body-s">Requirements: {string.Join("; ", match.Requirements)}</p>"""))}
                    {(match.Gaps.Count == 0 ? Html.Empty : H.Html($"""<div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span><strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span> Gaps: {string.Join("; ", match.Gaps)}</strong></div>"""))}
                    {Forms.Table($"Members matched for lot {lot.Id}", ["Member", "Match", "Reasons"], match.Candidates.Take(25).Select(c => (IReadOnlyList<Html>)
                        [Forms.Text(c.Name), Forms.Text(Words.Percent((decimal)Math.Round(c.Score * 100, 0))), Forms.Text(Capitalise(string.Join("; ", c.Reasons)))]), "govuk-table__caption--s")}
                    {(match.Excluded.Count == 0 ? Html.Empty : H.Html($"""<details class="govuk-details"><summary class="govuk-details__summary"><span class="govuk-details__summary-text">{match.Excluded.Count} {(match.Excluded.Count == 1 ? "member" : "members")} excluded, and why</span></summary><div class="govuk-details__text"><ul class="govuk-list govuk-list--bullet">{H.Each(match.Excluded.Take(50), e => H.Html($"<li>{e.Name}: {string.Join("; ", e.Reasons)}</li>"))}</ul></div></details>"""))}
                    """))}
                """);
        })}
        """);

    private static Html DeclarationsSection(HttpContext http, string path, IReadOnlyList<Invitation> invitations, IReadOnlyDictionary<string, CapacityDeclaration> declarations,
        DeclarationRound? round, DateTimeOffset now, InstanceDetails? instance, FormState form)
    {
        if (round is null) return Html.Empty;
        var received = invitations.Count(i => declarations.TryGetValue(i.MemberId, out var d) && !d.Declined);
        var declined = invitations.Count(i => declarations.TryGetValue(i.MemberId, out var d) && d.Declined);
        var pending = invitations.Count - received - declined;
        var canClose = round.ClosedAt is null && instance?.Bookmarks.Any(b => b.Name == DeclarationSignals.Round) == true;
        return H.Html($"""
            <h2 class="govuk-heading-m" id="declarations">Declarations</h2>
            <p class="govuk-body">{received} received, {pending} pending, {declined} declined. {(round.ClosedAt is { } closed ? $"Closed on {Words.Date(closed)}." : $"Deadline {Words.Date(round.Deadline)}")} {(round.ClosedAt is null ? Words.CountdownTag(round.Deadline, now) : Html.Empty)}</p>
            {Forms.Table("Invited members", ["Member", "Answer", "Offer"], invitations.Select(i =>
            {
                declarations.TryGetValue(i.MemberId, out var d);
                var answer = d is null ? Forms.Tag(i.RevokedAt is null ? "Pending" : "Link revoked", "grey") : d.Declined ? Forms.Tag("Declined", "red") : Forms.Tag($"Received (revision {d.Revision})", "green");
                var offer = d is null ? Forms.Text("—") : d.Declined ? Forms.Text(d.DeclineReason) : Forms.Text(string.Join("; ", d.Lots.Select(l => $"lot {l.LotId}: {DeclarationWords.Offer(round.TermsOf(l.LotId), l.Volume, l.PricePerUnit)}, from {Words.Day(l.EarliestStart)}")));
                return (IReadOnlyList<Html>)[Forms.Text(i.MemberName), answer, offer];
            }), "govuk-visually-hidden")}
            {(canClose ? H.Html($"""<form method="post" action="{path}/declarations/close" novalidate>{Forms.Antiforgery(http)}{Forms.Button("Close declarations now", modifier: "govuk-button--secondary")}</form>""") : Html.Empty)}
            {(canClose ? H.Html($"""
                <form method="post" action="{path}/declarations/extend" novalidate>{Forms.Antiforgery(http)}
                {Forms.DateInput("extend-until", "extend-until", "Give members more time", (form.Value("extend-until-day"), form.Value("extend-until-month"), form.Value("extend-until-year")), form,
                    $"The new deadline, at 5pm ({DisplayTime.Current.ZoneName}) on that day. Members' links keep working until then. For example, 18 12 2026")}
                {Forms.Button("Move the deadline", modifier: "govuk-button--secondary")}
                </form>
                """) : Html.Empty)}
            """);
    }

    private static Html AllocationSection(HttpContext http, string path, StoredAllocation? allocation, IReadOnlyDictionary<string, CapacityDeclaration> declarations,
        FormState? form, InstanceDetails? instance)
    {
        if (allocation is null) return Html.Empty;
        var awaitingApproval = allocation.Status == AllocationStatus.Proposed && instance?.Bookmarks.Any(b => b.Name == AllocationSignals.Approval) == true;
        var lots = H.Each(LotOrder.Sort(allocation.Result.Lots, l => l.LotId), lot => H.Html($"""
            {Forms.Table($"Lot {lot.LotId}: {lot.Title} – {Words.Number(lot.Covered)} of {Words.Number(lot.Demand)} {lot.Unit} covered", ["Member", "Share", "Value", "Why"],
                lot.Shares.Select(s => (IReadOnlyList<Html>)
                [
                    Forms.Text(s.MemberName),
                    Forms.Text($"{Words.Number(s.Volume)} ({Words.Percent(s.PercentOfLot)})"),
                    Forms.Text(Words.Pounds(s.Value)),
                    Forms.Text(s.Reasons()), // names the lead's reason when the lead set the share
                ]), "govuk-table__caption--s")}
            {(lot.Shares.Count == 0 ? H.Html($"""<p class="govuk-body">No member offered to deliver lot {lot.LotId}.</p>""") : Html.Empty)}
            {(lot.Uncovered > 0 ? H.Html($"""<div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span><strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span> Gap: {Words.Number(lot.Uncovered)} {lot.Unit} of lot {lot.LotId} are not covered.</strong></div>""") : Html.Empty)}
            """));
        // Members are asked only once the lead approves, so before that there is no answer to show.
        var consents = allocation.Consents.Count == 0 || allocation.Status == AllocationStatus.Proposed ? Html.Empty : Forms.Table("Members' consent", ["Member", "Answer"],
            allocation.Consents.Select(c => (IReadOnlyList<Html>)
            [
                Forms.Text(allocation.Result.Lots.SelectMany(l => l.Shares).FirstOrDefault(s => s.MemberId == c.MemberId)?.MemberName ?? c.MemberId),
                H.Html($"{Forms.Tag(c.Status == ConsentStatus.Pending ? "Waiting for an answer" : c.Status.ToString(), c.Status switch { ConsentStatus.Accepted => "green", ConsentStatus.Pending => "grey", _ => "red" })} {c.Reason}"),
            ]), "govuk-table__caption--s");
        var options = allocation.Result.Lots.SelectMany(l => l.Shares.Select(s =>
        {
            var declared = declarations.TryGetValue(s.MemberId, out var d) ? d.Lot(l.LotId)?.Volume : null;
            return ($"{l.LotId}|{s.MemberId}", $"Lot {l.LotId} – {s.MemberName} (now {Words.Number(s.Volume)}{(declared is { } v ? $", declared {Words.Number(v)}" : "")} {l.Unit})");
        })).ToList();
        form ??= new FormState();
        var overrideForm = !awaitingApproval || options.Count == 0 ? Html.Empty : H.Html($"""
            <h3 class="govuk-heading-s">Set a share yourself</h3>
            <form method="post" action="{path}/allocation/override" novalidate>
            {Forms.Antiforgery(http)}
            {Forms.Select("override-share", "override-share", "Member and lot", options, form.Value("override-share"), form)}
            {Forms.TextInput("override-volume", "override-volume", "New share", form.Value("override-volume"), form, "Whole units of the lot, at most what the member declared. The rest of the lot is re-optimised around it.", inputMode: "numeric")}
            {Forms.Textarea("override-reason", "override-reason", "Reason", form.Value("override-reason"), form, "Required. Recorded in the journal and shown to the member.")}
            {Forms.Button("Set this share", modifier: "govuk-button--secondary")}
            </form>
            """);
        var takesWithdrawals = instance?.Bookmarks.Any(b => b.Name == AllocationSignals.Withdrawal) == true;
        var staying = allocation.Consents.Where(c => c.Status is ConsentStatus.Pending or ConsentStatus.Accepted)
            .Select(c => (c.MemberId, allocation.Result.Lots.SelectMany(l => l.Shares).FirstOrDefault(s => s.MemberId == c.MemberId && s.Volume > 0)?.MemberName))
            .Where(m => m.MemberName is not null).Select(m => (m.MemberId, m.MemberName!)).ToList();
        var withdrawForm = !takesWithdrawals || staying.Count == 0 ? Html.Empty : H.Html($"""
            <h3 class="govuk-heading-s">A member withdraws</h3>
            <form method="post" action="{path}/allocation/withdrawal" novalidate>
            {Forms.Antiforgery(http)}
            {Forms.Select("withdraw-member", "withdraw-member", "Member", [("", "Choose a member"), .. staying], form.Value("withdraw-member"), form)}
            {Forms.Textarea("withdraw-reason", "withdraw-reason", "Reason", form.Value("withdraw-reason"), form, "Required. Recorded in the journal. The allocation is re-run without the member, and members whose share grows are asked again.")}
            {Forms.Button("Record the withdrawal", modifier: "govuk-button--warning")}
            </form>
            """);
        return H.Html($"""
            <h2 class="govuk-heading-m" id="allocation">Allocation</h2>
            <p class="govuk-body">Round {allocation.Round}, {allocation.Status.ToString().ToLowerInvariant()}. {Fairness(allocation.Result)}</p>
            {lots}
            {consents}
            {(awaitingApproval ? H.Html($"""<form method="post" action="{path}/allocation/approve" novalidate>{Forms.Antiforgery(http)}<div class="govuk-button-group">{Forms.Button("Approve allocation")}</div></form>""") : Html.Empty)}
            {overrideForm}
            {withdrawForm}
            """);
    }

    private static string Fairness(AllocationResult result)
    {
        var shares = result.Lots.SelectMany(l => l.Shares.Where(s => s.Volume > 0)).ToList();
        if (shares.Count == 0) return "No member has a share yet.";
        var largest = shares.MaxBy(s => s.PercentOfLot)!;
        var sharing = shares.Select(s => s.MemberId).Distinct().Count();
        return $"{sharing} {(sharing == 1 ? "member shares" : "members share")} the work; the largest share of any lot is {largest.MemberName}'s {Words.Percent(largest.PercentOfLot)} of lot {largest.LotId}.";
    }

    private static Html DocumentsSection(NodeSettings node, string id, string path)
    {
        var files = OpportunityFiles.List(node, id).Select(f => (File: f, Title: DocumentTitle.Of(f))).Where(f => f.Title is not null).ToList();
        return files.Count == 0 ? Html.Empty : H.Html($"""
            <h2 class="govuk-heading-m" id="documents">Documents</h2>
            <ul class="govuk-list">{H.Each(files, f => H.Html($"""<li><a class="govuk-link" href="{path}/documents/{string.Join('/', f.File.Split('/').Select(Uri.EscapeDataString))}" download>{f.Title}</a></li>"""))}</ul>
            """);
    }

    private static Html ReviewSection(Review? review) => review is null ? Html.Empty : H.Html($"""
        <h2 class="govuk-heading-m" id="review">Adviser's review</h2>
        <p class="govuk-body">Round {review.Round} on bid pack version {review.BidPackVersion}: {Forms.Tag(review.Decision switch { ReviewDecision.Approved => "Approved", ReviewDecision.ChangesRequested => "Changes requested", _ => "Waiting for the adviser" }, review.Decision switch { ReviewDecision.Approved => "green", ReviewDecision.ChangesRequested => "orange", _ => "grey" })}</p>
        {(review.Summary is null ? Html.Empty : H.Html($"""<div class="govuk-inset-text app-pre">{review.Summary}</div>"""))}
        {(review.Decision == ReviewDecision.Approved ? CheckViews.Accepted(review.AcceptedChecks ?? [], "Failed checks the adviser accepted with the approval") : Html.Empty)}
        {(review.Comments.Count == 0 ? Html.Empty : Forms.Table("Comments", ["Section", "Comment", "By"], review.Comments.Select(c => (IReadOnlyList<Html>)
            [Forms.Text(c.Section), H.Html($"""<span class="app-pre">{c.Text}</span>"""), Forms.Text($"{c.Adviser}, {Words.Date(c.At)}")]), "govuk-table__caption--s"))}
        """);

    /// <summary>The outcome: the lead records it here once the bid reaches it (the submission is <see cref="SubmissionSection"/>), and reads it back after.</summary>
    private static Html OutcomeSection(HttpContext http, string path, BidView bid, Core.Opportunities.Opportunity opportunity, FormState? form,
        InstanceDetails? instance)
    {
        var waitsForOutcome = instance?.Bookmarks.Any(b => b.Name == SubmissionSignals.Outcome) == true;
        var lots = LotOrder.Sort(opportunity.Lots, l => l.Id);
        var outcome = bid.Outcomes.Count > 0
            ? H.Html($"""
                <h2 class="govuk-heading-m" id="outcome">Outcome</h2>
                <ul class="govuk-list">{H.Each(LotOrder.Sort(bid.Outcomes, o => o.LotId), o => H.Html($"<li>Lot {o.LotId}: {(o.Awarded ? "won" : "not won")}</li>"))}</ul>
                """)
            : waitsForOutcome ? H.Html($"""
                <h2 class="govuk-heading-m" id="outcome">Record the outcome</h2>
                <form method="post" action="{path}/outcome" novalidate>
                {Forms.Antiforgery(http)}
                {Forms.Checkboxes("outcome-lots", "outcome-lots", "Which lots did the buyer award to the consortium?",
                    lots.Select(l => new Forms.Choice(l.Id, $"Lot {l.Id}: {l.Title}", form?.Values("outcome-lots").Contains(l.Id) == true)).ToList(), form,
                    "Leave every box empty if no lot was won. Members are told, and sub-contracts are issued for the lots won.")}
                {Forms.Button("Record the outcome")}
                </form>
                """)
            : Html.Empty;
        return outcome;
    }

    private static async Task<IResult> OutcomeAsync(string id, HttpContext http, NodeSettings node, RecordOutcomeHandler outcome)
    {
        if (await LeadPages.ResolveAsync(http, node, id) is not { } found) return LeadPages.NotFound(http);
        if (await PageEndpoints.ReadFormAsync(http) is not { } form) return PageEndpoints.Expired(http, PageArea.Lead);
        try
        {
            await outcome.HandleAsync(new RecordOutcome(found, form.Values("outcome-lots").ToList(), LeadContext.Of(http).Actor), http.RequestAborted);
            return PageEndpoints.Done(LeadPages.OpportunityPath(found) + "#outcome", "outcome");
        }
        catch (ProblemException ex)
        {
            foreach (var p in ex.Items) form.Error(p.Path.StartsWith("awardedLots", StringComparison.Ordinal) ? "outcome-lots" : "actions", Capitalise(p.Message));
        }

        return await RenderAsync(http, found, null, form, StatusCodes.Status400BadRequest);
    }

    private static Html JournalSection(InstanceDetails? instance) => instance is null ? Html.Empty : H.Html($"""
        <h2 class="govuk-heading-m" id="journal">Journal</h2>
        <details class="govuk-details"><summary class="govuk-details__summary"><span class="govuk-details__summary-text">{instance.Journal.Count} entries, newest first</span></summary>
        <div class="govuk-details__text app-journal">
        {Forms.Table("Journal", ["When", "What", "Step", "Who", "Detail"], instance.Journal.Reverse().Take(200).Select(j => (IReadOnlyList<Html>)
            [Forms.Text(Words.Date(j.At)), Forms.Text(j.Kind), Forms.Text(j.ActivityId), Forms.Text(j.Actor), Forms.Text(j.Detail)]), "govuk-visually-hidden")}
        </div></details>
        """);
}
