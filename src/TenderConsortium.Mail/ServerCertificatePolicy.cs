using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace TenderConsortium.Mail;

/// <summary>
/// Decides whether the relay's certificate is good: the system's own validation, or, for a private relay, a chain to the
/// certificate named by Mail:Smtp:TrustedCertificate. The host name must match either way; validation is never off.
/// </summary>
public sealed class ServerCertificatePolicy
{
    private readonly X509Certificate2Collection _trusted = [];

    public ServerCertificatePolicy(string? trustedCertificatePem)
    {
        if (trustedCertificatePem is not null) _trusted.ImportFromPemFile(trustedCertificatePem);
    }

    /// <summary>Why the last certificate was refused, for the failure message; null when none was.</summary>
    public string? LastRefusal { get; private set; }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None) return true;
        LastRefusal = errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable) ? "the relay sent no certificate"
            : errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) ? $"its certificate ({certificate?.Subject}) is not for this host name"
            : _trusted.Count == 0 ? $"its certificate ({certificate?.Subject}) is not trusted by this machine; for a private relay name its certificate in Mail:Smtp:TrustedCertificate"
            : $"its certificate ({certificate?.Subject}) does not chain to Mail:Smtp:TrustedCertificate";
        if (_trusted.Count == 0 || certificate is null || errors != SslPolicyErrors.RemoteCertificateChainErrors) return false;

        using var leaf = new X509Certificate2(certificate);
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_trusted);
        // A private relay's own CA publishes no revocation list; the file the consortium named is the trust decision.
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
            foreach (var element in chain.ChainElements) custom.ChainPolicy.ExtraStore.Add(element.Certificate);
        if (!custom.Build(leaf)) return false;
        LastRefusal = null;
        return true;
    }
}
