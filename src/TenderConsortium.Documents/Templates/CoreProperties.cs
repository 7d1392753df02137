using System.Security;

namespace TenderConsortium.Documents.Templates;

/// <summary>The core properties part the template tool writes, so that filling never has to create one (which would get a random name).</summary>
public static class CoreProperties
{
    public static readonly DateTimeOffset TemplateDate = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The core properties of a generated document: its title, its author and the stamp derived from the inputs.</summary>
    public static byte[] Xml(string title, string author, DateTimeOffset stamp)
    {
        var when = stamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                   + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                   + "xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                   + $"<dc:title>{Escape(title)}</dc:title><dc:creator>{Escape(author)}</dc:creator><cp:lastModifiedBy>{Escape(author)}</cp:lastModifiedBy>"
                   + "<cp:revision>1</cp:revision>"
                   + $"<dcterms:created xsi:type=\"dcterms:W3CDTF\">{when}</dcterms:created>"
                   + $"<dcterms:modified xsi:type=\"dcterms:W3CDTF\">{when}</dcterms:modified>"
                   + "</cp:coreProperties>";
        return new System.Text.UTF8Encoding(false).GetBytes(text);
    }

    private static string Escape(string text) => SecurityElement.Escape(OpenXml.SafeText.Cap(OpenXml.SafeText.Clean(text), 250)) ?? "";

    public static string Xml(string title) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
        + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
        + "xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
        + $"<dc:title>{SecurityElement.Escape(title)}</dc:title><dc:creator>TenderConsortium template tool</dc:creator>"
        + "<cp:revision>1</cp:revision>"
        + "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-01-01T00:00:00Z</dcterms:created>"
        + "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">2026-01-01T00:00:00Z</dcterms:modified>"
        + "</cp:coreProperties>";
}
