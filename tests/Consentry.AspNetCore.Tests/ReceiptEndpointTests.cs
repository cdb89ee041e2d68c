using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Consentry.Ledger.Chain;
using Consentry.Ledger.Stores;
using Microsoft.Data.Sqlite;

namespace Consentry.AspNetCore.Tests;

public sealed class ReceiptEndpointTests
{
    private static readonly string ClaimCmr = TestSite.Example("claimcmr");

    internal static async Task<JsonObject> ValidAsync(TestSite site)
    {
        var config = JsonNode.Parse(await site.Client.GetStringAsync("/consentry/config.json", TestContext.Current.CancellationToken))!;
        return new JsonObject
        {
            ["receiptId"] = Guid.NewGuid().ToString("N"),
            ["consentId"] = "0123456789abcdef0123456789abcdef",
            ["revision"] = 1,
            ["policyHash"] = config["policyHash"]!.GetValue<string>(),
            ["categories"] = new JsonObject { ["necessary"] = true, ["analytics"] = true },
            ["services"] = new JsonObject { ["posthog"] = true },
            ["method"] = "accept-all",
            ["language"] = "en",
            ["pageUrl"] = "https://claimcmr.com/claims?id=42#top",
        };
    }

    internal static async Task<HttpResponseMessage> PostAsync(TestSite site, string body, string contentType = "text/plain")
    {
        using var content = new StringContent(body, Encoding.UTF8, contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/consentry/receipts") { Content = content };
        request.Headers.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36");
        return await site.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    internal static async Task<List<LedgerEntry>> StoredAsync(TestSite site)
    {
        await using var store = new SqliteReceiptStore(site.LedgerPath);
        return await store.ReadAsync("claimcmr", cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task AValidReceiptIsCommittedBeforeTheServerAnswers201()
    {
        await using var site = await TestSite.StartAsync(ClaimCmr);
        using var response = await PostAsync(site, (await ValidAsync(site)).ToJsonString());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal(1, answer.GetProperty("sequence").GetInt64());

        var entry = Assert.Single(await StoredAsync(site));
        Assert.Equal(answer.GetProperty("hash").GetString(), entry.Hash);
        var receipt = JsonDocument.Parse(entry.Receipt).RootElement;
        Assert.Equal("https://claimcmr.com/claims", receipt.GetProperty("pageUrl").GetString());
        Assert.Equal("Chrome", receipt.GetProperty("userAgentFamily").GetString());
        Assert.Equal("claimcmr", receipt.GetProperty("site").GetString());
        Assert.DoesNotContain("127.0.0.1", entry.Receipt, StringComparison.Ordinal);
        Assert.DoesNotContain("Mozilla", entry.Receipt, StringComparison.Ordinal);
    }

    private static List<string> HostilePayloads()
    {
        var valid = new JsonObject
        {
            ["receiptId"] = "fedcba9876543210fedcba9876543210",
            ["consentId"] = "0123456789abcdef0123456789abcdef", ["revision"] = 1, ["policyHash"] = "POLICY",
            ["categories"] = new JsonObject { ["necessary"] = true }, ["services"] = new JsonObject(),
            ["method"] = "custom", ["language"] = "en", ["pageUrl"] = "https://claimcmr.com/",
        };
        string[] injections = ["'; DROP TABLE receipts; --", "<script>alert(1)</script>", "../../etc/passwd", "\u0000", "${jndi:ldap://x}", "' OR '1'='1", new string('A', 5000), "\"},{\"x\":1", "%00", "🍪"];
        object?[] wrongValues = [null, 1, -1, 1.5, true, "", "x", new JsonArray(), new JsonObject(), "1", long.MaxValue];
        var rows = new List<string>
        {
            "", "null", "[]", "42", "\"text\"", "{", "{\"consentId\":", "not json at all", "{\"a\":1}", new string('{', 100) + new string('}', 100),
        };
        foreach (var field in valid.Select(kv => kv.Key).ToList())
        {
            var missing = valid.DeepClone().AsObject();
            missing.Remove(field);
            rows.Add(missing.ToJsonString());
            foreach (var value in wrongValues.Concat(injections))
            {
                var changed = valid.DeepClone().AsObject();
                changed[field] = value is null ? null : JsonSerializer.SerializeToNode(value);
                rows.Add(changed.ToJsonString());
            }
        }

        foreach (var injection in injections)
        {
            var unknownCategory = valid.DeepClone().AsObject();
            unknownCategory["categories"] = new JsonObject { ["necessary"] = true, [injection] = true };
            rows.Add(unknownCategory.ToJsonString());
            var unknownField = valid.DeepClone().AsObject();
            unknownField[injection] = 1;
            rows.Add(unknownField.ToJsonString());
        }

        var refusedNecessary = valid.DeepClone().AsObject();
        refusedNecessary["categories"] = new JsonObject { ["necessary"] = false };
        rows.Add(refusedNecessary.ToJsonString());
        var staleRevision = valid.DeepClone().AsObject();
        staleRevision["revision"] = 0;
        rows.Add(staleRevision.ToJsonString());
        var same = valid.ToJsonString();
        return [.. rows.Distinct().Where(r => r != same)];
    }

    [Fact]
    public async Task HundredsOfMalformedOrHostilePayloadsAreRefusedAndNothingIsStored()
    {
        await using var site = await TestSite.StartAsync(ClaimCmr, o => o.ReceiptsPerMinutePerClient = 100_000);
        var policyHash = (await ValidAsync(site))["policyHash"]!.GetValue<string>();
        var payloads = HostilePayloads().Select(r => r.Replace("POLICY", policyHash, StringComparison.Ordinal)).ToList();
        Assert.True(payloads.Count > 200, $"only {payloads.Count} payloads");
        foreach (var payload in payloads)
        {
            using var response = await PostAsync(site, payload, payload.Length % 2 == 0 ? "application/json" : "text/plain");
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, $"{(int)response.StatusCode} for {payload[..Math.Min(200, payload.Length)]}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Empty(await StoredAsync(site));
        using var ok = await PostAsync(site, (await ValidAsync(site)).ToJsonString());
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
    }

    [Fact]
    public async Task AnOversizedBodyIs413()
    {
        await using var site = await TestSite.StartAsync(ClaimCmr);
        var body = await ValidAsync(site);
        body["pageUrl"] = "https://claimcmr.com/" + new string('a', 5000);
        using var response = await PostAsync(site, body.ToJsonString());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task ErrorsSayWhatWasWrong()
    {
        await using var site = await TestSite.StartAsync(ClaimCmr);
        var body = await ValidAsync(site);
        body["categories"]!["marketing"] = true;
        using var response = await PostAsync(site, body.ToJsonString());
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Contains("'categories' names 'marketing', which this site does not have.", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PastTheRateLimitAClientGets429WithRetryAfter()
    {
        await using var site = await TestSite.StartAsync(ClaimCmr, o => o.ReceiptsPerMinutePerClient = 3);
        for (var i = 0; i < 3; i++)
        {
            using var ok = await PostAsync(site, (await ValidAsync(site)).ToJsonString());
            Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        }

        using var limited = await PostAsync(site, (await ValidAsync(site)).ToJsonString());
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("60", limited.Headers.GetValues("Retry-After").Single());
        Assert.Equal(3, (await StoredAsync(site)).Count);
    }

    [Fact]
    public async Task WhenTheLedgerIsUnusableTheServerAnswers503WithRetryAfter()
    {
        await using var site = await TestSite.StartAsync(ClaimCmr);
        var body = (await ValidAsync(site)).ToJsonString();
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { "", "-wal", "-shm" })
        {
            File.Delete(site.LedgerPath + f);
        }

        Directory.CreateDirectory(site.LedgerPath);
        using var response = await PostAsync(site, body);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("5", response.Headers.GetValues("Retry-After").Single());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
