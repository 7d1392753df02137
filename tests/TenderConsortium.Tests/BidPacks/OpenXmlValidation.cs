using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;

namespace TenderConsortium.Tests.BidPacks;

/// <summary>Runs the SDK's schema validator over a generated file and lists every error with where it is.</summary>
public static class OpenXmlValidation
{
    public static IReadOnlyList<string> Errors(byte[] bytes, string kind)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using OpenXmlPackage package = kind == "xlsx" ? SpreadsheetDocument.Open(stream, false) : WordprocessingDocument.Open(stream, false);
        return new OpenXmlValidator().Validate(package)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}")
            .Take(5)
            .ToList();
    }
}
