using Consentry.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Consentry.Browser.Tests;

/// <summary>
/// A page rendered per visitor (<c>ConsentrySite.ScriptTag("", request)</c>, as the tag helper renders it): the visitor's
/// configuration inline and the banner's script synchronous in <c>&lt;head&gt;</c>, so it runs before the page is parsed.
/// </summary>
public sealed class InlineConfigBrowserTests(BrowserFixture fixture)
{
    private const string Yaml = """
        site: { name: Shop, domains: [127.0.0.1], contact: { email: privacy@shop.example } }
        providers:
          stats: { name: StatsCo }
        items:
          - { name: ic_consent, category: necessary, purpose: Stores your choice., duration: 6mo }
          - { name: st_id, category: analytics, provider: stats, purpose: Visit statistics., duration: 13mo }
        consent: { cookie: ic_consent, settings_link: footer }
        history: [{ date: 2026-11-01, summary: First. }]
        """;

    private const string Held = "<script type=\"text/plain\" data-consent=\"analytics\">window.statsRan = true;</script>";

    private static string Head(string tags) =>
        $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Shop</title>{tags}</head>";

    [Fact]
    public async Task APageRenderedPerVisitorShowsTheBannerWithoutAskingForConfigJsonAndRecordsTheChoice()
    {
        await using var app = await LoopbackApp.StartAsync(app =>
        {
            var site = app.Services.GetRequiredService<ConsentrySite>();
            app.MapGet("/", (HttpContext c) => Results.Content(Head(site.ScriptTag("", c)) + "<body><main><h1>Shop</h1>" + Held + "</main></body></html>", "text/html"));
        }, Yaml);
        await using var v = await Visit.StartAsync(fixture);
        await v.GoAsync(new Uri(app.Urls.First() + "/"));
        await Assertions.Expect(v.Banner).ToBeVisibleAsync();
        // A first visit: the configuration, the banner's code and its style came with the page.
        Assert.DoesNotContain(v.Requests, r => r.Contains("config.json", StringComparison.Ordinal) || r.Contains("banner.", StringComparison.Ordinal));
        await Assertions.Expect(v.Banner).ToHaveCSSAsync("position", "fixed");
        Assert.EndsWith("/consentry/policy", await v.Banner.Locator("a").First.GetAttributeAsync("href"), StringComparison.Ordinal);
        Assert.False(await v.Page.EvaluateAsync<bool>("() => window.statsRan === true"));

        var receipt = v.Page.WaitForResponseAsync(r => r.Url.EndsWith("/consentry/receipts", StringComparison.Ordinal));
        await v.ClickAsync("Accept all");
        Assert.Equal(201, (await receipt).Status);
        await v.Page.WaitForFunctionAsync("() => window.statsRan === true");
        Assert.Equal("accept-all", (await v.ConsentAsync("ic_consent")).GetProperty("m").GetString());

        // Chosen: the next page loads the cached file, which applies the choice (the held script runs, no banner).
        await v.GoAsync(new Uri(app.Urls.First() + "/"));
        await v.Page.WaitForFunctionAsync("() => window.statsRan === true");
        Assert.Contains(v.Requests, r => r.EndsWith("/consentry/banner.js", StringComparison.Ordinal));
        Assert.Equal(0, await v.Banner.CountAsync());
    }

    [Fact]
    public async Task ABannerThatRunsBeforeThePageIsParsedStillReleasesHeldScriptsFurtherDown()
    {
        var rest = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await LoopbackApp.StartAsync(app =>
        {
            var site = app.Services.GetRequiredService<ConsentrySite>();
            app.MapGet("/", (HttpContext c) => Results.Content(Head(site.ScriptTag("", c)) + "<body><main><h1>Shop</h1></main></body></html>", "text/html"));
            // The page's head and the start of its body, then the rest only when the test says so.
            app.MapGet("/streamed", async (HttpContext c) =>
            {
                c.Response.ContentType = "text/html; charset=utf-8";
                await c.Response.WriteAsync(Head(site.ScriptTag("", c)) + "<body><main><h1>Shop</h1>", c.RequestAborted);
                await c.Response.Body.FlushAsync(c.RequestAborted);
                await rest.Task.WaitAsync(c.RequestAborted);
                await c.Response.WriteAsync(Held + "</main></body></html>", c.RequestAborted);
            });
        }, Yaml);
        var origin = app.Urls.First();
        await using var v = await Visit.StartAsync(fixture);
        await v.GoAsync(new Uri(origin + "/"));
        await v.ClickAsync("Accept all");

        await v.Page.GotoAsync(origin + "/streamed", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        await v.Page.WaitForFunctionAsync("() => window.consentry !== undefined");
        Assert.Equal("loading", await v.Page.EvaluateAsync<string>("() => document.readyState"));
        rest.SetResult();
        await v.Page.WaitForFunctionAsync("() => window.statsRan === true");
        Assert.Equal(0, await v.Banner.CountAsync());
    }
}
