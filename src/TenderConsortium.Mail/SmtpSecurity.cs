namespace TenderConsortium.Mail;

/// <summary>How the connection to the relay is protected (Mail:Smtp:Security).</summary>
public enum SmtpSecurity
{
    /// <summary>Implicit TLS on port 465; on any other port STARTTLS when the relay offers it, plain otherwise.</summary>
    Auto,

    /// <summary>STARTTLS, required: a relay that does not offer it is refused (the usual port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (the usual port 465).</summary>
    SslOnConnect,

    /// <summary>No TLS at all: only for a relay on the same machine (a local Postfix on port 25).</summary>
    None,
}
