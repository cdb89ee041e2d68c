using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Consentry.Server.Tests;

/// <summary>
/// The server's RegionHeaders and RegionProxies: a site whose manifest has <c>regions</c> gets its visitors' model
/// from the CDN's headers, believed only from the proxies named; one setting without the other stops start-up.
/// </summary>
public sealed class RegionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>ClaimCMR with California and the other US privacy states under opt-out.</summary>
    private static void WithRegions(ServerOptions o)
    {
        var manifest = Path.Combine(o.Manifests!, "claimcmr", "cookies.yaml");
        File.AppendAllText(manifest, "regions:\n  EEA: opt-in\n  US-PRIVACY: opt-out\n");
    }

    private static async Task<string?> ModelAsync(ServerUnderTest server, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/sites/claimcmr/config.json");
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        using var response = await server.Client.SendAsync(request, Ct);
        response.EnsureSuccessStatusCode();
        Assert.Contains("CF-IPCountry", response.Headers.Vary);
        var config = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        return config.TryGetProperty("model", out var model) ? model.GetString() : null;
    }

    [Fact]
    public async Task AVisitorInCaliforniaGetsOptOutFromTheCdnsHeadersOnlyWhenTheProxyIsTrusted()
    {
        await using (var trusted = await ServerUnderTest.StartAsync(o =>
        {
            WithRegions(o);
            o.RegionHeaders = "cloudflare";
            o.RegionProxies.Add("127.0.0.0/8");
        }))
        {
            Assert.Equal("opt-out", await ModelAsync(trusted, ("CF-IPCountry", "US"), ("CF-Region-Code", "CA")));
            Assert.Null(await ModelAsync(trusted, ("CF-IPCountry", "FR")));
            Assert.Null(await ModelAsync(trusted));
        }

        // The same headers from a sender that is not the CDN: the strictest model.
        await using var untrusted = await ServerUnderTest.StartAsync(o =>
        {
            WithRegions(o);
            o.RegionHeaders = "cloudflare";
            o.RegionProxies.Add("203.0.113.0/24");
        });
        Assert.Null(await ModelAsync(untrusted, ("CF-IPCountry", "US"), ("CF-Region-Code", "CA")));
    }

    [Theory]
    [InlineData("cloudflare", null, "RegionProxies is empty")]
    [InlineData(null, "127.0.0.1", "RegionHeaders is not")]
    [InlineData("akamai edge", "127.0.0.1", "RegionHeaders: 'akamai edge' names no region headers")]
    [InlineData("cloudflare", "not-an-address", "RegionProxies: ")]
    public async Task OneRegionSettingWithoutTheOtherOrAMalformedOneStopsStartUpSayingWhy(string? headers, string? proxy, string message)
    {
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => ServerUnderTest.StartAsync(o =>
        {
            o.RegionHeaders = headers;
            if (proxy is not null)
            {
                o.RegionProxies.Add(proxy);
            }
        }));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }
}
