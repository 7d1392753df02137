using System.Globalization;
using System.Runtime.CompilerServices;
using CsvHelper;
using CsvHelper.Configuration;
using TenderConsortium.Core.Common;
using TenderConsortium.Core.Intake;

namespace TenderConsortium.Core.Members;

/// <summary>
/// Streams the rows of a member CSV as drafts, each naming its physical line (a quoted cell may span lines). A bad
/// header stops at once, since no row can be read without it; a bad row is reported and reading goes on.
/// </summary>
public static class MemberCsvReader
{
    public static async IAsyncEnumerable<MemberDraft> ReadAsync(
        Stream stream,
        IntakeProblems problems,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? badData = null;
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            MaxFieldSize = problems.Options.MaxStringLength,
            BadDataFound = args => badData ??= args.Field,
            MissingFieldFound = null,
            IgnoreBlankLines = true,
            TrimOptions = TrimOptions.Trim,
        };
        // Bytes that are not UTF-8 (a file saved as Windows-1252 or UTF-16) are refused with their line, not read as U+FFFD.
        using var reader = new StreamReader(new Utf8CheckingStream(new SizeLimitedStream(stream, problems.Options.MaxFileBytes)));
        using var csv = new CsvReader(reader, config);
        if (!await ReadAsync(csv)) throw new BadInputException("the file is empty");
        var header = ReadHeader(csv);
        var lastLine = csv.Parser.RawRow;
        while (await ReadAsync(csv))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var line = lastLine + 1;
            lastLine = csv.Parser.RawRow;
            if (csv.Parser.Count != header.Count)
            {
                problems.Error($"line {line}", $"{csv.Parser.Count} fields, expected {header.Count} as in the header");
                continue;
            }

            // CsvHelper parses a field when it is first read, so bad quoting is known only after the draft is built.
            var draft = ToDraft(csv, header, line);
            if (badData is not null)
            {
                problems.Error($"line {line}", $"badly quoted field '{JsonFields.Clip(badData)}' (a quote inside a field must be doubled, \"\")");
                badData = null;
                continue;
            }

            yield return draft;
            if (problems.IsFull) yield break;
        }
    }

    private static async Task<bool> ReadAsync(CsvReader csv)
    {
        try
        {
            return await csv.ReadAsync();
        }
        catch (MaxFieldSizeException)
        {
            throw new BadInputException($"line {csv.Parser.RawRow}: a field is longer than {csv.Configuration.MaxFieldSize:N0} characters");
        }
    }

    private static Dictionary<string, int> ReadHeader(CsvReader csv)
    {
        var problems = new List<string>();
        if (csv.Parser.Count == 1 && csv.Parser[0] is var only && (only.Contains(';') || only.Contains('\t')))
            throw new BadInputException($"line 1: the columns are separated by {(only.Contains(';') ? "semicolons" : "tabs")}; expected commas, as in samples/members/example-members.csv");
        var header = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < csv.Parser.Count; i++)
        {
            var name = Normalise(csv.Parser[i]);
            if (!MemberColumns.All.Contains(name)) problems.Add($"line 1: unknown column '{JsonFields.Clip(csv.Parser[i])}' (expected: {string.Join(", ", MemberColumns.All)})");
            else if (!header.TryAdd(name, i)) problems.Add($"line 1: column '{name}' appears twice");
        }

        foreach (var missing in MemberColumns.Required.Where(r => !header.ContainsKey(r)))
            problems.Add($"line 1: missing column '{missing}'");
        if (problems.Count > 0) throw new BadInputException(problems);
        return header;
    }

    private static string Normalise(string column) =>
        column.Trim().ToLowerInvariant().Replace(' ', '_').Replace('-', '_');

    private static MemberDraft ToDraft(CsvReader csv, Dictionary<string, int> header, int line)
    {
        string? Cell(string column) => header.TryGetValue(column, out var i) && csv.Parser[i] is { Length: > 0 } value ? value : null;

        var draft = new MemberDraft($"line {line}", field => Locate(line, field))
        {
            Name = Cell(MemberColumns.Name),
            LegalForm = Cell(MemberColumns.LegalForm),
            RegistrationNumber = Cell(MemberColumns.RegistrationNumber),
            StaffFte = Cell(MemberColumns.StaffFte),
            AnnualTurnover = Cell(MemberColumns.AnnualTurnover),
            MaxContractValue = Cell(MemberColumns.MaxContractValue),
            Currency = Cell(MemberColumns.Currency),
            AssetLock = Cell(MemberColumns.AssetLock),
            CapabilityStatement = Cell(MemberColumns.CapabilityStatement),
        };
        draft.Contacts.Add(new ContactDraft(Cell(MemberColumns.ContactName), Cell(MemberColumns.ContactEmail), Cell(MemberColumns.ContactPhone)));
        draft.Cpv.AddRange(MemberColumns.SplitList(Cell(MemberColumns.Cpv)));
        draft.ServiceAreas.AddRange(MemberColumns.SplitList(Cell(MemberColumns.ServiceAreas)));
        draft.Certifications.AddRange(MemberColumns.SplitList(Cell(MemberColumns.Certifications)));
        draft.Conflicts.AddRange(MemberColumns.SplitList(Cell(MemberColumns.Conflicts)));
        return draft;
    }

    private static string Locate(int line, string field)
    {
        var where = $"line {line}, column {MemberColumns.ForField(field)}";
        var bracket = field.IndexOf('[');
        if (bracket < 0 || field.StartsWith("contacts", StringComparison.Ordinal)) return where;
        var index = int.Parse(field[(bracket + 1)..field.IndexOf(']')], CultureInfo.InvariantCulture);
        return $"{where} (item {index + 1})";
    }
}
