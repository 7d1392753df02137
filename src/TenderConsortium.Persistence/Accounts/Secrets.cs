using System.Security.Cryptography;
using System.Text;

namespace TenderConsortium.Persistence.Accounts;

/// <summary>
/// Random secrets (sign-in tokens, API keys) and how they are stored: 256 random bits, shown once, kept only as
/// SHA-256. A slow password hash is not needed: the secrets are random, not chosen by people.
/// </summary>
public static class Secrets
{
    public static string New(string prefix = "") => prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
