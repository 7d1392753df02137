using System.Text.RegularExpressions;

namespace TenderConsortium.IntegrationTests.Browser;

/// <summary>The emails a node delivered to its pickup folder (&lt;data&gt;/outbox/*.eml), decoded.</summary>
public sealed record Email(string To, string Subject, string Text)
{
    public static IReadOnlyList<Email> All(string dataFolder)
    {
        var folder = Path.Combine(dataFolder, "outbox");
        if (!Directory.Exists(folder)) return [];
        var result = new List<Email>();
        foreach (var file in Directory.GetFiles(folder, "*.eml").Order(StringComparer.Ordinal))
        {
            try
            {
                using var message = MimeKit.MimeMessage.Load(file);
                result.Add(new Email(message.To.Mailboxes.FirstOrDefault()?.Address ?? "", message.Subject ?? "", message.TextBody ?? ""));
            }
            catch (IOException)
            {
                // Being written right now; the next poll reads it.
            }
        }

        return result;
    }

    /// <summary>The path and query of the first link in the text matching <paramref name="pattern"/> (links carry the node's public base URL, not the test's port).</summary>
    public string? Link(Regex pattern) => pattern.Match(Text) is { Success: true } m ? new Uri(m.Value).PathAndQuery : null;
}
