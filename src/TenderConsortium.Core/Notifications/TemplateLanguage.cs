using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;

namespace TenderConsortium.Core.Notifications;

/// <summary>
/// The small placeholder language of the email templates:
/// <c>{{path.to.value}}</c>, <c>{{#each list}}…{{else}}…{{/each}}</c> (inside, names resolve against the item first,
/// then outwards; <c>{{this}}</c>, <c>{{@number}}</c>, <c>{{@first}}</c>, <c>{{@last}}</c>),
/// <c>{{#if path}}…{{else}}…{{/if}}</c>, <c>{{#unless path}}…{{/unless}}</c> and <c>{{! comment }}</c>.
/// A block tag alone on its line takes its line with it, so plain-text templates keep their layout.
/// Values are inserted as text: HTML-escaped in the HTML part, verbatim in the subject and plain text. A name the
/// model does not have is an error naming the template, part, line and placeholder; a name present with a null value
/// renders as nothing and counts as false.
/// </summary>
public static class TemplateLanguage
{
    /// <summary>The layout's marker for the already-rendered body of the email.</summary>
    public const string ContentMarker = "@content";

    public static TemplatePart Parse(string source, string template, string part, int firstLine = 1) =>
        new(new Parser(source, template, part, firstLine).ParseAll(), template, part);

    /// <param name="exhaustive">Visits both branches of every condition and the empty branch of every list (for checks).</param>
    public static string Render(TemplatePart part, IReadOnlyList<object?> scopes, bool html, bool exhaustive = false, string? content = null)
    {
        var output = new StringBuilder();
        new Renderer(part, html, exhaustive, content).Render(part.Nodes, [.. scopes], output);
        return output.ToString();
    }

    /// <summary>
    /// A value as the templates show it: dates in UK time in words, numbers without grouping, booleans as yes/no.
    /// <paramref name="brief"/> (subject lines, read on a phone's one line) leaves out the day of the week.
    /// </summary>
    public static string Format(object? value, bool brief = false) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "yes" : "no",
        DateTimeOffset d => FormatDateTime(d, brief),
        DateTime d => FormatDateTime(new DateTimeOffset(d.Kind == DateTimeKind.Local ? d.ToUniversalTime() : DateTime.SpecifyKind(d, DateTimeKind.Utc)), brief),
        DateOnly d => d.ToString(brief ? "d MMMM yyyy" : "dddd d MMMM yyyy", CultureInfo.InvariantCulture),
        JsonValue v => FormatJson(v, brief),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>"Friday 5 December 2026 at midday (UK time)": the node's display time (GMT or BST as the date requires).</summary>
    public static string FormatDateTime(DateTimeOffset value, bool brief = false) =>
        brief ? Common.DisplayTime.Current.DateAndTime(value) : Common.DisplayTime.Current.WeekdayDateAndTime(value);

    private static string FormatJson(JsonValue v, bool brief)
    {
        if (v.TryGetValue<string>(out var s))
        {
            return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var d) && s.Length >= 19 && s[10] == 'T'
                ? FormatDateTime(d, brief)
                : s;
        }

        if (v.TryGetValue<bool>(out var b)) return Format(b);
        return v.ToJsonString();
    }

    internal static bool Truthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        string s => s.Length > 0,
        int i => i != 0,
        long l => l != 0,
        decimal m => m != 0,
        double d => d != 0,
        JsonValue v => v.TryGetValue<bool>(out var jb) ? jb : v.TryGetValue<string>(out var js) ? js.Length > 0 : v.ToJsonString() is not ("0" or "0.0"),
        JsonArray a => a.Count > 0,
        IEnumerable e => e.Cast<object?>().Any(),
        _ => true,
    };

    private sealed class Parser(string source, string template, string part, int firstLine)
    {
        private int _textStart;

        public List<TemplateNode> ParseAll()
        {
            var stack = new Stack<Block>();
            var root = new Block("", "", 0);
            stack.Push(root);
            var position = 0;
            while (true)
            {
                var open = source.IndexOf("{{", position, StringComparison.Ordinal);
                if (open < 0) break;
                var close = source.IndexOf("}}", open + 2, StringComparison.Ordinal);
                var line = LineOf(open);
                if (close < 0) throw Error(line, "a '{{' is not closed by '}}'");
                var tag = source[(open + 2)..close].Trim();
                var end = close + 2;
                var isBlockTag = tag.Length > 0 && tag[0] is '#' or '/' or '!' || tag == "else";
                var (textEnd, next) = isBlockTag ? Standalone(open, end) : (open, end);
                stack.Peek().Current.Add(new TextNode(source[_textStart..textEnd]));
                _textStart = next;
                position = next;

                if (tag.StartsWith('!')) continue;
                if (tag.StartsWith("#each ", StringComparison.Ordinal)) stack.Push(new Block("each", Path(tag[6..], line), line));
                else if (tag.StartsWith("#if ", StringComparison.Ordinal)) stack.Push(new Block("if", Path(tag[4..], line), line));
                else if (tag.StartsWith("#unless ", StringComparison.Ordinal)) stack.Push(new Block("unless", Path(tag[8..], line), line));
                else if (tag == "else")
                {
                    var block = stack.Peek();
                    if (block.Kind == "" || block.InElse) throw Error(line, "{{else}} outside an {{#if}}, {{#unless}} or {{#each}} section");
                    block.InElse = true;
                }
                else if (tag.StartsWith('/'))
                {
                    var kind = tag[1..].Trim();
                    var block = stack.Peek();
                    if (block.Kind == "") throw Error(line, $"{{{{/{kind}}}}} closes nothing");
                    if (block.Kind != kind) throw Error(line, $"{{{{/{kind}}}}} closes the {{{{#{block.Kind} {block.Path}}}}} opened on line {block.Line}");
                    stack.Pop();
                    stack.Peek().Current.Add(block.Kind == "each"
                        ? new EachNode(block.Path, block.Line, block.Then, block.Else)
                        : new IfNode(block.Path, block.Kind == "unless", block.Line, block.Then, block.Else));
                }
                else if (tag.StartsWith('#')) throw Error(line, $"unknown section {{{{{tag}}}}}; expected #each, #if or #unless");
                else if (tag == ContentMarker) stack.Peek().Current.Add(new ContentNode(line));
                else stack.Peek().Current.Add(new ValueNode(Path(tag, line), line));
            }

            if (stack.Count > 1)
            {
                var open = stack.Peek();
                throw Error(open.Line, $"{{{{#{open.Kind} {open.Path}}}}} is never closed with {{{{/{open.Kind}}}}}");
            }

            root.Current.Add(new TextNode(source[_textStart..]));
            return root.Then;
        }

        /// <summary>When a block tag is alone on its line, the line (indent and newline) goes with it.</summary>
        private (int TextEnd, int Next) Standalone(int open, int end)
        {
            var lineStart = open == 0 ? 0 : source.LastIndexOf('\n', open - 1) + 1;
            if (lineStart < _textStart) return (open, end);
            for (var i = lineStart; i < open; i++) if (source[i] is not (' ' or '\t')) return (open, end);
            var lineEnd = source.IndexOf('\n', end);
            var stop = lineEnd < 0 ? source.Length : lineEnd;
            for (var i = end; i < stop; i++) if (source[i] is not (' ' or '\t' or '\r')) return (open, end);
            return (lineStart, lineEnd < 0 ? source.Length : lineEnd + 1);
        }

        private string Path(string text, int line)
        {
            var path = text.Trim();
            if (path.Length == 0 || !path.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@'))
                throw Error(line, $"'{{{{{text}}}}}' is not a placeholder such as {{{{member.name}}}}");
            return path;
        }

        private int LineOf(int index)
        {
            var line = firstLine;
            for (var i = 0; i < index; i++) if (source[i] == '\n') line++;
            return line;
        }

        private EmailTemplateException Error(int line, string message) => new(template, $"{part}, line {line}: {message}");
    }

    private sealed class Block(string kind, string path, int line)
    {
        public string Kind { get; } = kind;
        public string Path { get; } = path;
        public int Line { get; } = line;
        public List<TemplateNode> Then { get; } = [];
        public List<TemplateNode> Else { get; } = [];
        public bool InElse { get; set; }
        public List<TemplateNode> Current => InElse ? Else : Then;
    }

    private sealed class Renderer(TemplatePart part, bool html, bool exhaustive, string? content)
    {
        public void Render(IReadOnlyList<TemplateNode> nodes, List<object?> scopes, StringBuilder output)
        {
            foreach (var node in nodes)
            {
                switch (node)
                {
                    case TextNode t:
                        output.Append(t.Text);
                        break;
                    case ContentNode c:
                        if (content is null) throw Error(c.Line, "{{@content}} belongs in _layout files only", ContentMarker);
                        output.Append(content);
                        break;
                    case ValueNode v:
                        var value = Lookup(v.Path, v.Line, scopes);
                        if (value is IEnumerable and not string || value is JsonArray or JsonObject)
                            throw Error(v.Line, $"{{{{{v.Path}}}}} is a list or an object; use {{{{#each {v.Path}}}}} or name one of its fields", v.Path);
                        var text = Format(value, brief: part.Part == "subject");
                        output.Append(html ? WebUtility.HtmlEncode(text) : text);
                        break;
                    case IfNode i:
                        var truthy = Truthy(Lookup(i.Path, i.Line, scopes)) != i.Negate;
                        if (exhaustive)
                        {
                            Render(i.Then, scopes, output);
                            Render(i.Else, scopes, output);
                        }
                        else
                        {
                            Render(truthy ? i.Then : i.Else, scopes, output);
                        }

                        break;
                    case EachNode e:
                        RenderEach(e, scopes, output);
                        break;
                }
            }
        }

        private void RenderEach(EachNode e, List<object?> scopes, StringBuilder output)
        {
            var list = Lookup(e.Path, e.Line, scopes);
            var items = list switch
            {
                null => [],
                JsonArray a => a.Select(x => (object?)x).ToList(),
                IEnumerable en and not string => en.Cast<object?>().ToList(),
                _ => throw Error(e.Line, $"{{{{#each {e.Path}}}}} needs a list; the model has a single value", e.Path),
            };
            if (exhaustive && items.Count == 0) throw Error(e.Line, $"the sample model's list '{e.Path}' is empty, so its section cannot be checked", e.Path);
            for (var index = 0; index < items.Count; index++)
            {
                scopes.Add(new LoopScope(items[index], index, items.Count));
                try
                {
                    Render(e.Body, scopes, output);
                }
                finally
                {
                    scopes.RemoveAt(scopes.Count - 1);
                }
            }

            if (items.Count == 0 || exhaustive) Render(e.Empty, scopes, output);
        }

        private object? Lookup(string path, int line, List<object?> scopes)
        {
            var segments = path.Split('.');
            var first = segments[0];
            object? current = null;
            var found = false;
            if (first.StartsWith('@') || first == "this")
            {
                var loop = scopes.OfType<LoopScope>().LastOrDefault();
                if (loop is null) throw Error(line, $"{{{{{path}}}}} is only meaningful inside {{{{#each}}}}", path);
                (found, current) = first switch
                {
                    "this" => (true, loop.Item),
                    "@index" => (true, loop.Index),
                    "@number" => (true, loop.Index + 1),
                    "@first" => (true, loop.Index == 0),
                    "@last" => (true, loop.Index == loop.Count - 1),
                    _ => (false, null),
                };
            }
            else
            {
                for (var i = scopes.Count - 1; i >= 0 && !found; i--)
                {
                    var scope = scopes[i] is LoopScope l ? l.Item : scopes[i];
                    found = TryMember(scope, first, out current);
                }
            }

            if (!found) throw Error(line, $"placeholder {{{{{path}}}}} is not in the model", path);
            for (var s = 1; s < segments.Length; s++)
            {
                if (current is null) return null;
                if (!TryMember(current, segments[s], out current))
                    throw Error(line, $"placeholder {{{{{path}}}}} is not in the model ('{string.Join('.', segments[..s])}' has no '{segments[s]}')", path);
            }

            return current;
        }

        private EmailTemplateException Error(int line, string message, string? placeholder) =>
            new(part.Template, $"{part.Part}, line {line}: {message}", placeholder);
    }

    private sealed record LoopScope(object? Item, int Index, int Count);

    private static readonly ConcurrentDictionary<(Type, string), PropertyInfo?> Properties = new();

    internal static bool TryMember(object? scope, string name, out object? value)
    {
        value = null;
        switch (scope)
        {
            case null or string or JsonValue or IFormattable or bool:
                return false;
            case IReadOnlyDictionary<string, object?> d:
                return d.TryGetValue(name, out value);
            case IDictionary<string, object?> d:
                return d.TryGetValue(name, out value);
            case JsonObject o:
                if (!o.TryGetPropertyValue(name, out var node)) return false;
                value = node;
                return true;
            case IDictionary d:
                if (!d.Contains(name)) return false;
                value = d[name];
                return true;
            case IEnumerable:
                return false;
        }

        var property = Properties.GetOrAdd((scope.GetType(), name), key =>
            key.Item1.GetProperty(key.Item2, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase));
        if (property is null || property.GetIndexParameters().Length > 0) return false;
        value = property.GetValue(scope);
        return true;
    }
}

/// <summary>One parsed part of a template (its subject, text or HTML), ready to render many times.</summary>
public sealed class TemplatePart
{
    internal TemplatePart(IReadOnlyList<TemplateNode> nodes, string template, string part)
    {
        Nodes = nodes;
        Template = template;
        Part = part;
    }

    internal IReadOnlyList<TemplateNode> Nodes { get; }
    public string Template { get; }
    public string Part { get; }

    /// <summary>Whether the part places the layout's body marker (layouts must).</summary>
    public bool HasContentMarker => Walk(Nodes).Any(n => n is ContentNode);

    private static IEnumerable<TemplateNode> Walk(IEnumerable<TemplateNode> nodes)
    {
        foreach (var node in nodes)
        {
            yield return node;
            var children = node switch
            {
                EachNode e => e.Body.Concat(e.Empty),
                IfNode i => i.Then.Concat(i.Else),
                _ => [],
            };
            foreach (var child in Walk(children)) yield return child;
        }
    }
}

internal abstract record TemplateNode;

internal sealed record TextNode(string Text) : TemplateNode;

internal sealed record ValueNode(string Path, int Line) : TemplateNode;

internal sealed record ContentNode(int Line) : TemplateNode;

internal sealed record EachNode(string Path, int Line, IReadOnlyList<TemplateNode> Body, IReadOnlyList<TemplateNode> Empty) : TemplateNode;

internal sealed record IfNode(string Path, bool Negate, int Line, IReadOnlyList<TemplateNode> Then, IReadOnlyList<TemplateNode> Else) : TemplateNode;
