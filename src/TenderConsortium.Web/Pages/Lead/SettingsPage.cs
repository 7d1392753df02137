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
            if (SettingFields.IsPerBid(setting)) continue;
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
        var (workflow, saved) = NewBidDefaults.Load(node, LeadContext.Of(http).ConsortiumId);
        var latest = (await runtime.Definitions.ListAsync(http.RequestAborted)).GroupBy(d => d.Id).Select(g => g.MaxBy(d => d.Version)!).OrderBy(d => d.Id).ToList();
        var sections = new List<Html>();
        WorkflowDefinition? chosen = null;
        foreach (var summary in latest)
        {
            var definition = await runtime.Definitions.GetAsync(summary.Id, summary.Version, http.RequestAborted);
            if (definition.Id == workflow) chosen = definition;
            var allocation = definition.Settings.TryGetValue("allocation", out var a) && a.Default is JsonObject rules ? rules : null;
            sections.Add(H.Html($"""
                <h2 class="govuk-heading-m">{definition.Name}</h2>
                <p class="govuk-body-s">Version {summary.Version}{(summary.Instances > 0 ? $", {Wording.Count(summary.Instances, "bid")}" : "")}. {definition.Description}</p>
                {(allocation is null ? Html.Empty : H.Html($"""
                    <h3 class="govuk-heading-s">Allocation rules</h3>
                    {Forms.SummaryList(allocation.Select(kv => (SettingWords.Label(kv.Key), Forms.Text(saved["allocation"] is JsonObject mine && mine[kv.Key] is { } v && definition.Id == workflow
                        ? $"{SettingWords.Value(kv.Key, v)} (yours; default {SettingWords.Value(kv.Key, kv.Value)})"
                        : SettingWords.Value(kv.Key, kv.Value)))))}
                    """))}
                {Forms.Table($"Settings of {definition.Name}", ["Setting", "Default", "What it does"], definition.Settings.Values.Select(sd => (IReadOnlyList<Html>)
                    [Forms.Text(SettingWords.Label(sd.Name)), Forms.Text(SettingWords.Value(sd.Name, sd.Default, sd.Type)), Forms.Text(sd.Description)]), "govuk-table__caption--s")}
                """));
        }

        form ??= new FormState();
        var edit = chosen is null ? Html.Empty : H.Html($"""
            <h2 class="govuk-heading-m" id="new-bids">Settings for new bids</h2>
            <p class="govuk-body">Values here are used when you start a bid from an opportunity's page. Leave a box empty to use the workflow's default. Bids already running keep their settings.</p>
            <form method="post" action="/lead/settings" novalidate>
            {Forms.Antiforgery(http)}
            {Forms.Select("workflow", "workflow", "Workflow for new bids", latest.Select(d => (d.Id, d.Name)).ToList(), form.Value("workflow", workflow), form)}
            {H.Each(chosen.Settings.Values, sd => SettingFields.Render(sd, saved[sd.Name], form))}
            {Forms.Button("Save settings for new bids")}
            </form>
            """);
        var main = H.Html($"""
            {Forms.ErrorSummary(form.Errors)}
            {Forms.Banner(PageEndpoints.DoneMessage(http) is "saved" ? "Settings for new bids saved." : null)}
            <h1 class="govuk-heading-l">Rules and settings</h1>
            {edit}
            {sections}
            """);
        return Layout.Page(http, PageArea.Lead, "Rules and settings", main, status, form.HasErrors);
    }
}
