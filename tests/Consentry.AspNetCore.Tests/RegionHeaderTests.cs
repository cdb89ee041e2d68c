using System.Net;
using System.Text.Json;
using Consentry.Manifests;
using Consentry.Regions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Consentry.AspNetCore.Tests;

/// <summary>Where the visitor is comes from a CDN's headers, believed only from the proxies configured; anything else is opt-in.</summary>
public sealed class RegionHeaderTests
{
    private static void Regions(ConsentryOptions o, string proxies)
    {
        o.Manifest = ManifestLoader.Load(TestSite.Example("claimcmr")).GetValidManifest() with
        {
            Regions = [new RegionRule("EEA", ConsentModel.OptIn), new RegionRule("US-PRIVACY", ConsentModel.OptOut), new RegionRule("US", ConsentModel.Notice)],
        };
        o.RegionHeaders = RegionHeaders.Cloudflare;
        o.RegionProxies.Add(TrustedProxies.Parse(proxies));
    }

    private static async Task<(string? Region, string Model)> AskAsync(TestSite site, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/region");
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await site.Client.SendAsync(request, TestContext.Current.CancellationToken);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        return (body.GetProperty("region").GetString(), body.GetProperty("model").GetString()!);
    }

    [Theory]
    [InlineData("US", "CA", "US-CA", "OptOut")]
    [InlineData("US", "FL", "US-FL", "Notice")]
    [InlineData("US", null, "US", "OptOut")]
    [InlineData("FR", null, "FR", "OptIn")]
    [InlineData("JP", "13", "JP-13", "OptIn")]
    public async Task ATrustedProxysHeadersGiveTheRegionAndItsModel(string country, string? subdivision, string region, string model)
    {
        await using var site = await TestSite.StartAsync(TestSite.Example("claimcmr"), o => Regions(o, "127.0.0.0/8"));
        (string, string)[] headers = subdivision is null ? [("CF-IPCountry", country)] : [("CF-IPCountry", country), ("CF-Region-Code", subdivision)];
        Assert.Equal((region, model), await AskAsync(site, headers));
    }

    [Fact]
    public async Task HeadersFromAClientThatIsNoTrustedProxyAreIgnoredAndTheVisitorGetsOptIn()
    {
        await using var site = await TestSite.StartAsync(TestSite.Example("claimcmr"), o => Regions(o, "10.0.0.0/8"));
        Assert.Equal((null, "OptIn"), await AskAsync(site, ("CF-IPCountry", "US"), ("CF-Region-Code", "CA")));
    }

    [Theory]
    [InlineData("XX")]
    [InlineData("T1")]
    [InlineData("U S")]
    [InlineData("US, FR")]
    [InlineData("<script>alert(1)</script>")]
    public async Task AMissingOrMalformedCountryGivesOptIn(string country)
    {
        await using var site = await TestSite.StartAsync(TestSite.Example("claimcmr"), o => Regions(o, "127.0.0.1"));
        Assert.Equal((null, "OptIn"), await AskAsync(site, ("CF-IPCountry", country), ("CF-Region-Code", "CA")));
        Assert.Equal((null, "OptIn"), await AskAsync(site));
    }

    [Fact]
    public async Task TheProxyIsJudgedByTheConnectionEvenAfterTheHostsForwardedHeadersMiddlewareRewroteTheAddress()
    {
        await using var site = await TestSite.StartAsync(TestSite.Example("claimcmr"), o => Regions(o, "127.0.0.1"), first: app =>
        {
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor };
            forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("127.0.0.0/8"));
            app.UseForwardedHeaders(forwarded);
            app.Use((c, next) =>
            {
                Assert.Equal(IPAddress.Parse("203.0.113.9"), c.Connection.RemoteIpAddress);
                return next(c);
            });
        });
        Assert.Equal(("US-CA", "OptOut"), await AskAsync(site, ("X-Forwarded-For", "203.0.113.9"), ("CF-IPCountry", "US"), ("CF-Region-Code", "CA")));
    }

    [Fact]
    public async Task RegionHeadersWithoutTrustedProxiesStopStartUpSayingWhy()
    {
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => TestSite.StartAsync(TestSite.Example("claimcmr"), o => o.RegionHeaders = RegionHeaders.Vercel));
        Assert.Contains("RegionProxies is empty", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cloudflare", "CF-IPCountry", "CF-Region-Code")]
    [InlineData(" CloudFront ", "CloudFront-Viewer-Country", "CloudFront-Viewer-Country-Region")]
    [InlineData("VERCEL", "X-Vercel-IP-Country", "X-Vercel-IP-Country-Region")]
    [InlineData("X-Country", "X-Country", null)]
    [InlineData("X-Country, X-Region", "X-Country", "X-Region")]
    public void RegionHeadersAreReadFromAPresetNameOrTheHeaderNames(string text, string country, string? subdivision) =>
        Assert.Equal(new RegionHeaders(country, subdivision), RegionHeaders.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("akamai edge")]
    [InlineData("X-Country,")]
    [InlineData("A,B,C")]
    [InlineData("X-Country:\r\nX-Injected")]
    public void AnythingElseIsRefusedSayingWhatIsAccepted(string text)
    {
        var e = Assert.Throws<FormatException>(() => RegionHeaders.Parse(text));
        Assert.Contains("cloudflare, cloudfront or vercel", e.Message, StringComparison.Ordinal);
    }
}
