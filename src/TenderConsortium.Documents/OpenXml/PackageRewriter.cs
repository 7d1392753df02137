using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;

namespace TenderConsortium.Documents.OpenXml;

/// <summary>
/// Writes a filled document as a new zip straight from the template's entries, replacing only the parts that changed.
/// Saving through System.IO.Packaging would compress every part, stamp entries with the current time and then need a
/// second pass to make the zip deterministic; this writes each part once, in <see cref="DeterministicPackage"/>'s order
/// and with its fixed time.
/// </summary>
public static class PackageRewriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static byte[] Write(byte[] template, IReadOnlyDictionary<string, byte[]> replaced, DateTimeOffset stamp)
    {
        using var source = new ZipArchive(new MemoryStream(template, writable: false), ZipArchiveMode.Read);
        var output = new MemoryStream(template.Length * 2);
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries.OrderBy(DeterministicPackage.Rank).ThenBy(e => e.FullName, StringComparer.Ordinal))
            {
                var copy = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                copy.LastWriteTime = DeterministicPackage.EntryTime(stamp);
                using var to = copy.Open();
                if (replaced.TryGetValue(entry.FullName, out var bytes)) to.Write(bytes);
                else
                {
                    using var from = entry.Open();
                    from.CopyTo(to);
                }
            }
        }

        return output.ToArray();
    }

    /// <summary>A part's XML as UTF-8 with the declaration Office writes.</summary>
    public static byte[] Xml(OpenXmlPartRootElement root)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = Utf8 }))
        {
            writer.WriteProcessingInstruction("xml", "version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"");
            root.WriteTo(writer);
        }

        return stream.ToArray();
    }

    public static string EntryName(Uri partUri) => partUri.OriginalString.TrimStart('/');
}
