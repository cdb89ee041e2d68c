using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace Consentry.Server.Notifications;

/// <summary>Connects to the configured SMTP server with MailKit (security and authentication as <see cref="SmtpOptions"/> say).</summary>
internal sealed class SmtpMailer(IOptions<ServerOptions> options)
{
    public SmtpOptions Options => options.Value.Smtp;

    /// <summary>A connected, authenticated client; the caller disposes it. Throws when no SMTP host is configured.</summary>
    public async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var o = Options;
        if (string.IsNullOrWhiteSpace(o.Host))
        {
            throw new InvalidOperationException("no SMTP server is configured (set Smtp:Host, or CONSENTRY_SMTP__HOST)");
        }

        var client = new SmtpClient { Timeout = (int)o.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(o.Host, o.Port, Security(o.Security), cancellationToken);
            if (!string.IsNullOrEmpty(o.User))
            {
                await client.AuthenticateAsync(o.User, o.Password ?? "", cancellationToken);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>The MailKit setting for an <see cref="SmtpOptions.Security"/> value.</summary>
    public static SecureSocketOptions Security(string value) => value.ToLowerInvariant() switch
    {
        "none" => SecureSocketOptions.None,
        "starttls" => SecureSocketOptions.StartTls,
        "tls" => SecureSocketOptions.SslOnConnect,
        "auto" => SecureSocketOptions.Auto,
        _ => throw new InvalidOperationException($"Smtp:Security is '{value}'; use auto, starttls, tls or none"),
    };
}
