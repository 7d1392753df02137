using TenderConsortium.Core.Common;
using TenderConsortium.Core.Intake;

namespace TenderConsortium.Persistence.Common;

/// <summary>Opens a file to import, refusing a missing or oversized one before reading a byte.</summary>
internal static class ImportFile
{
    public static FileStream Open(string path, IntakeOptions options)
    {
        var file = new FileInfo(path);
        if (!file.Exists) throw new BadInputException($"{path}: file not found");
        if (file.Length > options.MaxFileBytes)
            throw new BadInputException($"{path}: the file is {IntakeOptions.Megabytes(file.Length)}; the limit is {IntakeOptions.Megabytes(options.MaxFileBytes)}");
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
    }
}
