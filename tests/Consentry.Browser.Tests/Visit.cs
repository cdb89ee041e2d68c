using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Playwright;

namespace Consentry.Browser.Tests;

/// <summary>One visitor: a fresh browser context (own cookies and storage), a page, and what the page requested.</summary>
internal sealed class Visit : IAsyncDisposable
{
    private const string RecordCspViolations =
        "window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));";

    /// <summary>The outer limit of any single wait in a browser test: generous, it only catches a hang.</summary>
    public const float HangLimitMs = 120_000;

    private Visit(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Request += (_, r) => Requests.Add(r.Url);
        page.Console += (_, m) => Console.Add(m.Text);
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public ConcurrentBag<string> Requests { get; } = [];

    public ConcurrentBag<string> Console { get; } = [];

    public ILocator Banner => Page.Locator(".cy");

    public static async Task<Visit> StartAsync(BrowserFixture fixture, ColorScheme scheme = ColorScheme.Light, bool gpc = false, ViewportSize? viewport = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        var extra = new Dictionary<string, string>(headers ?? new Dictionary<string, string>());
        if (gpc)
        {
            extra["Sec-GPC"] = "1";
        }

        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ColorScheme = scheme,
            ViewportSize = viewport ?? new ViewportSize { Width = 1000, Height = 700 },
            ExtraHTTPHeaders = extra.Count > 0 ? extra : null,
        });
        // Waits are for events (an element, a response); these ceilings only catch a hang on a busy machine.
        context.SetDefaultTimeout(HangLimitMs);
        context.SetDefaultNavigationTimeout(HangLimitMs);
        await context.AddInitScriptAsync(RecordCspViolations);
        if (gpc)
        {
            // Chromium has no GPC setting; this is what Firefox and privacy browsers expose.
            await context.AddInitScriptAsync("Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });");
        }

        return new Visit(context, await context.NewPageAsync());
    }

    public async Task GoAsync(Uri url)
    {
        await Page.GotoAsync(url.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        await Page.EvaluateAsync("() => window.consentry && window.consentry.ready");
    }

    public Task ClickAsync(string name) => Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = name, Exact = true }).ClickAsync();

    public async Task<IReadOnlyList<BrowserContextCookiesResult>> CookiesAsync() => await Context.CookiesAsync();

    public async Task<bool> HasCookieAsync(string prefix) => (await CookiesAsync()).Any(c => c.Name.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>The consent cookie the banner wrote, parsed.</summary>
    public async Task<JsonElement> ConsentAsync(string cookieName)
    {
        var cookie = (await CookiesAsync()).Single(c => c.Name == cookieName);
        return JsonDocument.Parse(Uri.UnescapeDataString(cookie.Value)).RootElement;
    }

    public Task<string[]> CspViolationsAsync() => Page.EvaluateAsync<string[]>("() => window.__csp");

    public Task<string?> LocalAsync(string key) => Page.EvaluateAsync<string?>("k => localStorage.getItem(k)", key);

    public async Task ScreenshotAsync(string name) =>
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, name + ".png") });

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
