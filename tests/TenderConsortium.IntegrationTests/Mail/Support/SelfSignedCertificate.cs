using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TenderConsortium.IntegrationTests.Mail.Support;

/// <summary>
/// A self-signed certificate for 127.0.0.1 and localhost made at test time, written as PEM files: the relay's
/// certificate and key for aiosmtpd, and the same certificate for Mail:Smtp:TrustedCertificate.
/// </summary>
public sealed record SelfSignedCertificate(string CertificatePath, string KeyPath)
{
    public static SelfSignedCertificate Create(string folder, string commonName = "localhost")
    {
        Directory.CreateDirectory(folder);
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(commonName);
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var name = Guid.NewGuid().ToString("N");
        var result = new SelfSignedCertificate(Path.Combine(folder, name + ".crt.pem"), Path.Combine(folder, name + ".key.pem"));
        File.WriteAllText(result.CertificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(result.KeyPath, key.ExportPkcs8PrivateKeyPem());
        return result;
    }
}
