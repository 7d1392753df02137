using System.Security.Cryptography;
using System.Text;

namespace TenderConsortium.Core.Notifications;

/// <summary>
/// The token in a daily digest's one-click unsubscribe link (RFC 8058): the recipient's address and
/// HMAC-SHA256(node key, "digest-unsubscribe" | address), both base64url. Nothing is stored: the node checks the MAC,
/// so only someone who received the digest can stop it, and a forged or altered link does nothing. The token is the
/// only credential (no cookie), which is what makes the POST safe from cross-site forgery.
/// </summary>
public sealed class DigestUnsubscribeTokens
{
    private readonly byte[] _key;

    public DigestUnsubscribeTokens(byte[] key)
    {
        if (key.Length < 32) throw new ArgumentException("the node key must be at least 256 bits", nameof(key));
        _key = key.ToArray();
    }

    public string Issue(string address)
    {
        var normalised = Normalise(address);
        return Base64Url(Encoding.UTF8.GetBytes(normalised)) + "." + Base64Url(Mac(normalised));
    }

    /// <summary>The address a genuine token was issued for; null for anything else (malformed, altered, another node's).</summary>
    public string? AddressOf(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1024) return null;
        var dot = token.IndexOf('.');
        if (dot <= 0 || dot == token.Length - 1) return null;
        try
        {
            var address = Encoding.UTF8.GetString(FromBase64Url(token[..dot]));
            var mac = FromBase64Url(token[(dot + 1)..]);
            return CryptographicOperations.FixedTimeEquals(mac, Mac(address)) ? address : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private byte[] Mac(string address) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes("digest-unsubscribe|" + address));

    private static string Normalise(string address) => address.Trim().ToLowerInvariant();

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - padded.Length % 4) % 4));
    }
}
