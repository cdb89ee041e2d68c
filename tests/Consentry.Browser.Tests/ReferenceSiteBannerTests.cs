using System.Text.Json;
using Microsoft.Playwright;

namespace Consentry.Browser.Tests;

/// <summary>The four reference sites in real Chromium: each gets exactly the consent experience its policy promises.</summary>
public sealed class ReferenceSiteBannerTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("casemgmt", "/settings")]
    [InlineData("connectwyze", "/workspace")]
    public async Task SitesWithOnlyEssentialItemsShowNoBanner(string site, string path)
    {
        await using var v = await Visit.StartAsync(fixture);
        await v.GoAsync(fixture.Demo(site, "/signin"));
        await v.GoAsync(fixture.Demo(site, path));
        Assert.Equal(0, await v.Banner.CountAsync());
        Assert.NotEmpty(await v.CookiesAsync());
        await v.ScreenshotAsync($"{site}-no-banner");
    }

    [Theory]
    [InlineData("claimcmr")]
    [InlineData("clinixai")]
    public async Task SitesWithNonEssentialItemsShowTheBannerOnTheFirstVisit(string site)
    {
        await using var v = await Visit.StartAsync(fixture);
        await v.GoAsync(fixture.Demo(site));
        await Assertions.Expect(v.Banner).ToBeVisibleAsync();
        await Assertions.Expect(v.Page.GetByRole(AriaRole.Dialog)).ToHaveAccessibleNameAsync($"Cookies on {(site == "claimcmr" ? "ClaimCMR" : "ClinixAI")}");
        await v.ScreenshotAsync($"{site}-first-visit");
    }

    [Fact]
    public async Task AcceptAndRejectHaveEqualProminence()
    {
        await using var v = await Visit.StartAsync(fixture);
        await v.GoAsync(fixture.Demo("claimcmr"));
        var accept = v.Page.GetByRole(AriaRole.Button, new() { Name = "Accept all" });
        var reject = v.Page.GetByRole(AriaRole.Button, new() { Name = "Reject all" });
        var style = "e => { const s = getComputedStyle(e); return [s.backgroundColor, s.color, s.fontSize, s.fontWeight, s.borderWidth, s.paddingTop].join('|'); }";
        Assert.Equal(await accept.EvaluateAsync<string>(style), await reject.EvaluateAsync<string>(style));
        var a = (await accept.BoundingBoxAsync())!;
        var r = (await reject.BoundingBoxAsync())!;
        Assert.Equal(a.Height, r.Height, 1);
    }

    [Fact]
    public async Task TheGatedAnalyticsScriptIsNotRequestedBeforeConsent()
    {
        await using var v = await Visit.StartAsync(fixture);
        await v.GoAsync(fixture.Demo("claimcmr"));
        await v.GoAsync(fixture.Demo("claimcmr", "/checkout"));
        Assert.DoesNotContain(v.Requests, u => u.Contains("posthog", StringComparison.Ordinal));
        Assert.DoesNotContain(v.Requests, u => u.EndsWith("/ingest", StringComparison.Ordinal));
        Assert.False(await v.HasCookieAsync("ph_"));
    }

    [Fact]
    public async Task AcceptAllRunsAnalyticsAndRemembersTheChoice()
    {
        await using var v = await Visit.StartAsync(fixture);
        await v.GoAsync(fixture.Demo("claimcmr"));
        await v.ClickAsync("Accept all");
        await Assertions.Expect(v.Page.Locator("html[data-posthog=loaded]")).ToHaveCountAsync(1);
        Assert.True(await v.HasCookieAsync("ph_phc_demo_posthog"));
        Assert.Contains(v.Requests, u => u.EndsWith("/ingest", StringComparison.Ordinal));
        var consent = await v.ConsentAsync("claimcmr_cookie_consent");
        Assert.Equal(["necessary", "analytics"], consent.GetProperty("c").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["posthog"], consent.GetProperty("s").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(1, consent.GetProperty("r").GetInt32());
        Assert.Equal("accept-all", consent.GetProperty("m").GetString());
        Assert.Equal(32, consent.GetProperty("id").GetString()!.Length);
        Assert.Equal(0, await v.Banner.CountAsync());
        await v.GoAsync(fixture.Demo("claimcmr", "/checkout"));
        Assert.Equal(0, await v.Banner.CountAsync());
    }

    [Theory]
    [InlineData("claimcmr", "/checkout", "claimcmr_cookie_consent", "posthog")]
    [InlineData("clinixai", "/dashboard", "clinixai-cookie-consent", "clinixai-preferences")]
    public async Task RejectAllKeepsEverythingOptionalOffAndIsRememberedLikeAConsent(string site, string page, string consentCookie, string gatedScript)
    {
        await using var v = await Visit.StartAsync(fixture);
        await v.GoAsync(fixture.Demo(site));
        await v.ClickAsync("Reject all");
        await v.GoAsync(fixture.Demo(site, page));
        Assert.Equal(0, await v.Banner.CountAsync());
        Assert.False(await v.HasCookieAsync("ph_"));
        Assert.Null(await v.LocalAsync("clinixai-role-preference"));
        Assert.DoesNotContain(v.Requests, u => u.Contains(gatedScript, StringComparison.Ordinal));
        var consent = await v.ConsentAsync(consentCookie);
        Assert.Equal(["necessary"], consent.GetProperty("c").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("reject-all", consent.GetProperty("m").GetString());
    }

    [Fact]
    public async Task WithdrawingThroughCookieSettingsDeletesAnalyticsCookiesAndStorageAtOnce()
    {
        await using var v = await Visit.StartAsync(fixture);
        await v.GoAsync(fixture.Demo("claimcmr"));
        await v.ClickAsync("Accept all");
        await Assertions.Expect(v.Page.Locator("html[data-posthog=loaded]")).ToHaveCountAsync(1);
        Assert.True(await v.HasCookieAsync("ph_phc_demo_posthog"));

        await v.Page.GetByRole(AriaRole.Link, new() { Name = "Cookie settings" }).ClickAsync();
        await Assertions.Expect(v.Banner).ToBeVisibleAsync();
        var analytics = v.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Analytics", Exact = true });
        await Assertions.Expect(analytics).ToBeCheckedAsync();
        await v.ScreenshotAsync("claimcmr-preferences");
        await analytics.UncheckAsync();
        await v.ClickAsync("Save choices");

        Assert.False(await v.HasCookieAsync("ph_"));
        Assert.True(await v.HasCookieAsync("claimcmr_cookie_consent"));
        var consent = await v.ConsentAsync("claimcmr_cookie_consent");
        Assert.Equal(["necessary"], consent.GetProperty("c").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("custom", consent.GetProperty("m").GetString());
    }

    [Fact]
    public async Task CustomiseHasNothingPreTickedExceptTheLockedNecessaryCategory()
    {
        await using var v = await Visit.StartAsync(fixture);
        await v.GoAsync(fixture.Demo("claimcmr"));
        await v.ClickAsync("Customise");
        var necessary = v.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Strictly necessary (Always on)" });
        await Assertions.Expect(necessary).ToBeCheckedAsync();
        await Assertions.Expect(necessary).ToBeDisabledAsync();
        await Assertions.Expect(v.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Analytics", Exact = true })).Not.ToBeCheckedAsync();
        await Assertions.Expect(v.Page.GetByRole(AriaRole.Checkbox, new() { Name = "PostHog" })).Not.ToBeCheckedAsync();
        await v.ScreenshotAsync("claimcmr-customise");
        await v.Page.GetByRole(AriaRole.Checkbox, new() { Name = "PostHog" }).CheckAsync();
        await v.ClickAsync("Save choices");
        await Assertions.Expect(v.Page.Locator("html[data-posthog=loaded]")).ToHaveCountAsync(1);
        var consent = await v.ConsentAsync("claimcmr_cookie_consent");
        Assert.Equal(["posthog"], consent.GetProperty("s").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task ARaisedRevisionAsksAgainAndOldConsentNoLongerCounts()
    {
        await using var v = await Visit.StartAsync(fixture);
        var stale = Uri.EscapeDataString(JsonSerializer.Serialize(new { v = 1, id = "00000000000000000000000000000000", r = 0, c = new[] { "necessary", "analytics" }, s = new[] { "posthog" }, t = 1, u = 1, m = "accept-all", l = "en" }));
        await v.Context.AddCookiesAsync([new Cookie { Name = "claimcmr_cookie_consent", Value = stale, Domain = "claimcmr.localhost", Path = "/" }]);
        await v.GoAsync(fixture.Demo("claimcmr"));
        await Assertions.Expect(v.Banner).ToBeVisibleAsync();
        Assert.DoesNotContain(v.Requests, u => u.Contains("posthog", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheChoiceCanBeMadeWithTheKeyboardAlone()
    {
        await using var v = await Visit.StartAsync(fixture);
        await v.GoAsync(fixture.Demo("claimcmr"));
        Assert.True(await v.Page.EvaluateAsync<bool>("() => document.activeElement === document.querySelector('.cy')"), "focus moves into the banner");
        for (var i = 0; i < 6 && await v.Page.EvaluateAsync<string>("() => document.activeElement.textContent") != "Reject all"; i++)
        {
            await v.Page.Keyboard.PressAsync("Tab");
        }

        await v.ScreenshotAsync("claimcmr-keyboard-focus");
        await v.Page.Keyboard.PressAsync("Enter");
        Assert.Equal("reject-all", (await v.ConsentAsync("claimcmr_cookie_consent")).GetProperty("m").GetString());
        Assert.Equal(0, await v.Banner.CountAsync());
    }

    [Fact]
    public async Task ClinixAiFunctionalPreferencesWaitForConsent()
    {
        await using var v = await Visit.StartAsync(fixture);
        await v.GoAsync(fixture.Demo("clinixai", "/dashboard"));
        Assert.Null(await v.LocalAsync("clinixai-role-preference"));
        Assert.DoesNotContain(v.Requests, u => u.Contains("clinixai-preferences", StringComparison.Ordinal));
        await v.ClickAsync("Accept all");
        await Assertions.Expect(v.Page.Locator("html[data-preferences=loaded]")).ToHaveCountAsync(1);
        Assert.Equal("clinician", await v.LocalAsync("clinixai-role-preference"));
        await v.Page.EvaluateAsync("() => window.consentry.reset()");
        Assert.Null(await v.LocalAsync("clinixai-role-preference"));
        await Assertions.Expect(v.Banner).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TheStrictCspOfTheDemoPagesReportsNoViolations()
    {
        await using var v = await Visit.StartAsync(fixture);
        await v.GoAsync(fixture.Demo("claimcmr"));
        await v.ClickAsync("Accept all");
        await Assertions.Expect(v.Page.Locator("html[data-posthog=loaded]")).ToHaveCountAsync(1);
        Assert.Empty(await v.CspViolationsAsync());
        Assert.DoesNotContain(v.Console, m => m.Contains("Content Security Policy", StringComparison.Ordinal));
    }
}
