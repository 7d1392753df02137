using System.Globalization;
using TenderConsortium.Web.Pages.Shared;
using TenderConsortium.Workflows.Definitions;

namespace TenderConsortium.Web.Pages.Lead;

/// <summary>
/// A workflow definition drawn server-side as inline SVG: a box per activity, an arrow per connection, in layers from
/// the start (longest path over forward edges; loops drawn back up). The activities the instance waits at are
/// highlighted; a text list says the same for screen readers.
/// </summary>
public static class WorkflowPicture
{
    private const int BoxWidth = 200, BoxHeight = 52, GapX = 28, GapY = 40, Margin = 16;

    public static Html Render(WorkflowDefinition definition, IReadOnlySet<string> current, IReadOnlySet<string> done)
    {
        var layers = Layers(definition);
        var rows = definition.Activities.GroupBy(a => layers[a.Id]).OrderBy(g => g.Key).Select(g => g.ToList()).ToList();
        var widest = rows.Max(r => r.Count);
        var width = Margin * 2 + widest * BoxWidth + (widest - 1) * GapX;
        var height = Margin * 2 + rows.Count * BoxHeight + (rows.Count - 1) * GapY;
        var position = new Dictionary<string, (double X, double Y)>(StringComparer.Ordinal);
        for (var r = 0; r < rows.Count; r++)
        {
            var rowWidth = rows[r].Count * BoxWidth + (rows[r].Count - 1) * GapX;
            var x0 = (width - rowWidth) / 2.0;
            for (var i = 0; i < rows[r].Count; i++)
                position[rows[r][i].Id] = (x0 + i * (BoxWidth + GapX), Margin + r * (BoxHeight + GapY));
        }

        string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        var edges = H.Each(definition.Connections, c =>
        {
            var (fx, fy) = position[c.From];
            var (tx, ty) = position[c.To];
            string d;
            if (ty > fy)
                d = $"M{N(fx + BoxWidth / 2.0)} {N(fy + BoxHeight)} C{N(fx + BoxWidth / 2.0)} {N(fy + BoxHeight + GapY / 2.0)} {N(tx + BoxWidth / 2.0)} {N(ty - GapY / 2.0)} {N(tx + BoxWidth / 2.0)} {N(ty - 4)}";
            else
                d = $"M{N(fx + BoxWidth)} {N(fy + BoxHeight / 2.0)} C{N(fx + BoxWidth + GapX)} {N(fy)} {N(tx + BoxWidth + GapX)} {N(ty + BoxHeight)} {N(tx + BoxWidth)} {N(ty + BoxHeight / 2.0)}";
            var label = c.Outcome is "" or "done" or "Done" ? Html.Empty
                : H.Html($"""<text class="app-workflow__label app-workflow__type" x="{N((fx + tx) / 2 + BoxWidth / 2.0 + 6)}" y="{N((fy + BoxHeight + ty) / 2 + 4)}">{c.Outcome}</text>""");
            return H.Html($"""<path class="app-workflow__edge" d="{d}" marker-end="url(#app-arrow)"/>{label}""");
        });
        var boxes = H.Each(definition.Activities, a =>
        {
            var (x, y) = position[a.Id];
            var state = current.Contains(a.Id) ? " app-workflow__box--current" : done.Contains(a.Id) ? " app-workflow__box--done" : "";
            var name = Shorten(a.DisplayName ?? a.Id, 24);
            return H.Html($"""
                <g><rect class="app-workflow__box{state}" x="{N(x)}" y="{N(y)}" width="{BoxWidth}" height="{BoxHeight}" rx="6"/>
                <text class="app-workflow__label" x="{N(x + 10)}" y="{N(y + 22)}">{name}</text>
                <text class="app-workflow__label app-workflow__type" x="{N(x + 10)}" y="{N(y + 41)}">{a.Type}{(current.Contains(a.Id) ? " · waiting here" : "")}</text></g>
                """);
        });
        var waiting = definition.Activities.Where(a => current.Contains(a.Id)).Select(a => a.DisplayName ?? a.Id).ToList();
        return H.Html($"""
            <svg class="app-workflow" role="img" aria-labelledby="workflow-title workflow-desc" viewBox="0 0 {width} {height}" width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">
            <title id="workflow-title">{definition.Name}</title>
            <desc id="workflow-desc">{(waiting.Count == 0 ? "The workflow is not waiting at any step." : "Waiting at: " + string.Join(", ", waiting) + ".")}</desc>
            <defs><marker id="app-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path class="app-workflow__arrow" d="M0 0 L10 5 L0 10 z"/></marker></defs>
            {edges}
            {boxes}
            </svg>
            <ol class="govuk-list govuk-list--number govuk-visually-hidden">{H.Each(rows.SelectMany(r => r), a => H.Html($"<li>{a.DisplayName ?? a.Id}{(current.Contains(a.Id) ? " (waiting here)" : "")}</li>"))}</ol>
            """);
    }

    /// <summary>Each activity's layer: the longest path from the start over edges that do not close a loop.</summary>
    public static IReadOnlyDictionary<string, int> Layers(WorkflowDefinition definition)
    {
        var outgoing = definition.Connections.GroupBy(c => c.From).ToDictionary(g => g.Key, g => g.Select(c => c.To).Distinct().ToList(), StringComparer.Ordinal);
        var back = new HashSet<(string, string)>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 visiting, 2 done
        var order = new List<string>();
        void Visit(string id)
        {
            state[id] = 1;
            foreach (var next in outgoing.GetValueOrDefault(id) ?? [])
            {
                if (state.GetValueOrDefault(next) == 1) back.Add((id, next));
                else if (state.GetValueOrDefault(next) == 0) Visit(next);
            }

            state[id] = 2;
            order.Add(id);
        }

        Visit(definition.StartActivity.Id);
        foreach (var a in definition.Activities.Where(a => state.GetValueOrDefault(a.Id) == 0)) Visit(a.Id);
        order.Reverse();
        var layer = definition.Activities.ToDictionary(a => a.Id, _ => 0, StringComparer.Ordinal);
        foreach (var id in order)
        foreach (var next in outgoing.GetValueOrDefault(id) ?? [])
        {
            if (!back.Contains((id, next))) layer[next] = Math.Max(layer[next], layer[id] + 1);
        }

        return layer;
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
