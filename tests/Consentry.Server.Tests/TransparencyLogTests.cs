using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Consentry.Ledger.Transparency;

namespace Consentry.Server.Tests;

/// <summary>The server's sites as transparency logs: a signing key made beside the database, signed checkpoints and proofs.</summary>
public sealed class TransparencyLogTests(ServerFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheServerSignsEachSitesLogWithAKeyItMadeBesideTheDatabase()
    {
        var server = fixture.Server;
        var key = JsonNode.Parse(await server.Client.GetStringAsync("/sites/claimcmr/config.json", Ct))!["logKey"]!.GetValue<string>();
        var signer = LogKeys.LoadSigner(await File.ReadAllTextAsync(Path.Combine(server.Folder, "ledger.key"), Ct));
        Assert.Equal(LogKeys.VerifierKey(LogKeys.Origin(signer, "claimcmr"), signer.PublicKey.Span), key);
        Assert.StartsWith("127.0.0.1/claimcmr+", key, StringComparison.Ordinal);
        Assert.Equal(key, JsonNode.Parse(await server.Client.GetStringAsync("/sites/claimcmr/policy.json", Ct))!["logKey"]!.GetValue<string>());

        using var posted = await OperationsTests.PostReceiptAsync(server.Client, "claimcmr", await OperationsTests.ReceiptAsync(server, "claimcmr"), Ct);
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var leaf = JsonDocument.Parse(await posted.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("leafIndex").GetInt64();

        JsonElement proof = default;
        await Consentry.Tests.Eventually.UntilAsync(async () =>
        {
            using var response = await server.Client.GetAsync($"/sites/claimcmr/log/proof/inclusion?index={leaf}", Ct);
            proof = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
            return response.IsSuccessStatusCode && proof.GetProperty("size").GetInt64() > leaf;
        }, "a signed checkpoint covering the receipt", Ct);

        var checkpoint = SignedCheckpoints.Open(proof.GetProperty("checkpoint").GetString()!, key);
        var entry = (await server.Store.ReadAsync("claimcmr", cancellationToken: Ct).ToListAsync(Ct)).Single(e => e.Sequence == leaf + 1);
        var path = proof.GetProperty("hashes").EnumerateArray().Select(h => Convert.FromBase64String(h.GetString()!)).ToList();
        Assert.True(MerkleProof.VerifyInclusion(MerkleHash.Leaf(entry.LeafData()), leaf, checkpoint.Size, path, checkpoint.RootHash()));
    }

    [Fact]
    public void WitnessesAreReadFromConfigurationLikeEveryOtherSetting()
    {
        var options = ConsentryServer.LoadOptions([new("Witnesses:0:Url", "http://witness.example/add-checkpoint"), new("Witnesses:0:Key", "witness.example+01020304+BAAA")]);
        var witness = Assert.Single(options.Witnesses);
        Assert.Equal(("http://witness.example/add-checkpoint", "witness.example+01020304+BAAA"), (witness.Url, witness.Key));
    }
}
