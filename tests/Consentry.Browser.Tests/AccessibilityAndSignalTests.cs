using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Consentry.Browser.Tests;

public sealed class AccessibilityAndSignalTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("claimcmr", ColorScheme.Light)]
    [InlineData("claimcmr", ColorScheme.Dark)]
    [InlineData("clinixai", ColorScheme.Light)]
    [InlineData("clinixai", ColorScheme.Dark)]
    public async Task AxeFindsNoViolationsInTheBannerOrThePreferences(string site, ColorScheme scheme)
    {
        await using var v = await Visit.StartAsync(fixture, scheme);
        await v.GoAsync(fixture.Demo(site));
        var first = await v.Banner.RunAxe();
        Assert.True(first.Violations.Length == 0, string.Join("; ", first.Violations.Select(x => $"{x.Id}: {x.Help}")));
        await v.ScreenshotAsync($"{site}-banner-{scheme.ToString().ToLowerInvariant()}");
        await v.ClickAsync("Customise");
        var prefs = await v.Banner.RunAxe();
        Assert.True(prefs.Violations.Length == 0, string.Join("; ", prefs.Violations.Select(x => $"{x.Id}: {x.Help}")));
        await v.ScreenshotAsync($"{site}-preferences-{scheme.ToString().ToLowerInvariant()}");
    }

    [Fact]
    public async Task SizesFollowTheVisitorsFontSize()
    {
        await using var v = await Visit.StartAsync(fixture);
        await v.GoAsync(fixture.Demo("claimcmr"));
        var before = await v.Page.Locator(".cy h2").EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)");
        await v.Page.EvaluateAsync("() => document.documentElement.style.fontSize = '32px'");
        var after = await v.Page.Locator(".cy h2").EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)");
        Assert.Equal(before * 2, after, 1);
    }

    [Fact]
    public async Task GlobalPrivacyControlDeniesMarketingAndTellsTheVisitor()
    {
        await using var v = await Visit.StartAsync(fixture, gpc: true);
        await v.GoAsync(fixture.CustomSite);
        await Assertions.Expect(v.Page.GetByText("Global Privacy Control signal was honoured")).ToBeVisibleAsync();
        await v.ScreenshotAsync("shop-gpc");
        await v.ClickAsync("Accept all");
        var consent = await v.ConsentAsync("shop_consent");
        Assert.DoesNotContain("marketing", consent.GetProperty("c").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("analytics", consent.GetProperty("c").EnumerateArray().Select(e => e.GetString()));
        Assert.True(await v.Page.EvaluateAsync<bool>("() => window.statsRan === true"));
        Assert.False(await v.Page.EvaluateAsync<bool>("() => window.adsRan === true"));
        Assert.False(await v.HasCookieAsync("ad_id"));
        await v.Page.GetByRole(AriaRole.Button, new() { Name = "Cookie settings" }).ClickAsync();
        await Assertions.Expect(v.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Marketing", Exact = true })).ToBeDisabledAsync();
    }

    [Fact]
    public async Task WithoutGpcMarketingCanBeAccepted()
    {
        await using var v = await Visit.StartAsync(fixture);
        await v.GoAsync(fixture.CustomSite);
        await Assertions.Expect(v.Page.GetByText("Global Privacy Control")).ToHaveCountAsync(0);
        await v.ClickAsync("Accept all");
        Assert.True(await v.Page.EvaluateAsync<bool>("() => window.adsRan === true"));
        Assert.True(await v.HasCookieAsync("ad_id"));
    }

    [Fact]
    public async Task ATagManagerReadsConsentModeDefaultsBeforeAnyTagAndAnEventAfterEveryChoice()
    {
        await using var v = await Visit.StartAsync(fixture);
        await v.GoAsync(new Uri(fixture.CustomSite, "/gtm"));
        await v.Page.WaitForFunctionAsync("() => window.gtmSeen && window.gtmSeen.events.length > 0");
        var seen = await SeenAsync(v);
        Assert.Equal(0, seen.GetProperty("ignored").GetInt32());
        var first = seen.GetProperty("commands")[0];
        Assert.Equal(["consent", "default"], [first[0].GetString(), first[1].GetString()]);
        Assert.Equal("denied", first[2].GetProperty("ad_storage").GetString());
        Assert.Equal("granted", first[2].GetProperty("security_storage").GetString());
        Assert.Equal(500, first[2].GetProperty("wait_for_update").GetInt32());
        Assert.Equal(["necessary"], Categories(seen.GetProperty("events")[0]));

        await v.ClickAsync("Accept all");
        await v.Page.WaitForFunctionAsync("() => window.gtmSeen.events.length > 1");
        seen = await SeenAsync(v);
        var update = seen.GetProperty("commands").EnumerateArray().Last();
        Assert.Equal(["consent", "update"], [update[0].GetString(), update[1].GetString()]);
        Assert.Equal("granted", update[2].GetProperty("analytics_storage").GetString());
        Assert.Equal("granted", update[2].GetProperty("ad_user_data").GetString());
        var accepted = seen.GetProperty("events").EnumerateArray().Last();
        Assert.Equal("consentry_consent_update", accepted.GetProperty("event").GetString());
        Assert.Equal(["necessary", "functional", "analytics", "marketing"], Categories(accepted));

        await v.Page.GetByRole(AriaRole.Button, new() { Name = "Cookie settings" }).ClickAsync();
        await v.ClickAsync("Reject all");
        await v.Page.WaitForFunctionAsync("() => window.gtmSeen.events.length > 2");
        seen = await SeenAsync(v);
        Assert.Equal("denied", seen.GetProperty("commands").EnumerateArray().Last()[2].GetProperty("ad_storage").GetString());
        Assert.Equal(["necessary"], Categories(seen.GetProperty("events").EnumerateArray().Last()));
        Assert.Equal(0, seen.GetProperty("ignored").GetInt32());
    }

    private static async Task<System.Text.Json.JsonElement> SeenAsync(Visit v) =>
        System.Text.Json.JsonDocument.Parse(await v.Page.EvaluateAsync<string>("() => JSON.stringify(window.gtmSeen)")).RootElement;

    private static string?[] Categories(System.Text.Json.JsonElement e) =>
        [.. e.GetProperty("consentry_categories").EnumerateArray().Select(c => c.GetString())];

    [Fact]
    public async Task AnEmbedWaitsBehindAPlaceholderUntilAllowed()
    {
        await using var v = await Visit.StartAsync(fixture);
        await v.GoAsync(fixture.CustomSite);
        Assert.DoesNotContain(v.Requests, u => u.EndsWith("/video", StringComparison.Ordinal));
        await v.ClickAsync("Reject all");
        await v.ClickAsync("Allow Functional content");
        await Assertions.Expect(v.Page.Locator("iframe[title='Product video']")).ToBeVisibleAsync();
        Assert.Contains(v.Requests, u => u.EndsWith("/video", StringComparison.Ordinal));
        Assert.Contains("functional", (await v.ConsentAsync("shop_consent")).GetProperty("c").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("de", "Alle ablehnen")]
    [InlineData("fr", "Tout refuser")]
    [InlineData("en", "Reject all")]
    public async Task TheBannerSpeaksThePagesLanguage(string lang, string reject)
    {
        await using var v = await Visit.StartAsync(fixture);
        await v.GoAsync(new Uri(fixture.CustomSite, "/?lang=" + lang));
        await Assertions.Expect(v.Page.GetByRole(AriaRole.Button, new() { Name = reject })).ToBeVisibleAsync();
        Assert.Equal(lang, await v.Banner.GetAttributeAsync("lang"));
    }

    [Fact]
    public async Task TheFloatingButtonReopensPreferencesAndFocusReturnsAfterwards()
    {
        await using var v = await Visit.StartAsync(fixture);
        await v.GoAsync(fixture.CustomSite);
        await v.ClickAsync("Accept all");
        var fab = v.Page.GetByRole(AriaRole.Button, new() { Name = "Cookie settings" });
        await fab.FocusAsync();
        await v.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(v.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Analytics", Exact = true })).ToBeCheckedAsync();
        await v.Page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(v.Banner).ToHaveCountAsync(0);
        Assert.Equal("Cookie settings", await v.Page.EvaluateAsync<string>("() => document.activeElement.textContent"));
    }

    [Fact]
    public async Task WithdrawingACategoryDeletesItsStorageKeysAndPrefixedCookies()
    {
        await using var v = await Visit.StartAsync(fixture);
        await v.GoAsync(fixture.CustomSite);
        await v.ClickAsync("Accept all");
        await v.Page.EvaluateAsync("() => { localStorage.setItem('vid_pref', '0.5'); localStorage.setItem('unrelated', 'x'); document.cookie = 'st_second=1; Path=/'; }");
        await v.Page.GetByRole(AriaRole.Button, new() { Name = "Cookie settings" }).ClickAsync();
        await v.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Functional", Exact = true }).UncheckAsync();
        await v.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Analytics", Exact = true }).UncheckAsync();
        await v.ClickAsync("Save choices");
        Assert.Null(await v.LocalAsync("vid_pref"));
        Assert.Equal("x", await v.LocalAsync("unrelated"));
        Assert.False(await v.HasCookieAsync("st_"));
        Assert.True(await v.HasCookieAsync("ad_id"));
    }

    [Theory]
    [InlineData("claimcmr", "")]
    [InlineData("clinixai", "?lang=de")]
    public async Task ThePolicyPageRendersStyledUnderItsOwnStrictCsp(string site, string query)
    {
        await using var v = await Visit.StartAsync(fixture);
        var response = await v.Page.GotoAsync(fixture.Demo(site, "/consentry/policy" + query).ToString());
        Assert.StartsWith("default-src 'none'", response!.Headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Empty(await v.CspViolationsAsync());
        // A style the CSP refused leaves its element without a sheet.
        Assert.True(await v.Page.EvaluateAsync<bool>("() => [...document.querySelectorAll('style')].every(s => s.sheet && s.sheet.cssRules.length > 0)"));
        await v.ScreenshotAsync($"{site}-policy-page");
    }

    [Fact]
    public async Task ScriptsReleasedByConsentRunInDocumentOrder()
    {
        await using var v = await Visit.StartAsync(fixture);
        await v.GoAsync(new Uri(fixture.CustomSite, "/ordered"));
        await v.ClickAsync("Accept all");
        await v.Page.WaitForFunctionAsync("() => (window.order || []).length === 2");
        Assert.Equal(["library", "inline sees object"], await v.Page.EvaluateAsync<string[]>("() => window.order"));
    }
}
