using System.Net;
using Consentry.Ledger.Chain;
using Consentry.Ledger.Stores;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Consentry.AspNetCore.Tests.Hostile;

/// <summary>A store that refuses appends, and clients hidden behind a reverse proxy.</summary>
public sealed class LedgerRefusalTests
{
    private static readonly string ClaimCmr = TestSite.Example("claimcmr");
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AStoreThatRefusesAppendsIsLoggedOnceAndVerifyNamesTheCause()
    {
        await using var site = await TestSite.StartAsync(ClaimCmr);
        using (var first = await ReceiptEndpointTests.PostAsync(site, (await ReceiptEndpointTests.ValidAsync(site)).ToJsonString()))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        // Someone appends a well-formed #2 behind the head's back (hash as docs/ledger.md gives it): every later append conflicts with it.
        var one = Assert.Single(await ReceiptEndpointTests.StoredAsync(site));
        var receiptId = System.Text.Json.JsonDocument.Parse(one.Receipt).RootElement.GetProperty("receiptId").GetString()!;
        var forged = one.Receipt.Replace(receiptId, new string('f', 32), StringComparison.Ordinal);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"consentry-ledger/1\nclaimcmr\n2\n{one.Hash}\n{forged}")));
        await TamperAsync(site, $"INSERT INTO receipts (site, seq, consent_id, server_time, receipt, prev_hash, hash, receipt_id) SELECT site, 2, consent_id, server_time, '{forged}', hash, '{hash}', '{new string('f', 32)}' FROM receipts WHERE seq = 1;");
        for (var i = 0; i < 5; i++)
        {
            using var refused = await ReceiptEndpointTests.PostAsync(site, (await ReceiptEndpointTests.ValidAsync(site)).ToJsonString());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        }

        var failing = Assert.Single(site.Logs.Entries, e => e.EventId == 7105);
        Assert.Equal(LogLevel.Error, failing.Level);
        Assert.Contains("UNIQUE constraint failed", failing.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(site.Logs.Entries, e => e.Message.Contains("   at ", StringComparison.Ordinal));

        await using (var store = SqliteReceiptStore.OpenReadOnly(site.LedgerPath))
        {
            var problem = Assert.Single(Assert.Single(await LedgerVerifier.VerifyAsync(store, "claimcmr", Cancel)).Problems);
            Assert.Equal((2L, "inserted"), (problem.Sequence, problem.Kind));
            Assert.Contains("after the recorded head", problem.Detail, StringComparison.Ordinal);
        }

        await TamperAsync(site, "DELETE FROM receipts WHERE seq = 2;");
        using var recovered = await ReceiptEndpointTests.PostAsync(site, (await ReceiptEndpointTests.ValidAsync(site)).ToJsonString());
        Assert.Equal(HttpStatusCode.Created, recovered.StatusCode);
        Assert.Contains(site.Logs.Entries, e => e.EventId == 7106 && e.Message.Contains("after 5 refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BehindATrustedProxyEachVisitorHasTheirOwnRateLimit()
    {
        await using var site = await TestSite.StartAsync(ClaimCmr, o => o.ReceiptsPerMinutePerClient = 2, first: app =>
        {
            var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor };
            options.KnownProxies.Add(IPAddress.Loopback);
            app.UseForwardedHeaders(options);
        });
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], await PostFromAsync(site, "203.0.113.1", 3));
        Assert.Equal([HttpStatusCode.Created], await PostFromAsync(site, "203.0.113.2", 1));
    }

    [Fact]
    public async Task WithoutATrustedProxyAForwardedForHeaderIsIgnored()
    {
        await using var site = await TestSite.StartAsync(ClaimCmr, o => o.ReceiptsPerMinutePerClient = 2);
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created], await PostFromAsync(site, "203.0.113.1", 2));
        Assert.Equal([HttpStatusCode.TooManyRequests], await PostFromAsync(site, "203.0.113.2", 1));
    }

    private static async Task<List<HttpStatusCode>> PostFromAsync(TestSite site, string client, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var content = new StringContent((await ReceiptEndpointTests.ValidAsync(site)).ToJsonString());
            using var request = new HttpRequestMessage(HttpMethod.Post, "/consentry/receipts") { Content = content };
            request.Headers.Add("X-Forwarded-For", client);
            using var response = await site.Client.SendAsync(request, Cancel);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    private static async Task TamperAsync(TestSite site, string sql)
    {
        await using var c = new SqliteConnection($"Data Source={site.LedgerPath};Pooling=False");
        await c.OpenAsync(Cancel);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(Cancel);
    }
}
