using System.Security.Authentication;

namespace TenderConsortium.Mail;

/// <summary>What a connection to the relay settled on, for `tender mail test` and the logs.</summary>
public sealed record SmtpNegotiation(string Server, SslProtocols Tls, string? Cipher, string? AuthMechanism, bool EightBitMime, bool Pipelining, bool SmtpUtf8)
{
    public string TlsName => Tls switch
    {
        SslProtocols.None => "no TLS",
        SslProtocols.Tls12 => "TLS 1.2",
        SslProtocols.Tls13 => "TLS 1.3",
        var other => other.ToString(),
    };

    public override string ToString() =>
        $"{Server}: {TlsName}{(Tls == SslProtocols.None || Cipher is null ? "" : $" ({Cipher})")}; "
        + $"AUTH {AuthMechanism ?? "none"}; 8BITMIME {(EightBitMime ? "yes" : "no")}; PIPELINING {(Pipelining ? "yes" : "no")}; SMTPUTF8 {(SmtpUtf8 ? "yes" : "no")}";
}
