using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TenderConsortium.Mail;

/// <summary>Configuration section "Mail:Smtp". The password and the OAuth secret are never logged nor shown.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Mail:Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 25;

    /// <summary><see cref="SmtpSecurity"/> by name: Auto (default), StartTls, SslOnConnect or None.</summary>
    public string Security { get; set; } = nameof(SmtpSecurity.Auto);

    /// <summary>The older setting, kept so existing configurations go on working: true means Security=StartTls.</summary>
    public bool StartTls { get; set; }

    /// <summary>
    /// A PEM file with the certificate (or the private CA) a private relay presents, trusted in addition to the system's
    /// roots. The host name must still match; validation is never switched off.
    /// </summary>
    public string? TrustedCertificate { get; set; }

    public string? UserName { get; set; }
    public string? Password { get; set; }
    public SmtpOAuthOptions OAuth { get; set; } = new();
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>How many open connections are kept between messages for reuse.</summary>
    public int PoolSize { get; set; } = 8;

    public SmtpSecurity ResolvedSecurity =>
        Enum.TryParse<SmtpSecurity>(Security?.Trim(), ignoreCase: true, out var security) && Enum.IsDefined(security)
            ? security == SmtpSecurity.Auto && StartTls ? SmtpSecurity.StartTls : security
            : SmtpSecurity.Auto;

    /// <summary>Problems with this configuration, each naming the setting; empty when it can be used.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Host)) problems.Add("Mail:Smtp:Host: required when Mail:Transport is smtp");
        if (Port is < 1 or > 65535) problems.Add($"Mail:Smtp:Port: expected 1-65535, got {Port}");
        if (!Enum.TryParse<SmtpSecurity>(Security?.Trim(), ignoreCase: true, out var security) || !Enum.IsDefined(security) || int.TryParse(Security, out _))
            problems.Add($"Mail:Smtp:Security: expected Auto, StartTls, SslOnConnect or None, got \"{Security}\"");
        else if (Port == 465 && ResolvedSecurity == SmtpSecurity.StartTls)
            problems.Add("Mail:Smtp:Port: 465 is for TLS from the first byte; set Mail:Smtp:Security to SslOnConnect (or Auto), or use port 587 with StartTls");
        if (TrustedCertificate is not null && TrustedCertificateProblem(TrustedCertificate) is { } certificate) problems.Add(certificate);
        if (OAuth.Enabled)
        {
            problems.AddRange(OAuth.Problems());
            if (string.IsNullOrWhiteSpace(UserName)) problems.Add("Mail:Smtp:UserName: required with OAuth: the mailbox the consortium sends as, e.g. bids@your-consortium.org.uk");
            if (Password is not null) problems.Add("Mail:Smtp:Password: leave it out with OAuth; the app's token replaces it");
        }
        else if (UserName is not null && Password is null) problems.Add("Mail:Smtp:Password: required when Mail:Smtp:UserName is set");

        if (TimeoutSeconds is < 1 or > 600) problems.Add($"Mail:Smtp:TimeoutSeconds: expected 1-600, got {TimeoutSeconds}");
        if (PoolSize is < 1 or > 64) problems.Add($"Mail:Smtp:PoolSize: expected 1-64, got {PoolSize}");
        return problems;
    }

    private static string? TrustedCertificateProblem(string path)
    {
        if (!File.Exists(path)) return $"Mail:Smtp:TrustedCertificate: the file {path} does not exist";
        try
        {
            var certificates = new X509Certificate2Collection();
            certificates.ImportFromPemFile(path);
            return certificates.Count == 0 ? $"Mail:Smtp:TrustedCertificate: {path} holds no certificate (expected -----BEGIN CERTIFICATE-----)" : null;
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            return $"Mail:Smtp:TrustedCertificate: {path} is not a PEM certificate: {ex.Message}";
        }
    }

    /// <summary>For messages and logs: host, port, protection and user; never the password or secret.</summary>
    public override string ToString()
    {
        var security = ResolvedSecurity switch
        {
            SmtpSecurity.StartTls => " with STARTTLS",
            SmtpSecurity.SslOnConnect => " with TLS",
            SmtpSecurity.None => " without TLS",
            _ => Port == 465 ? " with TLS" : "",
        };
        var user = UserName is null ? "" : OAuth.Enabled ? $" as {UserName} (OAuth)" : $" as {UserName}";
        return $"{Host}:{Port}{security}{user}";
    }
}
