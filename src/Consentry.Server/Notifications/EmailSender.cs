using System.Text;
using System.Text.Json;
using MailKit;
using MailKit.Net.Smtp;
using MimeKit;

namespace Consentry.Server.Notifications;

/// <summary>
/// Sends an alert by e-mail: the event's summary as the subject, its lines and link as the text, to the channel's
/// addresses. The Message-Id is made of the event and channel ids, so a resent alert is recognisably the same one.
/// </summary>
internal sealed class EmailSender(SmtpMailer mailer) : IChannelSender
{
    public string Kind => ChannelKinds.Email;

    public async Task<SendOutcome> SendAsync(Channel channel, OutboxEvent e, CancellationToken cancellationToken)
    {
        try
        {
            var message = Message(channel, e, mailer.Options.From);
            using var client = await mailer.ConnectAsync(cancellationToken);
            var reply = await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(true, cancellationToken);
            return new SendOutcome(true, "SMTP 250 " + reply);
        }
        catch (SmtpCommandException x)
        {
            return new SendOutcome(false, $"SMTP {(int)x.StatusCode}: {x.Message}");
        }
        catch (Exception x) when (x is SmtpProtocolException or ServiceNotConnectedException or IOException or System.Net.Sockets.SocketException or InvalidOperationException or TimeoutException or MailKit.Security.AuthenticationException or FormatException or ParseException)
        {
            return new SendOutcome(false, x.Message);
        }
    }

    public static MimeMessage Message(Channel channel, OutboxEvent e, string from)
    {
        using var doc = JsonDocument.Parse(e.Payload);
        var data = doc.RootElement.GetProperty("data");
        var summary = data.TryGetProperty("summary", out var s) ? s.GetString() ?? e.Type : e.Type;
        var text = new StringBuilder().AppendLine(summary).AppendLine();
        if (data.TryGetProperty("lines", out var lines) && lines.ValueKind == JsonValueKind.Array)
        {
            foreach (var line in lines.EnumerateArray())
            {
                text.Append("- ").AppendLine(line.GetString());
            }

            text.AppendLine();
        }

        if (data.TryGetProperty("link", out var link))
        {
            text.AppendLine(link.GetString());
        }

        text.AppendLine().AppendLine($"Event {e.Id} ({e.Type}), site {e.SiteId}, sent by Consentry.");
        var message = new MimeMessage { Subject = $"[Consentry] {summary}", MessageId = $"{e.Id}.{channel.Id}@consentry", Body = new TextPart("plain") { Text = text.ToString() } };
        message.From.Add(MailboxAddress.Parse(from));
        foreach (var address in channel.Target.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            message.To.Add(MailboxAddress.Parse(address));
        }

        message.Headers.Add("X-Consentry-Event", e.Type);
        return message;
    }
}
