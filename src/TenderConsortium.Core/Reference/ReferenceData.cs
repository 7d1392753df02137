namespace TenderConsortium.Core.Reference;

/// <summary>Opens the reference lists embedded in this assembly (see Reference/Data/SOURCES.md).</summary>
internal static class ReferenceData
{
    public static Stream Open(string fileName)
    {
        var name = "TenderConsortium.Reference." + fileName;
        return typeof(ReferenceData).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded reference file {name} is missing from the build.");
    }

    public static IEnumerable<Dictionary<string, string>> ReadCsv(string fileName)
    {
        using var reader = new StreamReader(Open(fileName));
        using var csv = new CsvHelper.CsvReader(reader, System.Globalization.CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord!;
        while (csv.Read())
        {
            var row = new Dictionary<string, string>(header.Length, StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++) row[header[i]] = csv.GetField(i) ?? "";
            yield return row;
        }
    }
}
