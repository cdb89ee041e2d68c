using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Consentry.Browser.Tests;

/// <summary>The banner in a right-to-left language, in dark mode and on a phone: readable, mirrored, and clean for axe.</summary>
public sealed class LanguageBrowserTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData(ColorScheme.Light, 1000, 700, "shop-banner-ar")]
    [InlineData(ColorScheme.Dark, 1000, 700, "shop-banner-ar-dark")]
    [InlineData(ColorScheme.Light, 360, 740, "shop-banner-ar-phone")]
    public async Task AnArabicBannerReadsRightToLeftOnALeftToRightPage(ColorScheme scheme, int width, int height, string screenshot)
    {
        await using var v = await Visit.StartAsync(fixture, scheme, viewport: new ViewportSize { Width = width, Height = height });
        await v.GoAsync(new Uri(fixture.CustomSite, "/?lang=ar"));
        var accept = v.Page.GetByRole(AriaRole.Button, new() { Name = "قبول الكل" });
        var reject = v.Page.GetByRole(AriaRole.Button, new() { Name = "رفض الكل" });
        await Assertions.Expect(reject).ToBeVisibleAsync();
        Assert.Equal("ltr", await v.Page.EvaluateAsync<string>("() => getComputedStyle(document.body).direction"));
        Assert.Equal("rtl", await v.Banner.EvaluateAsync<string>("e => getComputedStyle(e).direction"));

        // Mirrored: the first button (Accept all) starts at the right, and the heading's text ends there too.
        var a = (await accept.BoundingBoxAsync())!;
        var r = (await reject.BoundingBoxAsync())!;
        Assert.True(a.X + a.Width >= r.X + r.Width, $"Accept all ends at {a.X + a.Width}, Reject all at {r.X + r.Width}");
        var banner = (await v.Banner.BoundingBoxAsync())!;
        Assert.True(banner.X >= 0 && banner.X + banner.Width <= width, $"the banner ({banner.X}..{banner.X + banner.Width}) leaves the {width} px screen");
        await AssertAxeCleanAsync(v);
        await v.ScreenshotAsync(screenshot);

        await v.ClickAsync("تخصيص");
        await Assertions.Expect(v.Page.GetByRole(AriaRole.Checkbox, new() { Name = "تحليلات" })).ToBeVisibleAsync();
        await AssertAxeCleanAsync(v);
        await v.ScreenshotAsync(screenshot + "-preferences");
    }

    [Fact]
    public async Task OnAPhoneTheBannerFitsTheScreenAndEveryButtonCanBeReached()
    {
        await using var v = await Visit.StartAsync(fixture, viewport: new ViewportSize { Width = 360, Height = 640 });
        await v.GoAsync(fixture.Demo("claimcmr"));
        var banner = (await v.Banner.BoundingBoxAsync())!;
        Assert.True(banner.X >= 0 && banner.X + banner.Width <= 360 && banner.Y >= 0 && banner.Y + banner.Height <= 640, $"banner at {banner.X},{banner.Y} {banner.Width}×{banner.Height}");
        await AssertAxeCleanAsync(v);
        await v.ScreenshotAsync("claimcmr-banner-phone");
        await v.ClickAsync("Customise");
        var save = v.Page.GetByRole(AriaRole.Button, new() { Name = "Save choices" });
        await save.ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(save).ToBeInViewportAsync();
        await AssertAxeCleanAsync(v);
        await v.ScreenshotAsync("claimcmr-preferences-phone");
    }

    [Theory]
    [InlineData("en", "What changed since you last chose: Video volume is now kept only with functional consent.", "Accept all")]
    [InlineData("de", "Was sich seit Ihrer letzten Wahl geändert hat: Die Videolautstärke wird nur noch mit Einwilligung in funktionale Cookies gespeichert.", "Alle akzeptieren")]
    public async Task ANewRevisionThatAsksAgainSaysWhatChanged(string lang, string line, string accept)
    {
        await using var v = await Visit.StartAsync(fixture);
        var page = new Uri(fixture.CustomSite, "/?lang=" + lang);
        await v.GoAsync(page);
        await Assertions.Expect(v.Page.GetByRole(AriaRole.Button, new() { Name = accept })).ToBeVisibleAsync();
        await Assertions.Expect(v.Banner.GetByText(line)).ToHaveCountAsync(0);

        // A choice made under revision 1: the shop is at revision 2 now, so the banner asks again and says why.
        var old = Uri.EscapeDataString(System.Text.Json.JsonSerializer.Serialize(new { v = 1, id = "0000000000000000000000000000000a", r = 1, c = new[] { "necessary", "functional" }, s = new[] { "video" }, t = 1, u = 1, m = "custom", l = lang }));
        await v.Context.AddCookiesAsync([new Cookie { Name = "shop_consent", Value = old, Url = fixture.CustomSite.ToString() }]);
        await v.GoAsync(page);
        await Assertions.Expect(v.Banner.GetByText(line)).ToBeVisibleAsync();
        await AssertAxeCleanAsync(v);
        await v.ScreenshotAsync($"shop-banner-renewed-{lang}");
        await v.ClickAsync(accept);
        Assert.Equal("renewed", (await v.ConsentAsync("shop_consent")).GetProperty("m").GetString());

        // Answered: the preferences opened again on this page no longer say what changed.
        await v.Page.EvaluateAsync("() => window.consentry.open()");
        await Assertions.Expect(v.Page.GetByRole(AriaRole.Button, new() { Name = accept })).ToBeVisibleAsync();
        await Assertions.Expect(v.Banner.GetByText(line)).ToHaveCountAsync(0);
    }

    private static async Task AssertAxeCleanAsync(Visit v)
    {
        var result = await v.Banner.RunAxe();
        Assert.True(result.Violations.Length == 0, string.Join("; ", result.Violations.Select(x => $"{x.Id}: {x.Help}")));
    }
}
