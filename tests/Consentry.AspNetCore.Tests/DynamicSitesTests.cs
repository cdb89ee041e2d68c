using Consentry.Manifests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Consentry.AspNetCore.Tests;

/// <summary>A host whose sites change while it serves (the Consentry server): MapConsentrySites looks each request's site up.</summary>
public sealed class DynamicSitesTests
{
    private static ConsentrySite Site(string example, string id) =>
        new(ManifestLoader.Load(TestSite.Example(example)).GetValidManifest(), "/sites/" + id, id);

    [Fact]
    public async Task ASiteAddedOrReplacedWhileServingIsServedAtOnceAndAnUnknownOneIs404()
    {
        var sites = new ConsentrySites();
        sites.Set(Site("claimcmr", "one"), c => c.Request.Path.StartsWithSegments("/sites/one"));
        var ledger = Path.Combine(Path.GetTempPath(), $"consentry-test-{Guid.NewGuid():N}", "ledger.db");
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddConsentrySites(sites, o => o.LedgerPath = ledger);
        await using var app = builder.Build();
        app.MapConsentrySites("/sites");
        await app.StartAsync(TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };
        var ct = TestContext.Current.CancellationToken;

        Assert.Contains("ClaimCMR", await client.GetStringAsync("/sites/one/policy.json", ct), StringComparison.Ordinal);
        var unknown = await client.GetAsync("/sites/two/config.json", ct);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.DoesNotContain("one", await unknown.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);

        sites.Set(Site("clinixai", "two"), c => c.Request.Path.StartsWithSegments("/sites/two"));
        sites.Set(Site("connectwyze", "one"), c => c.Request.Path.StartsWithSegments("/sites/one"));
        Assert.Contains("ClinixAI", await client.GetStringAsync("/sites/two/policy.json", ct), StringComparison.Ordinal);
        Assert.Contains("ConnectWyze", await client.GetStringAsync("/sites/one/policy.json", ct), StringComparison.Ordinal);
        Assert.Equal(["one", "two"], sites.All.Select(s => s.SiteId));
        Assert.Contains("/sites/two/receipts", await client.GetStringAsync("/sites/two/config.json", ct), StringComparison.Ordinal);
        await app.StopAsync(ct);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(ledger)!, recursive: true);
    }
}
