using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace TenderConsortium.Core.Notifications;

/// <summary>
/// Email templates read from a folder the lead body can edit (<c>templates/email/</c>): one file
/// <c>&lt;event&gt;.&lt;role&gt;.email</c> per template holding a <c>Subject:</c> line, a <c>--- text ---</c> section and an
/// <c>--- html ---</c> section, plus optional <c>_layout.txt</c> and <c>_layout.html</c> that wrap every body at
/// <c>{{@content}}</c>. A file edited while the node runs is picked up at its next use.
/// </summary>
/// <remarks>
/// Every template sees the model it is rendered with and, underneath it, <c>site</c> (the consortium's
/// <c>site.name</c> and the public <c>site.url</c>); layouts also see <c>subject</c>.
/// </remarks>
public sealed partial class FileEmailTemplates : IEmailTemplates
{
    public const string Extension = ".email";
    public const string TextLayout = "_layout.txt";
    public const string HtmlLayout = "_layout.html";

    private readonly ConcurrentDictionary<string, (DateTime Stamp, long Length, object Parsed)> _cache = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, object?> _globals;

    /// <param name="folder">The email templates folder, e.g. <c>templates/email</c>.</param>
    /// <param name="siteName">The consortium's name as members know it (the From display name).</param>
    /// <param name="links">Where absolute links start.</param>
    public FileEmailTemplates(string folder, string siteName, PublicLinks links)
    {
        Folder = Path.GetFullPath(folder);
        _globals = new Dictionary<string, object?>
        {
            ["site"] = new Dictionary<string, object?> { ["name"] = siteName, ["url"] = links.BaseUrl },
        };
    }

    public string Folder { get; }

    public RenderedEmail Render(string template, IReadOnlyDictionary<string, object?> model) => Render(template, model, exhaustive: false);

    private RenderedEmail Render(string template, IReadOnlyDictionary<string, object?> model, bool exhaustive)
    {
        ArgumentNullException.ThrowIfNull(model);
        var parsed = Load(template);
        IReadOnlyList<object?> scopes = [_globals, model];
        var subject = OneLine(TemplateLanguage.Render(parsed.Subject, scopes, html: false, exhaustive));
        if (subject.Length == 0) throw new EmailTemplateException(template, "subject: renders empty");
        var text = TemplateLanguage.Render(parsed.Text, scopes, html: false, exhaustive).Trim('\n');
        var html = TemplateLanguage.Render(parsed.Html, scopes, html: true, exhaustive).Trim('\n');

        IReadOnlyList<object?> layoutScopes = [_globals, model, new Dictionary<string, object?> { ["subject"] = subject }];
        if (Layout(TextLayout) is { } textLayout) text = TemplateLanguage.Render(textLayout, layoutScopes, html: false, exhaustive, text).Trim('\n');
        if (Layout(HtmlLayout) is { } htmlLayout) html = TemplateLanguage.Render(htmlLayout, layoutScopes, html: true, exhaustive, html).Trim('\n');
        return new RenderedEmail(subject, text + "\n", html + "\n");
    }

    /// <summary>
    /// Checks every known template (and any other .email file in the folder) against a sample model, visiting every
    /// branch: missing files, syntax, placeholders the model lacks, links that are not absolute. Empty when all is well.
    /// </summary>
    public IReadOnlyList<string> Check(IEnumerable<string> templates, Func<string, IReadOnlyDictionary<string, object?>?> sampleFor)
    {
        var problems = new List<string>();
        if (!Directory.Exists(Folder)) return [$"{Folder}: the email templates folder does not exist"];
        var names = templates.ToList();
        foreach (var extra in Directory.GetFiles(Folder, "*" + Extension).Select(f => Path.GetFileName(f)[..^Extension.Length]).Where(n => !names.Contains(n)).Order())
            problems.Add($"{extra}{Extension}: not a template the engine sends (known: see templates/email/README.md)");
        foreach (var layout in new[] { TextLayout, HtmlLayout })
        {
            try
            {
                Layout(layout);
            }
            catch (EmailTemplateException ex)
            {
                problems.Add(ex.Message);
            }
        }

        foreach (var name in names)
        {
            var model = sampleFor(name);
            if (model is null)
            {
                problems.Add($"Email template '{name}': no sample model to check it with");
                continue;
            }

            try
            {
                var rendered = Render(name, model, exhaustive: true);
                foreach (Match link in Href().Matches(rendered.Html))
                {
                    var target = System.Net.WebUtility.HtmlDecode(link.Groups[1].Value);
                    if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http" or "mailto"))
                        problems.Add($"Email template '{name}': link \"{target}\" is not absolute; build links from {{{{site.url}}}} or a link in the model");
                }
            }
            catch (EmailTemplateException ex)
            {
                problems.Add(ex.Message);
            }
        }

        return problems;
    }

    private ParsedTemplate Load(string template)
    {
        if (string.IsNullOrWhiteSpace(template) || template.IndexOfAny(['/', '\\']) >= 0 || template.StartsWith('.') || template.StartsWith('_'))
            throw new EmailTemplateException(template, "not a template name such as \"invitation.member\"");
        var path = Path.Combine(Folder, template + Extension);
        return (ParsedTemplate)Cached(path, template, required: true, text => ParseFile(text, template))!;
    }

    private TemplatePart? Layout(string fileName)
    {
        var path = Path.Combine(Folder, fileName);
        return (TemplatePart?)Cached(path, fileName, required: false, text =>
        {
            var part = TemplateLanguage.Parse(text.Replace("\r\n", "\n"), fileName, "layout");
            if (!part.HasContentMarker) throw new EmailTemplateException(fileName, "layout: {{@content}} is missing, so the email's body would be lost");
            return part;
        });
    }

    private object? Cached(string path, string name, bool required, Func<string, object> parse)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            _cache.TryRemove(path, out _);
            if (!required) return null;
            throw new EmailTemplateException(name, $"the file {path} does not exist");
        }

        if (_cache.TryGetValue(path, out var hit) && hit.Stamp == info.LastWriteTimeUtc && hit.Length == info.Length) return hit.Parsed;
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException ex)
        {
            throw new EmailTemplateException(name, $"cannot read {path}: {ex.Message}");
        }

        var parsed = parse(text);
        _cache[path] = (info.LastWriteTimeUtc, info.Length, parsed);
        return parsed;
    }

    /// <summary>Splits a template file into its subject line and its text and HTML sections, keeping line numbers.</summary>
    internal static ParsedTemplate ParseFile(string content, string template)
    {
        var lines = content.Replace("\r\n", "\n").Split('\n');
        string? subject = null;
        var subjectLine = 0;
        var sections = new Dictionary<string, (int FirstLine, List<string> Lines)>();
        List<string>? current = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var marker = SectionMarker().Match(line);
            if (marker.Success)
            {
                var name = marker.Groups[1].Value.ToLowerInvariant();
                if (name is not ("text" or "html")) throw new EmailTemplateException(template, $"line {i + 1}: unknown section '--- {name} ---'; expected text or html");
                if (sections.ContainsKey(name)) throw new EmailTemplateException(template, $"line {i + 1}: a second '--- {name} ---' section");
                current = [];
                sections[name] = (i + 2, current);
                continue;
            }

            if (current is not null)
            {
                current.Add(line);
                continue;
            }

            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#')) continue;
            if (trimmed.StartsWith("Subject:", StringComparison.OrdinalIgnoreCase) && subject is null)
            {
                subject = trimmed["Subject:".Length..].Trim();
                subjectLine = i + 1;
                continue;
            }

            throw new EmailTemplateException(template, $"line {i + 1}: expected 'Subject: …' and then '--- text ---' and '--- html ---' sections, found \"{Shorten(trimmed)}\"");
        }

        if (subject is null or "") throw new EmailTemplateException(template, "no 'Subject: …' line at the top of the file");
        foreach (var required in new[] { "text", "html" })
        {
            if (!sections.ContainsKey(required)) throw new EmailTemplateException(template, $"no '--- {required} ---' section");
        }

        TemplatePart Section(string name) =>
            TemplateLanguage.Parse(string.Join('\n', sections[name].Lines), template, name, sections[name].FirstLine);

        return new ParsedTemplate(TemplateLanguage.Parse(subject, template, "subject", subjectLine), Section("text"), Section("html"));
    }

    /// <summary>A subject is one header line: line breaks from values become spaces.</summary>
    private static string OneLine(string text) => Regex.Replace(text, @"\s*[\r\n]+\s*", " ").Trim();

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [GeneratedRegex(@"^\s*---\s*([A-Za-z]+)\s*---\s*$")]
    private static partial Regex SectionMarker();

    [GeneratedRegex("href\\s*=\\s*\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex Href();
}

internal sealed record ParsedTemplate(TemplatePart Subject, TemplatePart Text, TemplatePart Html);
