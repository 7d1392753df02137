using System.Runtime.InteropServices;

namespace TenderConsortium.Web.Security;

/// <summary>
/// The data folder holds the database, the outbox's .eml files (live sign-in and member links), the documents and the
/// invitation key: on Unix only the account that runs the node may read any of it. The folder is made 0700, and the
/// process's umask becomes 077, so every file anyone's code creates in it from then on (SQLite's -wal and -shm, a
/// pickup .eml, a bid pack, a temporary file renamed into place) is 0600 without each writer having to remember.
/// A folder left readable by an earlier version is tightened once, with what it already holds.
/// </summary>
public static partial class DataFolderAccess
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the folder when missing and restricts it (and, on first use, its contents) to the owner.</summary>
    public static void Restrict(string dataFolder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(dataFolder);
            return;
        }

        _ = umask(Convert.ToUInt32("077", 8));
        var folder = Directory.CreateDirectory(dataFolder, FolderMode);
        if (folder.UnixFileMode == FolderMode) return;
        // Not ours alone yet: a folder from before this check, or one made by hand. Tighten what is already there.
        foreach (var entry in folder.EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
        {
            if (entry.LinkTarget is not null) continue; // a link's own mode means nothing; its target is not ours to change
            TrySet(entry, entry is DirectoryInfo ? FolderMode : FileMode);
        }

        TrySet(folder, FolderMode);
    }

    // An entry owned by another account (a shared folder set up by hand) cannot be changed by us; the rest still is.
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void TrySet(FileSystemInfo entry, UnixFileMode mode)
    {
        try
        {
            entry.UnixFileMode = mode;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
        }
    }

    // The C library's umask(2): the permission bits newly created files and folders never get.
    [DllImport("libc", SetLastError = false)]
    private static extern uint umask(uint mask);
}
