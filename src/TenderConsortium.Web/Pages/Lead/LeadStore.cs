using System.Text.Json;
using System.Text.Json.Nodes;
using TenderConsortium.Host;

namespace TenderConsortium.Web.Pages.Lead;

/// <summary>
/// The lead's defaults for new bids (which workflow, which setting values), kept per consortium in
/// <c>&lt;data&gt;/settings/&lt;consortium&gt;/new-bids.json</c>; the start form begins from them.
/// </summary>
internal static class NewBidDefaults
{
    public const string DefaultWorkflow = Application.Bids.BidWorkflows.Whole;

    public static string PathOf(NodeSettings node, string consortium) =>
        System.IO.Path.Combine(node.DataFolder, "settings", Safe(consortium), "new-bids.json");

    public static (string Workflow, JsonObject Settings) Load(NodeSettings node, string consortium)
    {
        var path = PathOf(node, consortium);
        if (!File.Exists(path)) return (DefaultWorkflow, new JsonObject());
        try
        {
            var json = JsonNode.Parse(File.ReadAllText(path)) as JsonObject;
            var workflow = json?["workflow"]?.GetValue<string>() ?? DefaultWorkflow;
            return (workflow, json?["settings"] as JsonObject is { } s ? (JsonObject)s.DeepClone() : new JsonObject());
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return (DefaultWorkflow, new JsonObject());
        }
    }

    public static void Save(NodeSettings node, string consortium, string workflow, JsonObject settings)
    {
        var path = PathOf(node, consortium);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, new JsonObject { ["workflow"] = workflow, ["settings"] = settings.DeepClone() }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.Move(temp, path, overwrite: true);
    }

    private static string Safe(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
}
