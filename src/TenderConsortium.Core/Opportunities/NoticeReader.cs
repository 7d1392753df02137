using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Intake;
using TenderConsortium.Core.Opportunities.Notices;
using TenderConsortium.Core.Opportunities.Ocds;
using TenderConsortium.Core.Reference;

namespace TenderConsortium.Core.Opportunities;

/// <summary>
/// Reads the notices in a file: an OCDS release package (<c>releases[]</c>), a record package (<c>records[]</c>),
/// a single release, or our own format (JSON or YAML). Packages are streamed one release at a time, so a package of
/// 10,000 releases never becomes one document. Errors go to <see cref="IntakeProblems"/>; reading continues so that
/// every problem is reported at once. Structural failures (not JSON, truncated, too big) throw BadInputException.
/// </summary>
public sealed class NoticeReader(IntakeOptions options, CpvCatalogue catalogue, ScottishPlaces places)
{
    private static readonly HashSet<string> PackageArrays = ["releases", "records"];

    private readonly OcdsReleaseMapper _releases = new(catalogue, places);
    private readonly OwnNoticeFormat _ownFormat = new(catalogue, places);

    public NoticeReader() : this(IntakeOptions.Default, CpvCatalogue.Default, ScottishPlaces.Default) { }

    public IntakeOptions Options { get; } = options;

    public static bool IsYaml(string fileName) =>
        fileName.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    public async IAsyncEnumerable<ImportedNotice> ReadAsync(
        Stream stream,
        string fileName,
        IntakeProblems problems,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (IsYaml(fileName))
        {
            if (await ReadYamlAsync(stream, problems, cancellationToken) is { } notice) yield return notice;
            yield break;
        }

        var topLevel = new List<JsonStreamItem>();
        var streamed = new List<string>();
        var count = 0;
        try
        {
            await foreach (var item in JsonStream.ReadAsync(stream, PackageArrays, Options, streamed, cancellationToken))
            {
                if (!item.IsArrayElement)
                {
                    topLevel.Add(item);
                    continue;
                }

                using (item)
                {
                    if (item.Property is null) throw new BadInputException("expected an object at the top level (a release, a release package or a record package), found an array");
                    count++;
                    if (problems.IsFull) continue;
                    if (MapStreamed(item, problems) is { } notice) yield return notice;
                }
            }

            foreach (var name in PackageArrays.Where(name => topLevel.Any(i => i.Property == name)))
                problems.Error(name, $"expected an array, found {JsonFields.Describe(topLevel.First(i => i.Property == name).Value)}");
            if (problems.HasErrors) yield break;

            if (streamed.Count > 0)
            {
                if (count == 0) problems.Error(streamed[0], "the package holds nothing to import");
                yield break;
            }

            if (MapSingle(topLevel, problems) is { } single) yield return single;
        }
        finally
        {
            foreach (var item in topLevel) item.Dispose();
        }
    }

    private ImportedNotice? MapStreamed(JsonStreamItem item, IntakeProblems problems)
    {
        var (release, path) = (item.Value, item.Path);
        if (item.Property == "records")
        {
            if (OcdsRecordReader.CurrentRelease(item.Value, item.Path, problems) is not { } current) return null;
            (release, path) = current;
        }

        var opportunity = _releases.Map(release, path, problems);
        return opportunity is null ? null : new ImportedNotice(opportunity, release.GetRawText(), path);
    }

    private ImportedNotice? MapSingle(List<JsonStreamItem> topLevel, IntakeProblems problems)
    {
        if (topLevel.Count == 0)
        {
            problems.Error("", "the file holds an empty object");
            return null;
        }

        // The streamed top-level properties are reassembled into the one release (or own-format notice) they form.
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var item in topLevel)
            {
                writer.WritePropertyName(item.Property!);
                item.Value.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        var root = document.RootElement;
        var original = Encoding.UTF8.GetString(buffer.ToArray());
        if (OwnNoticeFormat.IsOwnFormat(root))
            return _ownFormat.Map(root, problems) is { } own ? new ImportedNotice(own, original, "") : null;

        if (JsonFields.Member(root, "ocid") is null && JsonFields.Member(root, "tender") is null)
        {
            problems.Error("", "not an OCDS release, release package or record package: expected 'releases', 'records', or a release with 'ocid' and 'tender' at the top level (or 'format: tender-notice/1' for our own notice format)");
            return null;
        }

        return _releases.Map(root, "", problems) is { } opportunity ? new ImportedNotice(opportunity, original, "") : null;
    }

    private async Task<ImportedNotice?> ReadYamlAsync(Stream stream, IntakeProblems problems, CancellationToken cancellationToken)
    {
        using var limited = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (limited.Length + read > Options.MaxFileBytes)
                throw new BadInputException($"the file is larger than the {IntakeOptions.Megabytes(Options.MaxFileBytes)} limit");
            limited.Write(chunk, 0, read);
        }

        new TextEncoding().Check(limited.GetBuffer().AsSpan(0, (int)limited.Length), final: true);
        var text = Encoding.UTF8.GetString(limited.GetBuffer(), 0, (int)limited.Length).TrimStart('\uFEFF');

        if (string.IsNullOrWhiteSpace(text)) throw new BadInputException("the file is empty");
        // One conversion, one parse: the JSON bytes are both what the mapper reads and the original kept with the revision.
        var json = YamlToJson.Convert(text, Options.MaxYamlAliasBytes);
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind == JsonValueKind.Null)
        {
            problems.Error("", "the YAML document is empty");
            return null;
        }

        if (!OwnNoticeFormat.IsOwnFormat(document.RootElement))
        {
            problems.Error("format", $"required: a YAML notice starts with 'format: {OwnNoticeFormat.FormatName}'");
            return null;
        }

        return _ownFormat.Map(document.RootElement, problems) is { } opportunity ? new ImportedNotice(opportunity, Encoding.UTF8.GetString(json), "") : null;
    }
}
