using System.Security.Cryptography;
using System.Text;
using Consentry.Server.Data;
using Consentry.Server.Notifications;
using Consentry.Server.Sites;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Consentry.Server.Notices;

/// <summary>
/// Sends the runs that are sending, a claimed batch of recipients at a time, over one SMTP connection, at
/// <see cref="NoticeOptions.PerSecond"/>. Each recipient's outcome is committed right after the SMTP server's
/// answer, so a run resumes where it stopped after a crash; a run with nothing pending is finished and its
/// addresses deleted.
/// </summary>
internal sealed partial class NoticeSender(
    NoticeRepository runs, SiteRepository sites, SmtpMailer mailer, ServerDatabase db, IOptions<ServerOptions> options, TimeProvider clock, ILogger<NoticeSender> logger) : BackgroundService
{
    private readonly Pacer _pacer = new(clock);
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!db.IsPostgres)
        {
            await runs.ReleaseLeasesAsync(stoppingToken);
        }

        using var timer = new PeriodicTimer(options.Value.Notifications.PollEvery, clock);
        do
        {
            if (clock.GetUtcNow() < _pausedUntil)
            {
                continue;
            }

            try
            {
                foreach (var run in await runs.SendingAsync(stoppingToken))
                {
                    await SendAsync(run, stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.PassFailed(logger, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task SendAsync(NoticeRun run, CancellationToken cancellationToken)
    {
        if (await sites.RevisionAsync(run.SiteId, run.Revision, cancellationToken) is not { } revision)
        {
            return;
        }

        var previous = await sites.RevisionAsync(run.SiteId, run.Revision - 1, cancellationToken);
        var policy = new Uri(options.Value.LinkBase, $"sites/{run.SiteId}/policy");
        var rendered = new Dictionary<string, NoticeMessage>(StringComparer.Ordinal);
        var o = options.Value.Notices;
        SmtpClient? client = null;
        try
        {
            List<(NoticeRecipient Recipient, int Attempts)> batch;
            while ((batch = await runs.ClaimAsync(run, o.Batch, o.Lease, cancellationToken)).Count > 0)
            {
                foreach (var (recipient, attempts) in batch)
                {
                    await _pacer.WaitAsync(o.PerSecond, cancellationToken);
                    client ??= await mailer.ConnectAsync(cancellationToken);
                    if (!rendered.TryGetValue(recipient.Language, out var notice))
                    {
                        rendered[recipient.Language] = notice = NoticeRenderer.Render(revision, previous, recipient.Language, policy);
                    }

                    var (status, result) = await SendOneAsync(client, Message(run, recipient, notice), cancellationToken);
                    var retry = status == NoticeStatus.Pending && attempts + 1 < o.MaxAttempts ? o.RetryAfter : (TimeSpan?)null;
                    await runs.RecordAsync(run, recipient.Address, status == NoticeStatus.Pending && retry is null ? NoticeStatus.Failed : status, result, retry, cancellationToken);
                    if (!client.IsConnected)
                    {
                        client.Dispose();
                        client = null;
                    }
                }
            }

            if (await runs.FinishAsync(run, cancellationToken))
            {
                var done = await runs.RunAsync(run.SiteId, run.Revision, cancellationToken);
                Log.Finished(logger, run.SiteId, run.Revision, done!.Sent, done.Failed, done.Bounced);
            }
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ServiceNotConnectedException or SmtpProtocolException or MailKit.Security.AuthenticationException or InvalidOperationException or TimeoutException)
        {
            // The SMTP server could not be reached or dropped the connection: the recipient in hand stays pending
            // (its claim runs out), and the run goes on at the next pass.
            Log.SmtpUnavailable(logger, run.SiteId, run.Revision, e.Message);
            _pausedUntil = clock.GetUtcNow() + Pause;
        }
        finally
        {
            client?.Dispose();
        }
    }

    /// <summary>How long sending pauses after the SMTP server could not be reached.</summary>
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(30);

    /// <summary>One message: sent, bounced (5xx), or pending again (4xx); connection failures are thrown.</summary>
    private static async Task<(string Status, string Result)> SendOneAsync(SmtpClient client, MimeMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await client.SendAsync(message, cancellationToken);
            return (NoticeStatus.Sent, "250");
        }
        catch (SmtpCommandException e)
        {
            var code = (int)e.StatusCode;
            var result = $"{code} {e.Message}".Trim();
            return (code >= 500 ? NoticeStatus.Bounced : NoticeStatus.Pending, result.Length > 200 ? result[..200] : result);
        }
    }

    private MimeMessage Message(NoticeRun run, NoticeRecipient recipient, NoticeMessage notice)
    {
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(recipient.Address)))[..16];
        var message = new MimeMessage
        {
            Subject = notice.Subject,
            // The same recipient and run always get the same Message-Id: a notice resent after a crash is recognisably the same one.
            MessageId = $"notice.{run.Id}.{id}@consentry",
            Body = new BodyBuilder { TextBody = notice.Text, HtmlBody = notice.Html }.ToMessageBody(),
        };
        message.From.Add(MailboxAddress.Parse(mailer.Options.From));
        message.To.Add(MailboxAddress.Parse(recipient.Address));
        message.Headers.Add(HeaderId.ContentLanguage, notice.Language);
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("X-Consentry-Event", EventTypes.RevisionMaterial);
        return message;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7350, Level = LogLevel.Information, Message = "Notice run for {Site} revision {Revision} finished: {Sent} sent, {Failed} failed, {Bounced} bounced; addresses purged")]
        public static partial void Finished(ILogger logger, string site, int revision, long sent, long failed, long bounced);

        [LoggerMessage(EventId = 7351, Level = LogLevel.Warning, Message = "Notice run for {Site} revision {Revision} paused for 30 s: the SMTP server is unavailable ({Message})")]
        public static partial void SmtpUnavailable(ILogger logger, string site, int revision, string message);

        [LoggerMessage(EventId = 7352, Level = LogLevel.Warning, Message = "Notice pass failed: {Message}")]
        public static partial void PassFailed(ILogger logger, string message);
    }
}
