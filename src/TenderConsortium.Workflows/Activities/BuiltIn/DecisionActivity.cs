using System.Text.Json.Nodes;
using TenderConsortium.Workflows.Definitions;

namespace TenderConsortium.Workflows.Activities.BuiltIn;

/// <summary>Chooses the first rule whose condition holds; declarative conditions only, no script engine.</summary>
public sealed class DecisionActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new()
    {
        Type = BuiltInActivityTypes.Decision,
        Description = "Takes the outcome of the first rule whose condition holds, else 'otherwise'.",
        Properties =
        [
            new PropertyDescriptor("rules", ValueKind.Object, true, "[{\"when\": condition, \"outcome\": name}, …]", AllowsReference: false),
            new PropertyDescriptor("otherwise", ValueKind.String, false, "Outcome when no rule holds.", JsonValue.Create("otherwise"), AllowsReference: false),
        ],
        DynamicOutcomes = Outcomes,
    };

    public IEnumerable<(string Path, string Message)> Validate(ActivityNode node)
    {
        var problems = new List<(string Path, string Message)>();
        if (node.Properties["rules"] is not JsonArray rules)
        {
            if (node.Properties["rules"] is not null) problems.Add((".properties.rules", "expected an array of {\"when\", \"outcome\"}"));
            return problems;
        }

        for (var i = 0; i < rules.Count; i++)
        {
            var path = $".properties.rules[{i}]";
            if (rules[i] is not JsonObject rule)
            {
                problems.Add((path, "expected an object {\"when\", \"outcome\"}"));
                continue;
            }

            if (rule["outcome"] is not JsonValue o || !o.TryGetValue<string>(out var outcome) || outcome.Length == 0)
                problems.Add((path + ".outcome", "expected the outcome name as a string"));
            var conditionProblems = new List<(string Path, string Message)>();
            Condition.Parse(rule["when"], conditionProblems);
            problems.AddRange(conditionProblems.Select(p => (path + ".when" + p.Path, p.Message)));
        }

        return problems;
    }

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var rules = context.Node.Properties["rules"]!.AsArray();
        foreach (var rule in rules.OfType<JsonObject>())
        {
            var condition = Condition.Parse(rule["when"], []);
            if (condition.Evaluate(context.ResolvePath))
            {
                var outcome = rule["outcome"]!.GetValue<string>();
                context.Journal(Engine.JournalKinds.Note, $"decision: {outcome}");
                return ValueTask.FromResult(ActivityResult.Complete(outcome));
            }
        }

        var otherwise = context.Resolve("otherwise")?.GetValue<string>() ?? "otherwise";
        context.Journal(Engine.JournalKinds.Note, $"decision: {otherwise}");
        return ValueTask.FromResult(ActivityResult.Complete(otherwise));
    }

    private static IReadOnlyList<string> Outcomes(ActivityNode node)
    {
        var outcomes = new List<string>();
        if (node.Properties["rules"] is JsonArray rules)
        {
            foreach (var rule in rules.OfType<JsonObject>())
            {
                if (rule["outcome"] is JsonValue v && v.TryGetValue<string>(out var name) && !outcomes.Contains(name)) outcomes.Add(name);
            }
        }

        var otherwise = node.Properties["otherwise"] is JsonValue ov && ov.TryGetValue<string>(out var o) ? o : "otherwise";
        if (!outcomes.Contains(otherwise)) outcomes.Add(otherwise);
        return outcomes;
    }
}
