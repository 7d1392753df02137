namespace TenderConsortium.Core.Intake;

/// <summary>Limits that keep a hostile or broken file from exhausting memory or the database.</summary>
public sealed class IntakeOptions
{
    public static readonly IntakeOptions Default = new();

    /// <summary>Largest file accepted. 50 MB holds tens of thousands of releases or several hundred thousand members.</summary>
    public long MaxFileBytes { get; init; } = 50L * 1024 * 1024;

    /// <summary>Longest text field, in characters. Real notice descriptions stay well under 100,000.</summary>
    public int MaxStringLength { get; init; } = 1024 * 1024;

    /// <summary>
    /// How much text YAML aliases (<c>*name</c>) may add beyond the file's own size. Aliases save typing a repeated
    /// value; a notice never needs them to multiply it, and a small file whose aliases expand to gigabytes is an attack.
    /// </summary>
    public long MaxYamlAliasBytes { get; init; } = 1024 * 1024;

    /// <summary>Problems reported before giving up; past this the file is almost certainly not what was meant.</summary>
    public int MaxProblems { get; init; } = 200;

    /// <summary>Rows written per SaveChanges; the change tracker is cleared after each so memory stays flat.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>Opportunities kept in an import's result for printing; counts are always complete.</summary>
    public int MaxReported { get; init; } = 1000;

    /// <summary>A size for messages: "50 MB", or exact bytes below a megabyte so that small limits stay readable.</summary>
    public static string Megabytes(long bytes) =>
        bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024.0):0.#} MB" : $"{bytes:N0} bytes";
}
