namespace TenderConsortium.Mail;

/// <summary>Configuration section "Mail:Smtp". The password is never logged nor shown.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Mail:Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 25;

    /// <summary>STARTTLS on a plain port. Implicit TLS (port 465) is not available with System.Net.Mail.</summary>
    public bool StartTls { get; set; }

    public string? UserName { get; set; }
    public string? Password { get; set; }
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Problems with this configuration, each naming the setting; empty when it can be used.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Host)) problems.Add("Mail:Smtp:Host: required when Mail:Transport is smtp");
        if (Port is < 1 or > 65535) problems.Add($"Mail:Smtp:Port: expected 1-65535, got {Port}");
        if (Port == 465)
            problems.Add("Mail:Smtp:Port: 465 needs implicit TLS, which System.Net.Mail.SmtpClient cannot do; use port 587 with Mail:Smtp:StartTls=true");
        if (UserName is not null && Password is null) problems.Add("Mail:Smtp:Password: required when Mail:Smtp:UserName is set");
        if (TimeoutSeconds is < 1 or > 600) problems.Add($"Mail:Smtp:TimeoutSeconds: expected 1-600, got {TimeoutSeconds}");
        return problems;
    }

    /// <summary>For messages and logs: host, port, TLS and user; never the password.</summary>
    public override string ToString() =>
        $"{Host}:{Port}{(StartTls ? " with STARTTLS" : "")}{(UserName is null ? "" : $" as {UserName}")}";
}
