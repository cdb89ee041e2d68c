using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Consentry.AspNetCore.Tests;

public sealed class EnforcementTests
{
    private static readonly string ClaimCmr = TestSite.Example("claimcmr");

    [Fact]
    public async Task WithoutConsentTheAnalyticsSetCookieIsDroppedAndNecessaryOnesPass()
    {
        await using var site = await TestSite.StartAsync(ClaimCmr);
        var headers = await site.SetCookiesAsync("session_token,ph_phc_abc_posthog,claimcmr_cookie_consent");
        Assert.Contains(headers, h => h.StartsWith("session_token=v;", StringComparison.Ordinal));
        Assert.Contains(headers, h => h.StartsWith("claimcmr_cookie_consent=v;", StringComparison.Ordinal));
        Assert.DoesNotContain(headers, h => h.StartsWith("ph_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RejectAllRemovesAnalyticsCookiesFromResponses()
    {
        await using var site = await TestSite.StartAsync(ClaimCmr);
        var rejected = "claimcmr_cookie_consent=" + TestSite.ConsentCookie(1, ["necessary"], []);
        var headers = await site.SetCookiesAsync("ph_phc_abc_posthog", rejected);
        Assert.Empty(headers);
    }

    [Fact]
    public async Task GrantedAnalyticsLetsTheCookieThrough()
    {
        await using var site = await TestSite.StartAsync(ClaimCmr);
        var granted = "claimcmr_cookie_consent=" + TestSite.ConsentCookie(1, ["necessary", "analytics"], ["posthog"]);
        var headers = await site.SetCookiesAsync("ph_phc_abc_posthog", granted);
        Assert.Single(headers, h => h.StartsWith("ph_phc_abc_posthog=v;", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACategoryGrantedWithoutItsServiceStillDropsTheServicesCookie()
    {
        await using var site = await TestSite.StartAsync(ClaimCmr);
        var categoryOnly = "claimcmr_cookie_consent=" + TestSite.ConsentCookie(1, ["necessary", "analytics"], []);
        Assert.Empty(await site.SetCookiesAsync("ph_phc_abc_posthog", categoryOnly));
    }

    [Fact]
    public async Task ConsentForAnOlderRevisionCountsAsNoConsent()
    {
        await using var site = await TestSite.StartAsync(ClaimCmr);
        var stale = "claimcmr_cookie_consent=" + TestSite.ConsentCookie(0, ["necessary", "analytics"], ["posthog"]);
        Assert.Empty(await site.SetCookiesAsync("ph_phc_abc_posthog", stale));
    }

    [Fact]
    public async Task ATamperedConsentCookieCountsAsNoConsent()
    {
        await using var site = await TestSite.StartAsync(ClaimCmr);
        Assert.Empty(await site.SetCookiesAsync("ph_x", "claimcmr_cookie_consent=%7Bnot-json"));
    }

    [Theory]
    [InlineData("a=1; {granted}; b=2", true)]
    [InlineData("a=1;{granted}", true)]
    [InlineData("claimcmr_cookie_consent=\"{value}\"", true)]
    [InlineData("{granted}%20x", false)]
    [InlineData("xclaimcmr_cookie_consent={value}", false)]
    [InlineData("claimcmr_cookie_consent={stale}; {granted}", true)]
    [InlineData("claimcmr_cookie_consent={refusedLater}; {granted}", false)]
    [InlineData("{granted}; claimcmr_cookie_consent={refusedLater}", false)]
    [InlineData("claimcmr_cookie_consent={refusedEarlier}; {granted}", true)]
    [InlineData("claimcmr_cookie_consent=%7B%22v%22%3A%221%22%2C%22id%22%3A%22x%22%2C%22r%22%3A1%2C%22c%22%3A%5B%22analytics%22%5D%2C%22s%22%3A%5B%22posthog%22%5D%7D", false)]
    [InlineData("claimcmr_cookie_consent=%FF%FE", false)]
    public async Task TheConsentCookieIsReadWhereverItSitsAndAnythingMalformedGrantsNothing(string header, bool granted)
    {
        // The consent cookie is found in the Cookie header by scanning and read in one pass. Of two of its name (host-only
        // and domain-wide, see consent.domain), the current choice changed last counts.
        await using var site = await TestSite.StartAsync(ClaimCmr);
        var value = TestSite.ConsentCookie(1, ["necessary", "analytics"], ["posthog"]);
        var cookie = header.Replace("{granted}", "claimcmr_cookie_consent=" + value, StringComparison.Ordinal).Replace("{value}", value, StringComparison.Ordinal)
            .Replace("{stale}", TestSite.ConsentCookie(0, ["necessary", "analytics"], ["posthog"]), StringComparison.Ordinal)
            .Replace("{refusedLater}", TestSite.ConsentCookie(1, ["necessary"], [], changed: 1764000000001), StringComparison.Ordinal)
            .Replace("{refusedEarlier}", TestSite.ConsentCookie(1, ["necessary"], [], changed: 1763999999999), StringComparison.Ordinal);
        Assert.Equal(granted, (await site.SetCookiesAsync("ph_phc_abc_posthog", cookie)).Length == 1);
    }

    [Fact]
    public async Task DroppingIsLoggedOncePerName()
    {
        await using var site = await TestSite.StartAsync(ClaimCmr);
        await site.SetCookiesAsync("ph_one");
        await site.SetCookiesAsync("ph_one");
        Assert.Single(site.Logs.Entries, e => e.EventId == 7101 && e.Message.Contains("'ph_one'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUndeclaredCookieIsAWarningLoggedOnce()
    {
        await using var site = await TestSite.StartAsync(ClaimCmr);
        await site.SetCookiesAsync("mystery");
        await site.SetCookiesAsync("mystery");
        var warning = Assert.Single(site.Logs.Entries, e => e.EventId == 7102);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("'mystery'", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StrictModeFailsOnAnUndeclaredCookieInDevelopment()
    {
        await using var site = await TestSite.StartAsync(ClaimCmr, o => o.StrictUndeclaredCookies = true, "Development");
        using var response = await site.Client.GetAsync("/set?names=mystery", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("not declared", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StrictModeOnlyWarnsOutsideDevelopment()
    {
        await using var site = await TestSite.StartAsync(ClaimCmr, o => o.StrictUndeclaredCookies = true);
        await site.SetCookiesAsync("mystery");
        Assert.Single(site.Logs.Entries, e => e.EventId == 7102);
    }

    [Fact]
    public async Task AnUndeclaredCookieFollowsAspNetCoresOwnConsentRule()
    {
        await using var site = await TestSite.StartAsync(ClaimCmr);
        Assert.Empty(await site.SetCookiesAsync("mystery"));
        Assert.Single(await site.SetCookiesAsync("mystery", essential: true));
    }

    [Fact]
    public async Task AnUndeclaredCookiePassesWhereNothingNeedsConsent()
    {
        await using var site = await TestSite.StartAsync(TestSite.Example("casemgmt"));
        Assert.Single(await site.SetCookiesAsync("mystery"));
    }

    [Fact]
    public async Task GetConsentTellsAppCodeWhatIsGranted()
    {
        await using var site = await TestSite.StartAsync(ClaimCmr);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/consent");
        request.Headers.Add("Cookie", "claimcmr_cookie_consent=" + TestSite.ConsentCookie(1, ["necessary", "analytics"], ["posthog"]));
        using var response = await site.Client.SendAsync(request, TestContext.Current.CancellationToken);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(json.GetProperty("hasChoice").GetBoolean());
        Assert.Equal(["analytics", "necessary"], json.GetProperty("categories").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("custom", json.GetProperty("method").GetString());

        var none = await site.Client.GetFromJsonAsync<JsonElement>("/consent", TestContext.Current.CancellationToken);
        Assert.False(none.GetProperty("hasChoice").GetBoolean());
        Assert.Equal(["necessary"], none.GetProperty("categories").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("41", 41L)]
    [InlineData("-1", null)]
    [InlineData("\"41\"", null)]
    [InlineData("1e300", null)]
    public async Task GetConsentNamesTheChoicesReceiptInTheLogWhenTheBannerKeptIt(string x, long? expected)
    {
        await using var site = await TestSite.StartAsync(ClaimCmr);
        var cookie = Uri.EscapeDataString("{\"v\":1,\"id\":\"0123456789abcdef0123456789abcdef\",\"r\":1,\"c\":[\"necessary\"],\"s\":[],\"t\":1764000000000,\"u\":1764000000000,\"m\":\"reject-all\",\"l\":\"en\",\"x\":" + x + "}");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/consent");
        request.Headers.Add("Cookie", "claimcmr_cookie_consent=" + cookie);
        using var response = await site.Client.SendAsync(request, TestContext.Current.CancellationToken);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(json.GetProperty("hasChoice").GetBoolean());
        Assert.Equal(expected, json.GetProperty("leafIndex").ValueKind == JsonValueKind.Null ? null : json.GetProperty("leafIndex").GetInt64());
    }

    [Fact]
    public async Task TrackingConsentFeatureAnswersFromTheChoice()
    {
        await using var site = await TestSite.StartAsync(ClaimCmr);
        var before = await site.Client.GetFromJsonAsync<JsonElement>("/tracking", TestContext.Current.CancellationToken);
        Assert.True(before.GetProperty("isConsentNeeded").GetBoolean());
        Assert.False(before.GetProperty("canTrack").GetBoolean());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/tracking");
        request.Headers.Add("Cookie", "claimcmr_cookie_consent=" + TestSite.ConsentCookie(1, ["necessary", "analytics"], ["posthog"]));
        using var response = await site.Client.SendAsync(request, TestContext.Current.CancellationToken);
        var after = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(after.GetProperty("hasConsent").GetBoolean());
        Assert.True(after.GetProperty("canTrack").GetBoolean());
    }

    [Fact]
    public async Task ASiteWithOnlyNecessaryCookiesNeverDropsThem()
    {
        await using var site = await TestSite.StartAsync(TestSite.Example("casemgmt"));
        var headers = await site.SetCookiesAsync("__Secure-authjs.session-token,__Host-authjs.csrf-token");
        Assert.Equal(2, headers.Length);
        var tracking = await site.Client.GetFromJsonAsync<JsonElement>("/tracking", TestContext.Current.CancellationToken);
        Assert.False(tracking.GetProperty("isConsentNeeded").GetBoolean());
    }

    [Fact]
    public async Task AnInvalidManifestStopsStartUpListingItsErrors()
    {
        var path = Path.Combine(Path.GetTempPath(), $"consentry-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, "site: { name: X }\n", TestContext.Current.CancellationToken);
        try
        {
            var e = await Assert.ThrowsAnyAsync<Exception>(() => TestSite.StartAsync(path));
            Assert.Contains("CN0112", e.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
