using System.Text.Json;
using TenderConsortium.Core.Intake;

namespace TenderConsortium.Core.Opportunities.Ocds;

/// <summary>Picks the release that describes a record's current state: its compiledRelease, else its last embedded release.</summary>
public static class OcdsRecordReader
{
    public static (JsonElement Release, string Path)? CurrentRelease(JsonElement record, string path, IntakeProblems problems)
    {
        if (record.ValueKind != JsonValueKind.Object)
        {
            problems.Error(path, $"expected a record object, found {JsonFields.Describe(record)}");
            return null;
        }

        if (JsonFields.Member(record, "compiledRelease") is { } compiled)
            return (compiled, JsonFields.Join(path, "compiledRelease"));

        if (JsonFields.Member(record, "releases") is { ValueKind: JsonValueKind.Array } releases)
        {
            // Linked releases carry only a url; only embedded ones (with a tender or an ocid) can be mapped.
            var embedded = releases.EnumerateArray()
                .Select((r, i) => (Release: r, Path: JsonFields.Index(JsonFields.Join(path, "releases"), i)))
                .Where(r => r.Release.ValueKind == JsonValueKind.Object && (JsonFields.Member(r.Release, "tender") is not null || JsonFields.Member(r.Release, "ocid") is not null))
                .ToList();
            if (embedded.Count > 0) return embedded[^1];
        }

        problems.Error(path, "a record needs a compiledRelease or embedded releases (linked releases cannot be imported offline)");
        return null;
    }
}
