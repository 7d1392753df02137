using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using TenderConsortium.Workflows.Mail;

namespace TenderConsortium.Mail;

/// <summary>
/// Writes each message as an .eml file that any mail client opens. The file name comes from the Message-ID, so a
/// message delivered again after a crash replaces its own file instead of appearing twice.
/// </summary>
public sealed class PickupFolderTransport(string folder, MailOptions options) : IMailTransport
{
    public string Folder { get; } = Path.GetFullPath(folder);

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        // SmtpClient writes its pickup file under a random name; write it aside, then move it into place atomically.
        var staging = Path.Combine(Folder, ".staging", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        try
        {
            using (var message = MimeMessageFactory.Create(mail, options))
            using (var client = new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = staging })
            {
                await client.SendMailAsync(message, cancellationToken);
            }

            var written = Directory.GetFiles(staging, "*.eml").Single();
            File.Move(written, Path.Combine(Folder, FileNameFor(mail.MessageId)), overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SmtpException)
        {
            throw new MailDeliveryException($"Could not write to the pickup folder {Folder}: {ex.Message}", permanent: false, ex);
        }
        finally
        {
            try { Directory.Delete(staging, recursive: true); } catch (IOException) { }
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
