using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TenderConsortium.Host;
using TenderConsortium.Web.Pages.Shared;
using TenderConsortium.Workflows;
using TenderConsortium.Workflows.Definitions;
using TenderConsortium.Core.Common;
using TenderConsortium.Application.Consortium;
using TenderConsortium.Application.Consortium.ShowProfile;
using Microsoft.Extensions.DependencyInjection;

namespace TenderConsortium.Web.Pages.Lead;

/// <summary>
/// The consortium's rules: each workflow's settings with their defaults (the allocation rules in full), and the
/// values the lead sets for new bids. Running bids keep the settings they started with.
/// </summary>
internal static class SettingsPage
{
    public static void Map(RouteGroupBuilder lead)
    {
        lead.MapGet("/settings", (HttpContext http, NodeSettings node, WorkflowRuntime runtime) => RenderAsync(http, node, runtime, null));
        lead.MapPost("/settings", SaveAsync).DisableAntiforgery();
    }

    private static async Task<IResult> SaveAsync(HttpContext http, NodeSettings node, WorkflowRuntime runtime)
    {
        if (await PageEndpoints.ReadFormAsync(http) is not { } form) return PageEndpoints.Expired(http, PageArea.Lead);
        var workflow = form.Value("workflow", NewBidDefaults.DefaultWorkflow);
        WorkflowDefinition definition;
        try
        {
            (definition, _) = await runtime.Definitions.GetLatestAsync(workflow, http.RequestAborted);
        }
        catch (Exception ex) when (ex is WorkflowNotFoundException or InvalidOperationException or KeyNotFoundException)
        {
            form.Error("workflow", $"There is no workflow '{workflow}'");
            return await RenderAsync(http, node, runtime, form, StatusCodes.Status400BadRequest);
        }

        var settings = new JsonObject();
        foreach (var (name, setting) in definition.Settings)
        {
            if (SettingFields.IsPerBid(setting) || ProfileSettings.Keys.Contains(name)) continue;
            if (setting.Type is ValueKind.Object && setting.Default is JsonObject rules)
            {
                // Rules such as the allocation's: one field per rule, saved as an object of the changed ones.
                var changed = new JsonObject();
                foreach (var (key, fallback) in rules)
                {
                    var field = SettingFields.Field(name, key);
                    var typed = form.Value(field).Trim();
                    if (typed.Length == 0) continue;
                    if (SettingFields.ReadRule(key, typed, fallback) is not { } rule)
                        form.Error(field, SettingFields.RuleHint(key, fallback));
                    else if (!JsonNode.DeepEquals(rule, fallback)) changed[key] = rule;
                }

                if (changed.Count > 0) settings[name] = changed;
                continue;
            }

            var text = form.Value($"setting-{name}").Trim();
            if (text.Length == 0) continue;
            JsonNode? value = setting.Type switch
            {
                ValueKind.Duration => SettingFields.ReadDuration(text) is { } iso ? JsonValue.Create(iso) : null,
                ValueKind.String => JsonValue.Create(text),
                ValueKind.Boolean => text.ToLowerInvariant() is "yes" or "no" ? JsonValue.Create(text.Equals("yes", StringComparison.OrdinalIgnoreCase)) : null,
                ValueKind.Object when setting.Default is JsonArray => SettingFields.ReadDurations(text),
                _ => decimal.TryParse(text.Replace(",", "").TrimStart('£'), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var n)
                     && (setting.Type is not ValueKind.Integer || n == decimal.Floor(n))
                    ? setting.Type is ValueKind.Integer ? JsonValue.Create((long)n) : JsonValue.Create(n) : null,
            };
            if (value is null)
            {
                form.Error($"setting-{name}", SettingFields.Hint(setting));
                continue;
            }

            if (!JsonNode.DeepEquals(value, setting.Default)) settings[name] = value;
        }

        if (form.HasErrors) return await RenderAsync(http, node, runtime, form, StatusCodes.Status400BadRequest);
        NewBidDefaults.Save(node, LeadContext.Of(http).ConsortiumId, definition.Id, settings);
        return PageEndpoints.Done("/lead/settings", "saved");
    }

    private static async Task<IResult> RenderAsync(HttpContext http, NodeSettings node, WorkflowRuntime runtime, FormState? form, int status = StatusCodes.Status200OK)
    {
        var consortium = LeadContext.Of(http).ConsortiumId;
        var (workflow, saved) = NewBidDefaults.Load(node, consortium);
        var profile = await http.RequestServices.GetRequiredService<ShowProfileHandler>().HandleAsync(new ShowProfile(consortium), http.RequestAborted);
        var latest = (await runtime.Definitions.ListAsync(http.RequestAborted)).GroupBy(d => d.Id).Select(g => g.MaxBy(d => d.Version)!).OrderBy(d => d.Id).ToList();
        var sections = new List<Html>();
        WorkflowDefinition? chosen = null;
        foreach (var summary in latest)
        {
            var definition = await runtime.Definitions.GetAsync(summary.Id, summary.Version, http.RequestAborted);
            if (definition.Id == workflow) chosen = definition;
            // The consortium's own workflows are the ones run on the lead's behalf (they take the lead's address); the
            // runtime's examples (the CLI's "approval demo") are nothing a coordinator sets.
            if (definition.Id != workflow && !definition.Settings.ContainsKey("leadEmail")) continue;
            sections.Add(Timings(definition, summary.Version, summary.Instances, definition.Id == workflow ? saved : new JsonObject()));
        }

        form ??= new FormState();
        var edit = chosen is null ? Html.Empty : H.Html($"""
            <details class="govuk-details" id="new-bids"{(form.HasErrors ? " open" : "")}>
            <summary class="govuk-details__summary"><span class="govuk-details__summary-text">Change the timings and rules for new bids</span></summary>
            <div class="govuk-details__text">
            <p class="govuk-body">Values here are used when you start a bid from an opportunity's page. Leave a box empty to use the workflow's default. Bids already running keep their settings.</p>
            <form method="post" action="/lead/settings" novalidate>
            {Forms.Antiforgery(http)}
            {Forms.Select("workflow", "workflow", "Workflow for new bids", latest.Select(d => (d.Id, d.Name)).ToList(), form.Value("workflow", workflow), form)}
            {H.Each(chosen.Settings.Values.Where(sd => !ProfileSettings.Keys.Contains(sd.Name)), sd => SettingFields.Render(sd, saved[sd.Name], form))}
            {Forms.Button("Save settings for new bids")}
            </form>
            </div>
            </details>
            """);
        var main = H.Html($"""
            {Forms.ErrorSummary(form.Errors)}
            {Forms.Banner(PageEndpoints.DoneMessage(http) is "saved" ? "Settings for new bids saved." : null)}
            <h1 class="govuk-heading-l">Rules and settings</h1>
            <h2 class="govuk-heading-m">Your consortium</h2>
            {Yours(profile, chosen, saved)}
            {edit}
            <h2 class="govuk-heading-m">Workflows</h2>
            <p class="govuk-body">Each workflow's timings and rules, as a new bid gets them unless you change them above.</p>
            {sections}
            """);
        return Layout.Page(http, PageArea.Lead, "Rules and settings", main, status, form.HasErrors);
    }

    /// <summary>The consortium's own settings at a glance: who it is (from its profile) and what new bids get.</summary>
    private static Html Yours(ProfileView view, WorkflowDefinition? chosen, JsonObject saved)
    {
        var changed = chosen is null ? [] : saved.Where(kv => chosen.Settings.ContainsKey(kv.Key) && !ProfileSettings.Keys.Contains(kv.Key)).ToList();
        var rows = new List<(string, Html)>();
        if (view.Profile is { } p)
        {
            rows.Add(("Lead body", Forms.Text(p.LegalName)));
            rows.Add(("Contact for members", Forms.Text($"{p.SignatoryName}, {p.ContactEmail}")));
            rows.Add(("Procurement adviser's email", Forms.Text(p.AdviserEmail.Length == 0 ? "Missing: add it before you start a bid" : p.AdviserEmail)));
        }

        rows.Add(("Workflow for new bids", Forms.Text(chosen?.Name ?? "The whole lead-partner bid")));
        rows.Add(("Your changes for new bids", Forms.Text(changed.Count == 0
            ? "None: new bids use the workflow's defaults"
            : string.Join("; ", changed.Select(kv => $"{SettingWords.Label(kv.Key)}: {SettingWords.Value(kv.Key, kv.Value, chosen!.Settings[kv.Key].Type)}")))));
        var profileLink = view.Profile is null
            ? H.Html($"""<p class="govuk-body"><a class="govuk-link" href="{ProfileEndpoints.Path}">Complete the consortium profile</a> before you start a bid.</p>""")
            : H.Html($"""<p class="govuk-body"><a class="govuk-link" href="{ProfileEndpoints.Path}">Change the consortium profile</a></p>""");
        return H.Html($"{Forms.SummaryList(rows)}{profileLink}");
    }

    /// <summary>One workflow, its timings and rules folded away (GOV.UK details): a list of what it is, in words.</summary>
    private static Html Timings(WorkflowDefinition definition, int version, int instances, JsonObject mine)
    {
        var allocation = definition.Settings.TryGetValue("allocation", out var a) && a.Default is JsonObject rules ? rules : null;
        var tunables = definition.Settings.Values.Where(sd => !ProfileSettings.Keys.Contains(sd.Name) && sd.Name != "allocation").ToList();
        string Shown(SettingDefinition sd) =>
            SettingFields.IsPerBid(sd) ? "Set for each bid on the opportunity's page"
            : sd.Default is null && sd.Required ? "Given when it starts"
            : mine[sd.Name] is { } v ? $"{SettingWords.Value(sd.Name, v, sd.Type)} (yours; default {SettingWords.Value(sd.Name, sd.Default, sd.Type)})"
            : SettingWords.Value(sd.Name, sd.Default, sd.Type);
        return H.Html($"""
            <details class="govuk-details">
            <summary class="govuk-details__summary"><span class="govuk-details__summary-text">Timings for {definition.Name}</span></summary>
            <div class="govuk-details__text">
            <p class="govuk-body">{definition.Description}</p>
            <p class="govuk-body-s">Version {version}{(instances > 0 ? $", used by {Wording.Count(instances, "bid")}" : "")}.</p>
            {(tunables.Count == 0 ? Html.Empty : Forms.SummaryList(tunables.Select(sd => (SettingWords.Label(sd.Name), H.Html($"""{Shown(sd)}<br><span class="govuk-hint govuk-!-font-size-16">{sd.Description}</span>""")))))}
            {(allocation is null ? Html.Empty : H.Html($"""
                <h4 class="govuk-heading-s">Allocation rules</h4>
                {Forms.SummaryList(allocation.Select(kv => (SettingWords.Label(kv.Key), Forms.Text(mine["allocation"] is JsonObject own && own[kv.Key] is { } v
                    ? $"{SettingWords.Value(kv.Key, v)} (yours; default {SettingWords.Value(kv.Key, kv.Value)})"
                    : SettingWords.Value(kv.Key, kv.Value)))))}
                """))}
            </div>
            </details>
            """);
    }
}
