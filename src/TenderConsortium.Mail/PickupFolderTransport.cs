using System.Security.Cryptography;
using System.Text;
using MimeKit;
using TenderConsortium.Workflows.Mail;

namespace TenderConsortium.Mail;

/// <summary>
/// Writes each message as an .eml file that any mail client opens. The file name comes from the Message-ID, so a
/// message delivered again after a crash replaces its own file instead of appearing twice.
/// </summary>
public sealed class PickupFolderTransport(string folder, MailMessageComposer composer) : IMailTransport
{
    public PickupFolderTransport(string folder, MailOptions options, TimeProvider? time = null) : this(folder, new MailMessageComposer(options, time))
    {
    }

    /// <summary>CRLF line ends, as on the wire: mail clients and relays reading the folder expect them on any system.</summary>
    private static readonly FormatOptions FileFormat = CrlfFormat();

    public string Folder { get; } = Path.GetFullPath(folder);

    private static FormatOptions CrlfFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
    }

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        using var message = composer.Compose(mail);
        // Written aside in full, then renamed into place: a reader of the folder never sees half a message.
        var staging = Path.Combine(Folder, ".staging");
        var temporary = Path.Combine(staging, Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            Directory.CreateDirectory(staging);
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                await message.WriteToAsync(FileFormat, file, cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, Path.Combine(Folder, FileNameFor(mail.MessageId)), overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MailDeliveryException($"Could not write to the pickup folder {Folder}: {ex.Message}", permanent: false, ex);
        }
        finally
        {
            try { File.Delete(temporary); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    public static string FileNameFor(string messageId)
    {
        var local = messageId.Trim('<', '>').Split('@')[0];
        var safe = local.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? local
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageId)))[..32];
        return safe + ".eml";
    }
}
