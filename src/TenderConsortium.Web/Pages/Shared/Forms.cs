using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace TenderConsortium.Web.Pages.Shared;

/// <summary>One problem with a form: the id of the field it is about (the summary links to it) and the message.</summary>
public sealed record FieldError(string FieldId, string Message);

/// <summary>What a form was filled with and what was wrong with it, for re-showing it after a refused post.</summary>
public sealed class FormState
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _multi = new(StringComparer.Ordinal);

    public List<FieldError> Errors { get; } = [];

    public bool HasErrors => Errors.Count > 0;

    public static FormState From(IFormCollection form)
    {
        var state = new FormState();
        foreach (var (key, values) in form)
        {
            state._values[key] = values.ToString();
            state._multi[key] = values.Where(v => v is not null).Select(v => v!).ToList();
        }

        return state;
    }

    public string Value(string name, string fallback = "") => _values.TryGetValue(name, out var v) ? v : fallback;

    public IReadOnlyList<string> Values(string name) => _multi.TryGetValue(name, out var v) ? v : [];

    public bool Has(string name) => _values.ContainsKey(name);

    public void Set(string name, string value) => _values[name] = value;

    public void SetMany(string name, IEnumerable<string> values) => _multi[name] = values.ToList();

    public void Error(string fieldId, string message) => Errors.Add(new FieldError(fieldId, message));

    /// <summary>The messages about one field, joined, or null.</summary>
    public string? ErrorFor(string fieldId)
    {
        var messages = Errors.Where(e => e.FieldId == fieldId).Select(e => e.Message).ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }
}

/// <summary>GOV.UK Design System form patterns: labels, hints, inline errors with aria-describedby, the error summary.</summary>
public static class Forms
{
    public static Html Antiforgery(HttpContext http)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        return H.Html($"""<input type="hidden" name="{tokens.FormFieldName}" value="{tokens.RequestToken}">""");
    }

    /// <summary>"There is a problem": each error a link to its field. Focused on load by app.js (and by govuk-frontend).</summary>
    public static Html ErrorSummary(IReadOnlyList<FieldError> errors) => errors.Count == 0
        ? Html.Empty
        : H.Html($"""
            <div class="govuk-error-summary" data-module="govuk-error-summary" tabindex="-1">
            <div role="alert">
            <h2 class="govuk-error-summary__title">There is a problem</h2>
            <div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list">
            {H.Each(errors, e => H.Html($"""<li><a href="#{e.FieldId}">{e.Message}</a></li>"""))}
            </ul></div>
            </div>
            </div>
            """);

    public static Html ErrorMessage(string id, string? error) => error is null
        ? Html.Empty
        : H.Html($"""<p id="{id}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {error}</p>""");

    private static string? Described(string id, string? hint, string? error) =>
        string.Join(' ', new[] { hint is null ? null : id + "-hint", error is null ? null : id + "-error" }.Where(x => x is not null)) is { Length: > 0 } s ? s : null;

    private static Html Hint(string id, string? hint) =>
        hint is null ? Html.Empty : H.Html($"""<div id="{id}-hint" class="govuk-hint">{hint}</div>""");

    public static Html TextInput(string id, string name, string label, string? value, FormState? form = null, string? hint = null,
        string width = "govuk-input--width-10", string type = "text", string? inputMode = null, string? autocomplete = null, string labelClass = "govuk-label",
        string? spellcheck = null)
    {
        var error = form?.ErrorFor(id);
        return H.Html($"""
            <div class="govuk-form-group{(error is null ? "" : " govuk-form-group--error")}">
            <label class="{labelClass}" for="{id}">{label}</label>
            {Hint(id, hint)}{ErrorMessage(id, error)}
            <input class="govuk-input {width}{(error is null ? "" : " govuk-input--error")}" id="{id}" name="{name}" type="{type}" value="{value}"{H.Attr("inputmode", inputMode)}{H.Attr("autocomplete", autocomplete)}{H.Attr("spellcheck", spellcheck)}{H.Attr("aria-describedby", Described(id, hint, error))}>
            </div>
            """);
    }

    public static Html Textarea(string id, string name, string label, string? value, FormState? form = null, string? hint = null, int rows = 3,
        string labelClass = "govuk-label")
    {
        var error = form?.ErrorFor(id);
        return H.Html($"""
            <div class="govuk-form-group{(error is null ? "" : " govuk-form-group--error")}">
            <label class="{labelClass}" for="{id}">{label}</label>
            {Hint(id, hint)}{ErrorMessage(id, error)}
            <textarea class="govuk-textarea{(error is null ? "" : " govuk-textarea--error")}" id="{id}" name="{name}" rows="{rows}"{H.Attr("aria-describedby", Described(id, hint, error))}>{value}</textarea>
            </div>
            """);
    }

    public sealed record Choice(string Value, string Label, bool Checked, string? Hint = null, Html Conditional = default);

    /// <summary>Checkboxes in a fieldset; the first box has the id <paramref name="id"/> so the error summary can link to it.</summary>
    public static Html Checkboxes(string id, string name, string legend, IReadOnlyList<Choice> choices, FormState? form = null, string? hint = null,
        bool small = false, string legendClass = "govuk-fieldset__legend govuk-fieldset__legend--s") =>
        Choices("checkbox", id, name, legend, choices, form, hint, small, legendClass);

    public static Html Radios(string id, string name, string legend, IReadOnlyList<Choice> choices, FormState? form = null, string? hint = null,
        string legendClass = "govuk-fieldset__legend govuk-fieldset__legend--s", bool small = false) =>
        Choices("radio", id, name, legend, choices, form, hint, small, legendClass);

    private static Html Choices(string kind, string id, string name, string legend, IReadOnlyList<Choice> choices, FormState? form, string? hint, bool small,
        string legendClass)
    {
        var error = form?.ErrorFor(id);
        var block = kind == "checkbox" ? "govuk-checkboxes" : "govuk-radios";
        var items = H.Each(choices, (c, i) =>
        {
            var itemId = i == 0 ? id : $"{id}-{i + 1}";
            var conditional = c.Conditional.Value is { Length: > 0 };
            return H.Html($"""
                <div class="{block}__item">
                <input class="{block}__input" id="{itemId}" name="{name}" type="{kind}" value="{c.Value}"{H.Attr("checked", c.Checked)}{H.Attr("data-aria-controls", conditional ? $"{itemId}-conditional" : null)}{H.Attr("aria-describedby", c.Hint is null ? null : itemId + "-item-hint")}>
                <label class="govuk-label {block}__label" for="{itemId}">{c.Label}</label>
                {(c.Hint is null ? Html.Empty : H.Html($"""<div id="{itemId}-item-hint" class="govuk-hint {block}__hint">{c.Hint}</div>"""))}
                </div>
                {(conditional ? H.Html($"""<div class="{block}__conditional{(c.Checked ? "" : $" {block}__conditional--hidden")}" id="{itemId}-conditional">{c.Conditional}</div>""") : Html.Empty)}
                """);
        });
        return H.Html($"""
            <div class="govuk-form-group{(error is null ? "" : " govuk-form-group--error")}">
            <fieldset class="govuk-fieldset"{H.Attr("aria-describedby", Described(id, hint, error))}>
            <legend class="{legendClass}">{legend}</legend>
            {Hint(id, hint)}{ErrorMessage(id, error)}
            <div class="{block}{(small ? $" {block}--small" : "")}" data-module="{block}">
            {items}
            </div>
            </fieldset>
            </div>
            """);
    }

    /// <summary>GOV.UK date input: day, month, year; the day box carries <paramref name="id"/>-day, the summary links there.</summary>
    public static Html DateInput(string id, string name, string legend, (string Day, string Month, string Year) value, FormState? form = null, string? hint = null)
    {
        var error = form?.ErrorFor(id + "-day");
        var errorClass = error is null ? "" : " govuk-input--error";
        Html Part(string part, string label, string v, string width) => H.Html($"""
            <div class="govuk-date-input__item"><div class="govuk-form-group">
            <label class="govuk-label govuk-date-input__label" for="{id}-{part}">{label}</label>
            <input class="govuk-input govuk-date-input__input {width}{errorClass}" id="{id}-{part}" name="{name}-{part}" type="text" inputmode="numeric" value="{v}">
            </div></div>
            """);
        return H.Html($"""
            <div class="govuk-form-group{(error is null ? "" : " govuk-form-group--error")}">
            <fieldset class="govuk-fieldset" role="group"{H.Attr("aria-describedby", Described(id, hint, error is null ? null : error))}>
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
            {Hint(id, hint)}{ErrorMessage(id, error)}
            <div class="govuk-date-input" id="{id}">
            {Part("day", "Day", value.Day, "govuk-input--width-2")}{Part("month", "Month", value.Month, "govuk-input--width-2")}{Part("year", "Year", value.Year, "govuk-input--width-4")}
            </div>
            </fieldset>
            </div>
            """);
    }

    public static Html Button(string text, string? name = null, string? value = null, string modifier = "", string? id = null) => H.Html(
        $"""<button type="submit" class="govuk-button{(modifier.Length == 0 ? "" : " " + modifier)}" data-module="govuk-button"{H.Attr("id", id)}{H.Attr("name", name)}{H.Attr("value", value)}>{text}</button>""");

    /// <summary>A success message shown after a post redirected back (POST-redirect-GET).</summary>
    public static Html Banner(string? message) => string.IsNullOrWhiteSpace(message)
        ? Html.Empty
        : H.Html($"""
            <div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="banner-title" data-module="govuk-notification-banner">
            <div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="banner-title">Success</h2></div>
            <div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading">{message}</p></div>
            </div>
            """);

    /// <summary>A table; cells are already markup.</summary>
    public static Html Table(string caption, IReadOnlyList<string> headings, IEnumerable<IReadOnlyList<Html>> rows, string captionClass = "govuk-table__caption--m",
        IReadOnlyList<bool>? numeric = null) => H.Html($"""
        <div class="app-table-wrap" role="region" aria-label="{caption}" tabindex="0"><table class="govuk-table">
        <caption class="govuk-table__caption {captionClass}">{caption}</caption>
        <thead class="govuk-table__head"><tr class="govuk-table__row">{H.Each(headings, (h, i) => H.Html($"""<th scope="col" class="govuk-table__header{(numeric?[i] == true ? " govuk-table__header--numeric" : "")}">{h}</th>"""))}</tr></thead>
        <tbody class="govuk-table__body">{H.Each(rows, r => H.Html($"""<tr class="govuk-table__row">{H.Each(r, (c, i) => H.Html($"""<td class="govuk-table__cell{(numeric is not null && i < numeric.Count && numeric[i] ? " govuk-table__cell--numeric" : "")}">{c}</td>"""))}</tr>"""))}</tbody>
        </table></div>
        """);

    public static Html SummaryList(IEnumerable<(string Key, Html Value)> rows) => H.Html($"""
        <dl class="govuk-summary-list">{H.Each(rows, r => H.Html($"""<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{r.Key}</dt><dd class="govuk-summary-list__value">{r.Value}</dd></div>"""))}</dl>
        """);

    public static Html Tag(string text, string colour = "") =>
        H.Html($"""<strong class="govuk-tag{(colour.Length == 0 ? "" : " govuk-tag--" + colour)}">{text}</strong>""");

    public static Html Select(string id, string name, string label, IReadOnlyList<(string Value, string Text)> options, string? selected, FormState? form = null,
        string? hint = null)
    {
        var error = form?.ErrorFor(id);
        return H.Html($"""
            <div class="govuk-form-group{(error is null ? "" : " govuk-form-group--error")}">
            <label class="govuk-label" for="{id}">{label}</label>
            {Hint(id, hint)}{ErrorMessage(id, error)}
            <select class="govuk-select{(error is null ? "" : " govuk-select--error")}" id="{id}" name="{name}"{H.Attr("aria-describedby", Described(id, hint, error))}>
            {H.Each(options, o => H.Html($"""<option value="{o.Value}"{H.Attr("selected", o.Value == selected)}>{o.Text}</option>"""))}
            </select>
            </div>
            """);
    }

    public static Html FileUpload(string id, string name, string label, FormState? form = null, string? hint = null, string? accept = null)
    {
        var error = form?.ErrorFor(id);
        return H.Html($"""
            <div class="govuk-form-group{(error is null ? "" : " govuk-form-group--error")}">
            <label class="govuk-label" for="{id}">{label}</label>
            {Hint(id, hint)}{ErrorMessage(id, error)}
            <input class="govuk-file-upload{(error is null ? "" : " govuk-file-upload--error")}" id="{id}" name="{name}" type="file"{H.Attr("accept", accept)}{H.Attr("aria-describedby", Described(id, hint, error))}>
            </div>
            """);
    }

    public static Html Text(string? text) => H.Html($"{text}");
}
