using TenderConsortium.Core.Common;

namespace TenderConsortium.Persistence.Invitations;

/// <summary>
/// The node secret members' links are derived from. Configured as base64 (<c>Invitations:Key</c>, for several nodes
/// sharing one database), or kept in <c>&lt;data&gt;/keys/invitations.key</c>, created on first use readable by its
/// owner only. Losing it only breaks links already sent; the lead can reissue them.
/// </summary>
public static class InvitationKeyFile
{
    public static byte[] Load(string dataFolder, string? configuredBase64)
    {
        if (!string.IsNullOrWhiteSpace(configuredBase64))
        {
            try
            {
                var key = Convert.FromBase64String(configuredBase64.Trim());
                if (key.Length >= 32) return key;
            }
            catch (FormatException)
            {
            }

            throw new BadInputException("Invitations:Key: expected at least 32 bytes in base64, e.g. the output of 'openssl rand -base64 32'");
        }

        var folder = Path.Combine(dataFolder, "keys");
        var path = Path.Combine(folder, "invitations.key");
        if (File.Exists(path)) return Convert.FromBase64String(File.ReadAllText(path).Trim());
        Directory.CreateDirectory(folder);
        var fresh = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllText(temp, Convert.ToBase64String(fresh));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            // Two processes starting at once on a fresh folder: the first rename wins, the other reads its key.
            File.Move(temp, path, overwrite: false);
            return fresh;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
    }
}
