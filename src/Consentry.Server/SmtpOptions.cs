namespace Consentry.Server;

/// <summary>The SMTP server e-mail (alerts and notices to account holders) is sent through, with MailKit.</summary>
public sealed class SmtpOptions
{
    /// <summary>The SMTP server's host name. Default: none, and then no e-mail is sent (e-mail channels and notice runs fail with that reason).</summary>
    public string? Host { get; set; }

    /// <summary>Its port. Default: 587.</summary>
    public int Port { get; set; } = 587;

    /// <summary>
    /// How the connection is secured: <c>auto</c> (TLS on port 465, STARTTLS when the server offers it),
    /// <c>starttls</c> (required), <c>tls</c> (TLS from the first byte) or <c>none</c>. Default: auto.
    /// </summary>
    public string Security { get; set; } = "auto";

    /// <summary>The user name to authenticate with; none means no authentication.</summary>
    public string? User { get; set; }

    /// <summary>Its password (better from <c>CONSENTRY_SMTP__PASSWORD</c> than from a file).</summary>
    public string? Password { get; set; }

    /// <summary>The sender address. Default: <c>consentry@localhost</c>.</summary>
    public string From { get; set; } = "consentry@localhost";

    /// <summary>The longest one SMTP conversation step may take before the attempt counts as failed. Default: 30 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
