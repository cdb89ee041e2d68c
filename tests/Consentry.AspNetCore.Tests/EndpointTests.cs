using System.Net;
using System.Text.Json;

namespace Consentry.AspNetCore.Tests;

public sealed class EndpointTests
{
    [Fact]
    public async Task BannerScriptIsServedCacheableWithAnETag()
    {
        await using var site = await TestSite.StartAsync(TestSite.Example("claimcmr"));
        using var response = await site.Client.GetAsync("/consentry/banner.js", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("public, max-age=3600", response.Headers.CacheControl!.ToString());
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("consentry", body, StringComparison.Ordinal);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/consentry/banner.js");
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var notModified = await site.Client.SendAsync(again, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task ConfigComesFromTheManifest()
    {
        await using var site = await TestSite.StartAsync(TestSite.Example("claimcmr"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/consentry/config.json") { Headers = { { "Accept-Language", "de-DE" } } };
        using var response = await site.Client.SendAsync(request, TestContext.Current.CancellationToken);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("consentry-banner/1", json.GetProperty("schema").GetString());
        Assert.True(json.GetProperty("bannerRequired").GetBoolean());
        Assert.Equal("claimcmr_cookie_consent", json.GetProperty("cookie").GetProperty("name").GetString());
        Assert.Equal(365, json.GetProperty("cookie").GetProperty("days").GetInt32());
        var categories = json.GetProperty("categories").EnumerateArray().ToList();
        Assert.Equal(["necessary", "analytics"], categories.Select(c => c.GetProperty("id").GetString()));
        var ph = categories[1].GetProperty("items").EnumerateArray().Single();
        Assert.Equal("ph_", ph.GetProperty("n").GetString());
        Assert.True(ph.GetProperty("p").GetBoolean());
        Assert.Equal("PostHog", json.GetProperty("services").GetProperty("posthog").GetString());
        Assert.Equal("Alle ablehnen", json.GetProperty("texts").GetProperty("de").GetProperty("reject_all").GetString());
    }

    [Theory]
    [InlineData(null, "en")]
    [InlineData("es-ES, de;q=0.8, xx, fr;q=0", "de,en,es")]
    [InlineData("ar, pl;q=0.9, sv;q=0.8, da;q=0.7, nl;q=0.6", "ar,en,pl,sv")]
    [InlineData("*", "en")]
    public async Task ConfigCarriesTextsOnlyInTheLanguagesInUse(string? acceptLanguage, string expected)
    {
        // The site's language (English here) and up to three the browser asks for, no more: no pack for anyone else.
        await using var site = await TestSite.StartAsync(TestSite.Example("claimcmr"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/consentry/config.json");
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        using var response = await site.Client.SendAsync(request, TestContext.Current.CancellationToken);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal(expected, string.Join(",", json.GetProperty("texts").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)));
        Assert.Contains("Accept-Language", response.Headers.Vary);
    }

    [Fact]
    public async Task ANecessaryOnlySiteSaysNoBannerIsRequired()
    {
        await using var site = await TestSite.StartAsync(TestSite.Example("casemgmt"));
        var json = JsonDocument.Parse(await site.Client.GetStringAsync("/consentry/config.json", TestContext.Current.CancellationToken)).RootElement;
        Assert.False(json.GetProperty("bannerRequired").GetBoolean());
        Assert.Equal(["necessary"], json.GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task PolicyIsServedInTheRequestedLanguage()
    {
        await using var site = await TestSite.StartAsync(TestSite.Example("claimcmr"));
        Assert.Contains("<html lang=\"en\" dir=\"ltr\">", await site.Client.GetStringAsync("/consentry/policy", TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("Cookie-Richtlinie", await site.Client.GetStringAsync("/consentry/policy?lang=de", TestContext.Current.CancellationToken), StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/consentry/policy");
        request.Headers.Add("Accept-Language", "tlh;q=1, fr;q=0.8");
        using var response = await site.Client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Contains("Politique relative aux cookies", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        using var unknown = await site.Client.GetAsync("/consentry/policy?lang=xx", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task PolicyJsonIsServed()
    {
        await using var site = await TestSite.StartAsync(TestSite.Example("clinixai"));
        var json = JsonDocument.Parse(await site.Client.GetStringAsync("/consentry/policy.json", TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("consentry-policy/1", json.GetProperty("schema").GetString());
    }

    [Fact]
    public async Task ThePathBaseIsConfigurable()
    {
        await using var site = await TestSite.StartAsync(TestSite.Example("claimcmr"), o => o.PathBase = "/_privacy");
        using var response = await site.Client.GetAsync("/_privacy/config.json", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"policyUrl\":\"/_privacy/policy\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
