using System.Security.Cryptography;
using System.Text;

namespace TenderConsortium.Core.Invitations;

/// <summary>
/// A member's personal link secret (see <see cref="InvitationTokenIssuer"/>): 43 URL-safe characters. Only its
/// SHA-256 is stored; lookup is by that hash, which leaks nothing about the token.
/// </summary>
public static class InvitationToken
{
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token.Trim())));

    /// <summary>True when the text could be one of our tokens; anything else is refused before touching the database.</summary>
    public static bool LooksValid(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
