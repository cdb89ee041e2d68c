using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Consentry.Server.Tests;

/// <summary>A notice run to 10,000 recipients through a real server process that is killed (-9) mid-run and started again.</summary>
public sealed partial class NoticeCrashTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARunKilledMidSendResumesAfterARestartAndEveryRecipientGetsTheNoticeExactlyOnce()
    {
        const int Recipients = 10_000;
        var folder = Directory.CreateTempSubdirectory("consentry-notice-crash-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "sites", "claimcmr"));
        File.Copy(RepoPaths.Example("claimcmr"), Path.Combine(folder, "sites", "claimcmr", "cookies.yaml"));
        var db = Path.Combine(folder, "ledger.db");
        await using var smtp = TestSmtpServer.Start();
        // The 1,000th message is held without an answer: the process is killed while it waits for the SMTP server's reply.
        smtp.Hold = n => n == 1_000;
        var env = new Dictionary<string, string>
        {
            ["CONSENTRY_DATA"] = folder, ["CONSENTRY_VERIFYEVERY"] = "00:00:00", ["CONSENTRY_SMTP__HOST"] = "127.0.0.1",
            ["CONSENTRY_SMTP__PORT"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["CONSENTRY_SMTP__SECURITY"] = "none", ["CONSENTRY_NOTICES__PERSECOND"] = "0",
        };
        var add = await CliProcess.RunAsync(["server", "admin", "add", "--email", "ops@example.com", "--db", db, "--password-stdin"], ServerUnderTest.Password);
        Assert.True(add.ExitCode == 0, add.Err);
        var first = await ServerProcess.StartAsync(env, "--db", db, "--manifests", Path.Combine(folder, "sites"));
        ServerProcess? second = null;
        try
        {
            var key = await KeyAsync(first);
            var yaml = DemoRevision.Yaml("claimcmr");
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(first, HttpMethod.Put, "/api/v1/sites/claimcmr/manifest", key, new StringContent(yaml, Encoding.UTF8, "application/yaml"))).StatusCode);
            var addresses = Enumerable.Range(0, Recipients).Select(i => $"holder{i:D5}@example.com").ToList();
            var added = await SendAsync(first, HttpMethod.Post, "/api/v1/sites/claimcmr/notices/2/recipients", key, JsonContent.Create(addresses.Select((a, i) => new { address = a, language = i % 3 == 0 ? "de" : "en" })));
            Assert.Equal(Recipients, (await added.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("added").GetInt32());
            Assert.Equal(HttpStatusCode.Accepted, (await SendAsync(first, HttpMethod.Post, "/api/v1/sites/claimcmr/notices/2/send", key)).StatusCode);

            var held = await WhileSendingAsync(smtp, smtp.Holding.Task, "the 1,000th message");
            await first.KillAsync();
            smtp.Release();
            // The held message was never answered, so it was not taken: its recipient has nothing yet.
            var before = smtp.Messages.Select(m => m.To.Mailboxes.Single().Address).ToList();
            Assert.InRange(before.Count, 1, 999);
            Assert.DoesNotContain(held, before);

            second = await ServerProcess.StartAsync(env, "--db", db);
            var report = await WhileSendingAsync(smtp, WaitDoneAsync(second, key), "the notice run's end");
            // The whole report in the message: failed, bounced and refusal codes say where a recipient went.
            Assert.True(report.GetProperty("sent").GetInt64() == Recipients, $"{report} — SMTP server: {string.Join(" | ", smtp.Problems)} — first server: {NoticeLines(first)} — second server: {NoticeLines(second)}");
            Assert.Equal(0, report.GetProperty("failed").GetInt64() + report.GetProperty("bounced").GetInt64());
            var received = smtp.Messages.Select(m => m.To.Mailboxes.Single().Address).ToList();
            Assert.Equal(Recipients, received.Count);
            Assert.Equal(addresses, received.Order(StringComparer.Ordinal));
            Assert.Equal(Recipients, smtp.Messages.Select(m => m.MessageId).Distinct().Count());
        }
        finally
        {
            await first.DisposeAsync();
            if (second is not null)
            {
                await second.DisposeAsync();
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    private static string NoticeLines(ServerProcess server) =>
        string.Join(" | ", server.Output.Where(l => l.Contains("Notice", StringComparison.Ordinal) || l.Contains("fail", StringComparison.OrdinalIgnoreCase)).TakeLast(10));

    private static async Task<string> KeyAsync(ServerProcess server)
    {
        var session = new AdminSession(server.Client);
        Assert.Equal(HttpStatusCode.Redirect, (await session.SignInAsync("ops@example.com", ServerUnderTest.Password)).StatusCode);
        var keys = await session.PostFormAsync("/admin/keys?handler=Create", new() { ["name"] = "notices", ["access"] = "write" }, pagePath: "/admin/keys");
        return Token().Match(await keys.Content.ReadAsStringAsync(Ct)).Value;
    }

    private static async Task<HttpResponseMessage> SendAsync(ServerProcess server, HttpMethod method, string path, string key, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new("Bearer", key);
        return await server.Client.SendAsync(request, Ct);
    }

    private static async Task<JsonElement> WaitDoneAsync(ServerProcess server, string key)
    {
        while (true)
        {
            var report = await (await SendAsync(server, HttpMethod.Get, "/api/v1/sites/claimcmr/notices/2", key)).Content.ReadFromJsonAsync<JsonElement>(Ct);
            if (report.GetProperty("status").GetString() == "done")
            {
                return report;
            }

            await Task.Delay(250, Ct);
        }
    }

    /// <summary>
    /// Waits for <paramref name="task"/> as long as the SMTP server keeps receiving messages: however slow a busy machine
    /// is, it fails only when no message has arrived for three minutes (a hang).
    /// </summary>
    private static async Task<T> WhileSendingAsync<T>(TestSmtpServer smtp, Task<T> task, string what)
    {
        var seen = smtp.Messages.Count;
        var quiet = 0;
        while (!task.IsCompleted)
        {
            await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(1), Ct));
            var now = smtp.Messages.Count;
            quiet = now == seen ? quiet + 1 : 0;
            seen = now;
            if (quiet >= 180 && !task.IsCompleted)
            {
                throw new TimeoutException($"Waiting for {what}: no message reached the SMTP server for three minutes ({now} so far).");
            }
        }

        return await task;
    }

    [GeneratedRegex("csk_[0-9a-f]{12}_[A-Za-z0-9~-]+")]
    private static partial Regex Token();
}
