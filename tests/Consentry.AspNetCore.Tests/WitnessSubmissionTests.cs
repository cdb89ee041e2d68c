using System.Net;
using Consentry.Ledger.Transparency;
using Consentry.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Consentry.AspNetCore.Tests;

public sealed class WitnessSubmissionTests : IAsyncDisposable
{
    private static readonly string ClaimCmr = TestSite.Example("claimcmr");
    private readonly string _dir = Directory.CreateTempSubdirectory("consentry-witness-").FullName;
    private readonly string _logKey = LogKeys.Generate("ledger.test.example");
    private readonly LogWitness _witness;
    private WebApplication? _witnessApp;

    public WitnessSubmissionTests()
    {
        var signer = LogKeys.LoadSigner(_logKey);
        _witness = new LogWitness(LogKeys.LoadSigner(LogKeys.Generate("witness.test.example")), [LogKeys.VerifierKey(LogKeys.Origin(signer, "claimcmr"), signer.PublicKey.Span)], Path.Combine(_dir, "state.json"));
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        if (_witnessApp is not null)
        {
            await _witnessApp.DisposeAsync();
        }

        _witness.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task EachNewCheckpointIsCosignedByTheWitnessAndServedWithItsCosignature()
    {
        var url = await StartWitnessAsync();
        await using var site = await SiteAsync(url);
        await PostAsync(site, 2);
        await WaitForCosignedAsync(site, 2);
        await PostAsync(site, 1);
        var note = await WaitForCosignedAsync(site, 3);

        Assert.Equal(3, SignedCheckpoints.ReadUnverified(note).Size);
        Assert.Single(Cosignatures.Verify(note, [_witness.WitnessKey]));
        Assert.DoesNotContain(site.Logs.Entries, e => e.EventId == 7108);
    }

    [Fact]
    public async Task TheWitnessRefusesALogRewrittenAfterItCosignedIt()
    {
        var url = await StartWitnessAsync();
        await using (var first = await SiteAsync(url))
        {
            await PostAsync(first, 2);
            await WaitForCosignedAsync(first, 2);
        }

        // The same key over a new ledger: another history under the same log name, as a rewritten database would be.
        await using var rewritten = await SiteAsync(url);
        await PostAsync(rewritten, 3);
        await Eventually.UntilAsync(() => rewritten.Logs.Entries.Any(e => e.EventId == 7108 && e.Message.Contains("422", StringComparison.Ordinal)), "the witness's refusal of the rewritten log", Token);

        var note = await rewritten.Client.GetStringAsync("/consentry/log/checkpoint", Token);
        Assert.Empty(Cosignatures.Verify(note, [_witness.WitnessKey]));
    }

    [Fact]
    public async Task TheWitnessEndpointRefusesAnOversizedOrForeignRequestWithTheReason()
    {
        var url = await StartWitnessAsync();
        using var http = new HttpClient();
        using var big = await http.PostAsync(url, new StringContent(new string('a', 70_000)), Token);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        using var junk = await http.PostAsync(url, new StringContent("old 0\n\nnot a checkpoint\n"), Token);
        Assert.Equal(HttpStatusCode.BadRequest, junk.StatusCode);
        Assert.DoesNotContain("   at ", await junk.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    private Task<TestSite> SiteAsync(string witnessUrl) => TestSite.StartAsync(ClaimCmr, o =>
    {
        o.LedgerSigningKey = _logKey;
        o.CheckpointInterval = TimeSpan.Zero;
        o.Witnesses.Add(new WitnessEndpoint { Url = witnessUrl, Key = _witness.WitnessKey });
    });

    private async Task<string> StartWitnessAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _witnessApp = builder.Build();
        _witnessApp.MapConsentryWitness(_witness);
        await _witnessApp.StartAsync(Token);
        return _witnessApp.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/add-checkpoint";
    }

    private static async Task PostAsync(TestSite site, int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var response = await ReceiptEndpointTests.PostAsync(site, (await ReceiptEndpointTests.ValidAsync(site)).ToJsonString());
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
    }

    /// <summary>Waits until the served checkpoint covers <paramref name="size"/> leaves and carries the witness's cosignature.</summary>
    private async Task<string> WaitForCosignedAsync(TestSite site, long size)
    {
        var note = "";
        await Eventually.UntilAsync(async () =>
        {
            using var response = await site.Client.GetAsync("/consentry/log/checkpoint", Token);
            note = await response.Content.ReadAsStringAsync(Token);
            return response.IsSuccessStatusCode && SignedCheckpoints.ReadUnverified(note).Size >= size && Cosignatures.Verify(note, [_witness.WitnessKey]).Count == 1;
        }, $"a checkpoint of {size} leaves cosigned by the witness (the site logged: {string.Join(" | ", site.Logs.Entries.Where(e => e.EventId >= 7100).Select(e => e.Message))})", Token);
        return note;
    }
}
