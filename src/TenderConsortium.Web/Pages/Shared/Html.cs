using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;

namespace TenderConsortium.Web.Pages.Shared;

/// <summary>
/// Markup that is safe to write as it is. Pages build it only through <see cref="H.Html"/>, whose interpolation holes
/// are HTML-encoded unless they are <see cref="Html"/> themselves, so a member called "&lt;script&gt;" shows as text.
/// </summary>
public readonly record struct Html(string Value)
{
    public static Html Empty { get; } = new("");

    public override string ToString() => Value ?? "";

    public static Html Join(IEnumerable<Html> parts)
    {
        var sb = new StringBuilder();
        foreach (var part in parts) sb.Append(part.Value);
        return new Html(sb.ToString());
    }
}

/// <summary>Builds <see cref="Html"/> from an interpolated string: literals as written, holes encoded.</summary>
[InterpolatedStringHandler]
public ref struct HtmlHandler
{
    private readonly StringBuilder _sb;

    public HtmlHandler(int literalLength, int formattedCount) => _sb = new StringBuilder(literalLength + formattedCount * 16);

    public void AppendLiteral(string value) => _sb.Append(value);

    public void AppendFormatted(Html value) => _sb.Append(value.Value);

    public void AppendFormatted(string? value) => _sb.Append(WebUtility.HtmlEncode(value ?? ""));

    public void AppendFormatted<T>(T value) => AppendFormatted(value, null);

    public void AppendFormatted<T>(T value, string? format)
    {
        switch (value)
        {
            case null:
                return;
            case Html html:
                _sb.Append(html.Value);
                return;
            case IEnumerable<Html> many:
                foreach (var h in many) _sb.Append(h.Value);
                return;
            case IFormattable formattable:
                _sb.Append(WebUtility.HtmlEncode(formattable.ToString(format, CultureInfo.InvariantCulture)));
                return;
            default:
                _sb.Append(WebUtility.HtmlEncode(value.ToString() ?? ""));
                return;
        }
    }

    internal readonly Html ToHtml() => new(_sb.ToString());
}

public static class H
{
    /// <summary><c>H.Html($"&lt;p&gt;{name}&lt;/p&gt;")</c>: the name is encoded.</summary>
    public static Html Html(ref HtmlHandler html) => html.ToHtml();

    /// <summary>One fragment per item, joined.</summary>
    public static Html Each<T>(IEnumerable<T> items, Func<T, Html> render) => Shared.Html.Join(items.Select(render));

    public static Html Each<T>(IEnumerable<T> items, Func<T, int, Html> render) => Shared.Html.Join(items.Select(render));

    /// <summary>An attribute value that is only written when set: <c>{H.Attr("aria-describedby", hint)}</c>.</summary>
    public static Html Attr(string name, string? value) =>
        string.IsNullOrEmpty(value) ? Shared.Html.Empty : new Html($" {name}=\"{WebUtility.HtmlEncode(value)}\"");

    public static Html Attr(string name, bool present) => present ? new Html($" {name}") : Shared.Html.Empty;

    /// <summary>Paragraphs from plain text with blank lines between them (notice descriptions).</summary>
    public static Html Paragraphs(string? text, string cssClass = "govuk-body")
    {
        if (string.IsNullOrWhiteSpace(text)) return Shared.Html.Empty;
        var parts = text.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return Each(parts, p => Html($"<p class=\"{cssClass}\">{p}</p>"));
    }
}
