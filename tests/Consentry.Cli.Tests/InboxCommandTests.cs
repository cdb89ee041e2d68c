using System.Net;
using System.Security.Cryptography;
using System.Text;
using Consentry.Cli.Inbox;
using MailKit.Net.Smtp;
using MimeKit;

namespace Consentry.Cli.Tests;

/// <summary><c>consentry inbox</c>: mail and webhooks received locally, kept as files, signatures checked.</summary>
public sealed class InboxCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheInboxKeepsMailAndWebhooksAndRefusesAForgedSignature()
    {
        using var dir = new TempDir();
        var key = RandomNumberGenerator.GetBytes(24);
        var secret = "whsec_" + Convert.ToBase64String(key);
        using var log = new StringWriter();
        // Port 0 for both: the inbox binds them itself and says which it got, so no other test can take them in between.
        await using (var inbox = await DevInbox.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), "http://127.0.0.1:0", dir.Path, secret, TextWriter.Synchronized(log), Ct))
        {
            var smtp = inbox.SmtpEndpoint;
            var http = inbox.HttpAddress.GetLeftPart(UriPartial.Authority);
            using (var client = new SmtpClient())
            {
                await client.ConnectAsync("127.0.0.1", smtp.Port, MailKit.Security.SecureSocketOptions.None, Ct);
                var message = new MimeMessage { Subject = "[Consentry] drift", Body = new TextPart("plain") { Text = "promo_ref appeared" } };
                message.From.Add(MailboxAddress.Parse("consentry@localhost"));
                message.To.Add(MailboxAddress.Parse("team@example.com"));
                await client.SendAsync(message, Ct);
                await client.DisconnectAsync(true, Ct);
            }

            using var web = new HttpClient();
            const string Body = "{\"type\":\"scan.drift\",\"timestamp\":\"2026-11-30T12:00:00Z\",\"data\":{}}";
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            // Signed here independently of the server's code: HMAC-SHA256 over id.timestamp.body, base64, "v1,".
            var signature = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"evt_1.{timestamp}.{Body}")));
            Assert.Equal(HttpStatusCode.NoContent, (await PostAsync(web, http, "evt_1", timestamp, signature, Body)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(web, http, "evt_2", timestamp, signature, Body)).StatusCode);
            var stale = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3600).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var staleSignature = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"evt_3.{stale}.{Body}")));
            Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(web, http, "evt_3", stale, staleSignature, Body)).StatusCode);
        }

        var lines = log.ToString();
        Assert.Contains("mail  to team@example.com: [Consentry] drift", lines, StringComparison.Ordinal);
        Assert.Contains("hook  scan.drift evt_1 on /hooks: signature verified", lines, StringComparison.Ordinal);
        Assert.Contains("hook  scan.drift evt_2 on /hooks: signature REFUSED", lines, StringComparison.Ordinal);
        Assert.Contains("hook  scan.drift evt_3 on /hooks: signature REFUSED", lines, StringComparison.Ordinal);
        var eml = Assert.Single(Directory.GetFiles(Path.Combine(dir.Path, "mail")));
        Assert.Equal("[Consentry] drift", (await MimeMessage.LoadAsync(eml, Ct)).Subject);
        Assert.Equal(3, Directory.GetFiles(Path.Combine(dir.Path, "hooks")).Length);
    }

    [Fact]
    public void SmtpSessionsLastAsLongAsTheClientKeepsThem()
    {
        // The SmtpServer package cuts every session two minutes after it opened: a long notice run over one
        // connection then lost a message mid-DATA (answered 554, counted as bounced).
        var endpoint = Assert.Single(SmtpReceiverOptions.For("inbox", new IPEndPoint(IPAddress.Loopback, 2525)).Endpoints);
        Assert.Equal(Timeout.InfiniteTimeSpan, endpoint.SessionTimeout);
    }

    [Fact]
    public void ATakenAddressIsOneLineAndExitCodeOne()
    {
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        using var dir = new TempDir();
        var run = CliRun.Of("inbox", "--smtp", taken.LocalEndpoint.ToString()!, "--out", dir.Path);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"consentry: SMTP address {taken.LocalEndpoint} cannot be used", run.Err, StringComparison.Ordinal);
        Assert.Single(run.Err.Trim().Split('\n'));
        Assert.Equal(2, CliRun.Of("inbox", "--smtp", "nowhere").ExitCode);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient web, string http, string id, string timestamp, string signature, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, http + "/hooks") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp);
        request.Headers.Add("webhook-signature", signature);
        return web.SendAsync(request, Ct);
    }
}
