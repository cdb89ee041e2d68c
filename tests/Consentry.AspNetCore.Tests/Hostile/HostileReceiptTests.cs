using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Consentry.AspNetCore.Tests.Hostile;

/// <summary>
/// Receipt bodies an attacker would send, one class at a time: each is a clear 4xx ProblemDetails, exactly one
/// log line, no stack trace, and nothing stored.
/// </summary>
public sealed class HostileReceiptTests
{
    private static readonly string ClaimCmr = TestSite.Example("claimcmr");
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task AssertRefusedAsync(TestSite site, List<byte[]> bodies, HttpStatusCode expected = HttpStatusCode.BadRequest, string? detail = null)
    {
        foreach (var body in bodies)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain");
            using var response = await site.Client.PostAsync("/consentry/receipts", content, Cancel);
            var text = await response.Content.ReadAsStringAsync(Cancel);
            Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} for {Encoding.UTF8.GetString(body)}: {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            if (detail is not null)
            {
                Assert.Contains(detail, text, StringComparison.Ordinal);
            }
        }

        AssertLoggedOnceEach(site, bodies.Count);
        Assert.Empty(await ReceiptEndpointTests.StoredAsync(site));
    }

    private static void AssertLoggedOnceEach(TestSite site, int refused)
    {
        Assert.Equal(refused, site.Logs.Entries.Count(e => e.EventId == 7104));
        Assert.DoesNotContain(site.Logs.Entries, e => e.Message.Contains("   at ", StringComparison.Ordinal));
        Assert.DoesNotContain(site.Logs.Entries, e => e.Level >= LogLevel.Error);
    }

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public async Task InvalidUtf8AnywhereInTheBodyIsRefused()
    {
        await using var site = await TestSite.StartAsync(ClaimCmr);
        var valid = (await ReceiptEndpointTests.ValidAsync(site)).ToJsonString();
        byte[][] bad = [[0xC3, 0x28], [0xFF], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xC0, 0xAF]];
        var bodies = new List<byte[]>();
        foreach (var b in bad)
        {
            bodies.Add([.. Utf8(valid.Replace("\"en\"", "\"e", StringComparison.Ordinal)), .. b, .. Utf8("n\"")]); // in a value
            bodies.Add([.. Utf8("{\""), .. b, .. Utf8("\":1,") , .. Utf8(valid[1..])]);                          // in a key
            bodies.Add([.. Utf8(valid.Replace("\"necessary\"", "\"nec", StringComparison.Ordinal)), .. b, .. Utf8("essary\"")]); // in a category
        }

        await AssertRefusedAsync(site, bodies, detail: "not valid UTF-8");
    }

    [Theory]
    [InlineData("\"pageUrl\":\"https://claimcmr.com/\\ud800\"")]
    [InlineData("\"pageUrl\":\"https://claimcmr.com/\\udfff\\ud800\"")]
    [InlineData("\"\\ud800\":1")]
    [InlineData("\"categories\":{\"\\udc00\":true}")]
    public async Task LoneSurrogateEscapesAreRefused(string fragment)
    {
        await using var site = await TestSite.StartAsync(ClaimCmr);
        var valid = await ReceiptEndpointTests.ValidAsync(site);
        var name = fragment[1..fragment.IndexOf('"', 1)];
        valid.Remove(name);

        var body = "{" + fragment + "," + valid.ToJsonString()[1..];
        await AssertRefusedAsync(site, [Utf8(body)]);
    }

    [Theory]
    [InlineData("consentId", "0123456789abcdef0123456789abcdef\n")]
    [InlineData("receiptId", "fedcba9876543210fedcba9876543210\n")]
    [InlineData("language", "en\n")]
    [InlineData("language", "en-GB\n")]
    public async Task ATrailingNewlineDoesNotSlipPastAPattern(string field, string value)
    {
        await using var site = await TestSite.StartAsync(ClaimCmr);
        var body = await ReceiptEndpointTests.ValidAsync(site);
        body[field] = value;
        await AssertRefusedAsync(site, [Utf8(body.ToJsonString())]);
    }

    [Theory]
    [InlineData("method", "\"reject-all\"")]
    [InlineData("consentId", "\"ffffffffffffffffffffffffffffffff\"")]
    public async Task DuplicateKeysAreRefused(string field, string second)
    {
        await using var site = await TestSite.StartAsync(ClaimCmr);
        var body = (await ReceiptEndpointTests.ValidAsync(site)).ToJsonString();
        await AssertRefusedAsync(site, [Utf8(body[..^1] + $",\"{field}\":{second}}}")], detail: "Duplicate");
    }

    [Fact]
    public async Task DuplicateKeysInsideCategoriesAreRefused()
    {
        await using var site = await TestSite.StartAsync(ClaimCmr);
        var body = (await ReceiptEndpointTests.ValidAsync(site)).ToJsonString().Replace("\"analytics\":true", "\"analytics\":true,\"analytics\":false", StringComparison.Ordinal);
        await AssertRefusedAsync(site, [Utf8(body)]);
    }

    [Theory]
    [InlineData("https://user:pass@claimcmr.com/", "user name or password")]
    [InlineData("https://user@claimcmr.com/", "user name or password")]
    [InlineData("https://evil.example/claimcmr.com", "not one of this site's domains")]
    [InlineData("https://claimcmr.com.evil.example/", "not one of this site's domains")]
    [InlineData("https://notclaimcmr.com/", "not one of this site's domains")]
    public async Task APageOutsideTheSiteOrWithCredentialsIsRefused(string pageUrl, string detail)
    {
        await using var site = await TestSite.StartAsync(ClaimCmr);
        var body = await ReceiptEndpointTests.ValidAsync(site);
        body["pageUrl"] = pageUrl;
        await AssertRefusedAsync(site, [Utf8(body.ToJsonString())], detail: detail);
    }

    [Theory]
    [InlineData("https://app.claimcmr.com/claims")]
    [InlineData("https://CLAIMCMR.com/")]
    public async Task APageOnTheSiteOrItsSubdomainsIsAccepted(string pageUrl)
    {
        await using var site = await TestSite.StartAsync(ClaimCmr);
        var body = await ReceiptEndpointTests.ValidAsync(site);
        body["pageUrl"] = pageUrl;
        using var response = await ReceiptEndpointTests.PostAsync(site, body.ToJsonString());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task AReplayedReceiptIsStoredOnceAndAnsweredWithTheStoredEntry()
    {
        await using var site = await TestSite.StartAsync(ClaimCmr);
        var body = await ReceiptEndpointTests.ValidAsync(site);
        var answers = new List<string>();
        foreach (var method in new[] { "accept-all", "accept-all", "reject-all" })
        {
            body["method"] = method; // a forged replay changes nothing either
            if (method == "reject-all")
            {
                body["categories"]!["analytics"] = false;
            }

            using var response = await ReceiptEndpointTests.PostAsync(site, body.ToJsonString());
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            answers.Add(await response.Content.ReadAsStringAsync(Cancel));
        }

        Assert.Single(answers.Distinct());
        var stored = Assert.Single(await ReceiptEndpointTests.StoredAsync(site));
        Assert.Contains("\"method\":\"accept-all\"", stored.Receipt, StringComparison.Ordinal);
        Assert.Contains($"\"receiptId\":\"{body["receiptId"]}\"", stored.Receipt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConcurrentReplaysOfOneReceiptStoreItOnce()
    {
        await using var site = await TestSite.StartAsync(ClaimCmr, o => o.ReceiptsPerMinutePerClient = 1000);
        var body = (await ReceiptEndpointTests.ValidAsync(site)).ToJsonString();
        var statuses = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var response = await ReceiptEndpointTests.PostAsync(site, body);
            return response.StatusCode;
        }));
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.Single(await ReceiptEndpointTests.StoredAsync(site));
    }

    [Theory]
    [InlineData("ZZ\r\n{}\r\n0\r\n\r\n")]
    [InlineData("5\r\n{\"a\":1}\r\n0\r\n\r\n")]
    [InlineData("10000000000000000000\r\n{}\r\n0\r\n\r\n")]
    [InlineData("2;\u0001\r\n{}\r\n0\r\n\r\n")]
    public async Task AMalformedChunkedBodyIsA400(string chunks)
    {
        await using var site = await TestSite.StartAsync(ClaimCmr);
        var status = await RawAsync(site, "Transfer-Encoding: chunked\r\n", chunks, stallAfter: false);
        Assert.True(status.StartsWith("HTTP/1.1 400", StringComparison.Ordinal), status + string.Join("\n", site.Logs.Entries.Select(e => e.Message)));
        Assert.DoesNotContain(site.Logs.Entries, e => e.Message.Contains("   at ", StringComparison.Ordinal));
        Assert.DoesNotContain(site.Logs.Entries, e => e.Level >= LogLevel.Error);
        Assert.Empty(await ReceiptEndpointTests.StoredAsync(site));
    }

    [Fact]
    public async Task ABodyThatStallsForeverIsA408NotAStackTrace()
    {
        // The client promises 600 bytes, sends 20 and never more: Kestrel's minimum body rate ends the read.
        await using var site = await TestSite.StartAsync(ClaimCmr);
        var status = await RawAsync(site, "Content-Length: 600\r\n", "{\"receiptId\":\"0123", stallAfter: true);
        Assert.StartsWith("HTTP/1.1 408", status, StringComparison.Ordinal);
        AssertLoggedOnceEach(site, 1);
        Assert.Empty(await ReceiptEndpointTests.StoredAsync(site));
    }

    /// <summary>Sends a raw request and returns the status line; with <paramref name="stallAfter"/> the connection stays open and silent.</summary>
    private static async Task<string> RawAsync(TestSite site, string headers, string body, bool stallAfter)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(site.Address.Host, site.Address.Port, Cancel);
        var stream = tcp.GetStream();
        var request = $"POST /consentry/receipts HTTP/1.1\r\nHost: {site.Address.Authority}\r\nContent-Type: text/plain\r\n{headers}\r\n{body}";
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request), Cancel);
        using var reader = new StreamReader(stream, Encoding.Latin1);
        // Generous outer limit: it only catches a hang, it does not time the server.
        return await reader.ReadLineAsync(Cancel).AsTask().WaitAsync(TimeSpan.FromMinutes(2), Cancel) ?? "";
    }
}
