using System.Security.Cryptography;
using System.Text;

namespace TenderConsortium.Core.Invitations;

/// <summary>
/// Issues members' link tokens as HMAC-SHA256(node key, opportunity | member | nonce): 256 bits no one can guess
/// without the key, with a fresh 128-bit random nonce per invitation. The database keeps only the token's hash and
/// the nonce, so a copy of it opens nothing, while the node can put the same link into reminders and consent requests.
/// </summary>
public sealed class InvitationTokenIssuer
{
    private readonly byte[] _key;

    public InvitationTokenIssuer(byte[] key)
    {
        if (key.Length < 32) throw new ArgumentException("the invitation key must be at least 256 bits", nameof(key));
        _key = key.ToArray();
    }

    public static string NewNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public string Issue(string opportunityId, string memberId, string nonce)
    {
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"invitation|{opportunityId}|{memberId}|{nonce}"));
        return Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
