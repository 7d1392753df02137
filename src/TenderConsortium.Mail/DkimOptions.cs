using System.Security.Cryptography;

namespace TenderConsortium.Mail;

/// <summary>
/// Configuration section "Mail:Dkim": optional DKIM signing, so mail from the consortium's own domain passes DMARC at
/// the members' mail systems. Off unless all three are set; the DNS record at selector._domainkey.domain holds the public key.
/// </summary>
public sealed class DkimOptions
{
    public const string Section = "Mail:Dkim";

    /// <summary>The signing domain (d=), normally the domain of Mail:From.</summary>
    public string? Domain { get; set; }

    /// <summary>The selector (s=) naming the DNS record, e.g. "tender".</summary>
    public string? Selector { get; set; }

    /// <summary>The RSA private key in PEM, as a file path; the key itself is never in configuration.</summary>
    public string? PrivateKeyFile { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Domain) || !string.IsNullOrWhiteSpace(Selector) || !string.IsNullOrWhiteSpace(PrivateKeyFile);

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!Enabled) return problems;
        if (string.IsNullOrWhiteSpace(Domain)) problems.Add($"{Section}:Domain: required for DKIM signing, e.g. your-consortium.org.uk");
        if (string.IsNullOrWhiteSpace(Selector)) problems.Add($"{Section}:Selector: required for DKIM signing, e.g. tender (the DNS record is tender._domainkey.<domain>)");
        if (string.IsNullOrWhiteSpace(PrivateKeyFile)) problems.Add($"{Section}:PrivateKeyFile: required for DKIM signing: the path of the PEM private key");
        else if (!File.Exists(PrivateKeyFile)) problems.Add($"{Section}:PrivateKeyFile: the file {PrivateKeyFile} does not exist");
        else if (KeyProblem(PrivateKeyFile) is { } key) problems.Add(key);
        return problems;
    }

    private static string? KeyProblem(string path)
    {
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(File.ReadAllText(path));
            _ = rsa.ExportParameters(includePrivateParameters: true); // a public key alone cannot sign
            return rsa.KeySize < 1024 ? $"{Section}:PrivateKeyFile: the key in {path} has {rsa.KeySize} bits; mail systems want 2048" : null;
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException or IOException or UnauthorizedAccessException)
        {
            return $"{Section}:PrivateKeyFile: {path} is not an RSA private key in PEM (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----)";
        }
    }
}
