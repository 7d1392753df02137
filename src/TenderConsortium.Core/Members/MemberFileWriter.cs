using System.Globalization;
using System.Text.Json;
using CsvHelper;
using TenderConsortium.Core.Common;

namespace TenderConsortium.Core.Members;

/// <summary>Writes members in the import formats (CSV by default, JSON for a .json file), streaming row by row.</summary>
public static class MemberFileWriter
{
    public static async Task<int> WriteAsync(IEnumerable<Member> members, string path, CancellationToken cancellationToken = default)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        await using var file = File.Create(path);
        return path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            ? await WriteJsonAsync(members, file, cancellationToken)
            : await WriteCsvAsync(members, file, cancellationToken);
    }

    public static async Task<int> WriteCsvAsync(IEnumerable<Member> members, Stream stream, CancellationToken cancellationToken = default)
    {
        await using var writer = new StreamWriter(stream, leaveOpen: true);
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var column in MemberColumns.All) csv.WriteField(column);
        await csv.NextRecordAsync();
        var count = 0;
        foreach (var member in members)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var contact = member.Contacts.FirstOrDefault();
            csv.WriteField(member.Name);
            csv.WriteField(LegalForms.Label(member.LegalForm));
            csv.WriteField(member.RegistrationNumber);
            csv.WriteField(contact?.Name);
            csv.WriteField(contact?.Email);
            csv.WriteField(contact?.Phone);
            csv.WriteField(string.Join(';', member.Cpv));
            csv.WriteField(string.Join(';', member.ServiceAreas));
            csv.WriteField(string.Join(';', member.Certifications.Select(Format)));
            csv.WriteField(member.StaffFte?.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(member.AnnualTurnover?.Amount.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(member.MaxContractValue?.Amount.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(member.AnnualTurnover?.Currency ?? member.MaxContractValue?.Currency);
            csv.WriteField(member.AssetLock ? "yes" : "no");
            csv.WriteField(member.CapabilityStatement);
            csv.WriteField(string.Join(';', member.Conflicts));
            await csv.NextRecordAsync();
            count++;
        }

        return count;
    }

    public static async Task<int> WriteJsonAsync(IEnumerable<Member> members, Stream stream, CancellationToken cancellationToken = default)
    {
        await using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = DomainJson.Options.Encoder });
        writer.WriteStartObject();
        writer.WriteStartArray("members");
        var count = 0;
        foreach (var member in members)
        {
            writer.WriteStartObject();
            writer.WriteString("name", member.Name);
            writer.WriteString("legalForm", LegalForms.Label(member.LegalForm));
            writer.WriteString("registrationNumber", member.RegistrationNumber);
            writer.WritePropertyName("contacts");
            JsonSerializer.Serialize(writer, member.Contacts, DomainJson.Options);
            writer.WritePropertyName("cpv");
            JsonSerializer.Serialize(writer, member.Cpv, DomainJson.Options);
            writer.WritePropertyName("serviceAreas");
            JsonSerializer.Serialize(writer, member.ServiceAreas, DomainJson.Options);
            writer.WritePropertyName("certifications");
            JsonSerializer.Serialize(writer, member.Certifications.Select(Format), DomainJson.Options);
            if (member.StaffFte is { } fte) writer.WriteNumber("staffFte", fte);
            if (member.AnnualTurnover is { } turnover) writer.WriteNumber("annualTurnover", turnover.Amount);
            if (member.MaxContractValue is { } max) writer.WriteNumber("maxContractValue", max.Amount);
            writer.WriteString("currency", member.AnnualTurnover?.Currency ?? "GBP");
            writer.WriteBoolean("assetLock", member.AssetLock);
            if (member.CapabilityStatement is { } statement) writer.WriteString("capabilityStatement", statement);
            writer.WriteEndObject();
            if (++count % 1000 == 0) await writer.FlushAsync(cancellationToken);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
        return count;
    }

    private static string Format(Certification c) =>
        c.Expires is { } expires ? $"{c.Name}:{expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" : c.Name;
}
