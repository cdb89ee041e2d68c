using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Consentry.Ledger.Transparency;
using Consentry.Tests;

namespace Consentry.AspNetCore.Tests;

public sealed class TransparencyLogEndpointTests
{
    private static readonly string ClaimCmr = TestSite.Example("claimcmr");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Task<TestSite> SignedSiteAsync(Action<ConsentryOptions>? more = null) => TestSite.StartAsync(ClaimCmr, o =>
    {
        o.LedgerSigningKey = LogKeys.Generate("ledger.test.example");
        o.CheckpointInterval = TimeSpan.Zero;
        more?.Invoke(o);
    });

    [Fact]
    public async Task AReceiptsAnswerCarriesItsLeafIndexAndItsProofChecksAgainstTheSignedCheckpoint()
    {
        await using var site = await SignedSiteAsync();
        var indexes = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await ReceiptEndpointTests.PostAsync(site, (await ReceiptEndpointTests.ValidAsync(site)).ToJsonString());
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            indexes.Add(JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("leafIndex").GetInt64());
        }

        Assert.Equal([0L, 1, 2], indexes);
        var key = JsonNode.Parse(await site.Client.GetStringAsync("/consentry/config.json", Token))!["logKey"]!.GetValue<string>();
        Assert.Equal(key + "\n", await site.Client.GetStringAsync("/consentry/log/key", Token));
        Assert.Equal(key, JsonNode.Parse(await site.Client.GetStringAsync("/consentry/policy.json", Token))!["logKey"]!.GetValue<string>());
        await WaitForCheckpointAsync(site, key, 3);

        var proof = JsonDocument.Parse(await site.Client.GetStringAsync("/consentry/log/proof/inclusion?index=1", Token)).RootElement;
        var checkpoint = SignedCheckpoints.Open(proof.GetProperty("checkpoint").GetString()!, key);
        var entry = (await ReceiptEndpointTests.StoredAsync(site))[1];
        var path = proof.GetProperty("hashes").EnumerateArray().Select(h => Convert.FromBase64String(h.GetString()!)).ToList();
        Assert.True(MerkleProof.VerifyInclusion(MerkleHash.Leaf(entry.LeafData()), 1, checkpoint.Size, path, checkpoint.RootHash()));

        using var fixedSize = await site.Client.GetAsync("/consentry/log/proof/inclusion?index=1&size=2", Token);
        Assert.Contains("immutable", fixedSize.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var consistency = JsonDocument.Parse(await site.Client.GetStringAsync("/consentry/log/proof/consistency?from=2&to=3", Token)).RootElement;
        Assert.Equal(2, consistency.GetProperty("from").GetInt64());
        Assert.NotEmpty(consistency.GetProperty("hashes").EnumerateArray());
    }

    [Theory]
    [InlineData("proof/inclusion", "Invalid proof request")]
    [InlineData("proof/inclusion?index=abc", "whole number")]
    [InlineData("proof/inclusion?index=-1&size=1", "whole number")]
    [InlineData("proof/inclusion?index=0&size=0", "a tree size runs from 1")]
    [InlineData("proof/inclusion?index=5&size=1", "Leaf 5 is not in a tree of 1")]
    [InlineData("proof/inclusion?index=0&size=99999999999999999999", "whole number")]
    [InlineData("proof/consistency?from=2&to=1", "no smaller")]
    [InlineData("proof/consistency?from=1", "'from' and 'to'")]
    public async Task ProofRequestsOutsideTheLogAreAnswered400WithTheReason(string query, string reason)
    {
        await using var site = await SignedSiteAsync();
        using (await ReceiptEndpointTests.PostAsync(site, (await ReceiptEndpointTests.ValidAsync(site)).ToJsonString()))
        {
        }

        using var response = await site.Client.GetAsync("/consentry/log/" + query, Token);
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AProofFromADamagedLogIs503AndOneLineForTheOperator()
    {
        await using var site = await SignedSiteAsync();
        for (var i = 0; i < 4; i++)
        {
            using (await ReceiptEndpointTests.PostAsync(site, (await ReceiptEndpointTests.ValidAsync(site)).ToJsonString()))
            {
            }
        }

        await using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={site.LedgerPath};Pooling=False"))
        {
            await c.OpenAsync(Token);
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "DELETE FROM tree_hashes WHERE idx = 1;";
            await cmd.ExecuteNonQueryAsync(Token);
        }

        using var response = await site.Client.GetAsync("/consentry/log/proof/inclusion?index=0&size=4", Token);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.DoesNotContain("stored hash", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        var line = Assert.Single(site.Logs.Entries, e => e.EventId == 7112);
        Assert.Contains("stored hash 1 is missing", line.Message, StringComparison.Ordinal);
        Assert.False(line.HasException);
    }

    [Fact]
    public async Task WithoutASigningKeyTheLogSaysHowToGetOne()
    {
        await using var site = await TestSite.StartAsync(ClaimCmr);
        using var response = await site.Client.GetAsync("/consentry/log/checkpoint", Token);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("consentry ledger keygen", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Null(JsonNode.Parse(await site.Client.GetStringAsync("/consentry/config.json", Token))!["logKey"]);
        Assert.Null(JsonNode.Parse(await site.Client.GetStringAsync("/consentry/policy.json", Token))!["logKey"]);
    }

    [Fact]
    public async Task AMissingOrDamagedSigningKeyStopsTheStartWithTheFix()
    {
        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => TestSite.StartAsync(ClaimCmr, o => o.LedgerSigningKeyPath = "/nonexistent/ledger.key"));
        Assert.Contains("consentry ledger keygen", missing.Message, StringComparison.Ordinal);
        var damaged = await Assert.ThrowsAsync<InvalidOperationException>(() => TestSite.StartAsync(ClaimCmr, o => o.LedgerSigningKey = LogKeys.Generate("ledger.test.example")[..^6]));
        Assert.Contains("malformed", damaged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogReadsPastTheClientsLimitAreAnswered429()
    {
        await using var site = await SignedSiteAsync(o => o.LogReadsPerMinutePerClient = 2);
        for (var i = 0; i < 2; i++)
        {
            using var ok = await site.Client.GetAsync("/consentry/log/key", Token);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var refused = await site.Client.GetAsync("/consentry/log/key", Token);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("60", refused.Headers.RetryAfter!.ToString());
    }

    /// <summary>Waits until the writer has signed a checkpoint of at least <paramref name="size"/> leaves.</summary>
    private static Task WaitForCheckpointAsync(TestSite site, string key, long size) => Eventually.UntilAsync(async () =>
    {
        using var response = await site.Client.GetAsync("/consentry/log/checkpoint", Token);
        return response.IsSuccessStatusCode && SignedCheckpoints.Open(await response.Content.ReadAsStringAsync(Token), key).Size >= size;
    }, $"a signed checkpoint of {size} leaves", Token);
}
