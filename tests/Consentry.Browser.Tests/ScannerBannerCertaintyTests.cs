using System.Collections.Concurrent;
using System.Diagnostics;
using Consentry.Scanner;
using Consentry.Scanner.Collect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Consentry.Browser.Tests;

/// <summary>
/// Banner operation is certain: a banner drawn late inside an open shadow root is operated on every visit while two
/// CPU hogs run beside the browser, and a banner on screen that cannot be operated is a problem naming the button.
/// </summary>
public sealed class ScannerBannerCertaintyTests(BrowserFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AShadowDomBannerIsOperatedOnFiftyRejectAndFiftyAcceptVisitsBesideTwoCpuHogs()
    {
        await using var site = await ShadowSiteAsync();
        using var hogs = new CpuHogs(2);
        var misses = new ConcurrentQueue<string>();
        using var four = new SemaphoreSlim(4);
        await Task.WhenAll(Enumerable.Range(0, 100).Select(async i =>
        {
            await four.WaitAsync(Ct);
            try
            {
                var kind = i % 2 == 0 ? VisitKind.RejectAll : VisitKind.AcceptAll;
                // Drawn 0 to 1.5 s after load, with a fade-in: the button is visible before it is stable.
                var (outcome, choice) = await VisitAsync(new Uri(new Uri(site.Urls.First()), $"/?delay={i * 37 % 1500}"), kind);
                var expected = kind == VisitKind.RejectAll ? "reject" : "accept";
                if (!outcome.Operated || choice != expected)
                {
                    misses.Enqueue($"visit {i} ({kind}): operated {outcome.Operated}, choice '{choice}', note: {outcome.Note}");
                }
            }
            finally
            {
                four.Release();
            }
        }));
        Assert.True(misses.IsEmpty, string.Join("\n", misses));
    }

    [Fact]
    public async Task ABannerWhoseButtonDoesNothingIsAProblemNamingTheButtonAndTheStep()
    {
        await using var site = await ShadowSiteAsync();
        var (outcome, choice) = await VisitAsync(new Uri(new Uri(site.Urls.First()), "/?delay=0&inert=1"), VisitKind.RejectAll);
        Assert.False(outcome.Operated);
        Assert.Equal("", choice);
        Assert.NotNull(outcome.Problem);
        Assert.Contains("\"Reject all\"", outcome.Problem, StringComparison.Ordinal);
        Assert.Contains("still on screen", outcome.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABannerInAClosedShadowRootIsOperatedInBothChoiceVisits()
    {
        await using var site = await ShadowSiteAsync();
        await AssertOperatedInBothChoiceVisitsAsync(new Uri(new Uri(site.Urls.First()), "/?delay=300&mode=closed"));
    }

    [Theory]
    [InlineData("ar", "رفض الكل")]
    [InlineData("fr", "Tout refuser")]
    public async Task ConsentrysBannerIsOperatedInItsOtherLanguages(string lang, string reject)
    {
        await using var context = await fixture.Browser.NewContextAsync();
        await context.AddInitScriptAsync(PageScripts.ActivityWatch);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.CustomSite, "/?lang=" + lang).ToString(), new PageGotoOptions { Timeout = Visit.HangLimitMs });
        var outcome = await BannerOperator.OperateAsync(page, VisitKind.RejectAll, Ct);
        Assert.True(outcome.Operated, outcome.Note);
        Assert.Equal($"Consentry banner: clicked \"{reject}\"", outcome.Note);
    }

    [Fact]
    public async Task ABannerInsideAFrameIsOperatedInBothChoiceVisits()
    {
        await using var site = await ShadowSiteAsync();
        await AssertOperatedInBothChoiceVisitsAsync(new Uri(new Uri(site.Urls.First()), "/framed"));
    }

    private async Task AssertOperatedInBothChoiceVisitsAsync(Uri page)
    {
        foreach (var (kind, expected) in new[] { (VisitKind.RejectAll, "reject"), (VisitKind.AcceptAll, "accept") })
        {
            var (outcome, choice) = await VisitAsync(page, kind);
            Assert.True(outcome.Operated, outcome.Note);
            Assert.Equal(expected, choice);
        }
    }

    /// <summary>One choice visit's banner step, in a fresh context with the scanner's own page scripts; returns the outcome and the choice the page recorded.</summary>
    private async Task<(BannerOutcome Outcome, string Choice)> VisitAsync(Uri url, VisitKind kind)
    {
        await using var context = await fixture.Browser.NewContextAsync();
        await context.AddInitScriptAsync(PageScripts.ActivityWatch);
        var page = await context.NewPageAsync();
        await page.GotoAsync(url.ToString(), new PageGotoOptions { Timeout = Visit.HangLimitMs });
        var outcome = await BannerOperator.OperateAsync(page, kind, Ct);
        // A cookie the page wrote reaches the browser's cookie store a moment later (the renderer sends it on without
        // waiting): after a click that took effect, wait for it; the ceiling only catches one that never comes.
        var hang = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var choice = (await context.CookiesAsync()).FirstOrDefault(c => c.Name == "cmp_choice")?.Value;
            if (choice is not null || !outcome.Operated || DateTime.UtcNow > hang)
            {
                return (outcome, choice ?? "");
            }

            await Task.Delay(20, Ct);
        }
    }

    /// <summary>A site whose banner is a web component drawing into an open shadow root after a delay, fading in.</summary>
    private static async Task<WebApplication> ShadowSiteAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/", (int delay, int? inert, string? mode) => Results.Content($$"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Shadow shop</title></head>
            <body><main><h1>Shadow shop</h1></main><cmp-box></cmp-box>
            <script>
              customElements.define('cmp-box', class extends HTMLElement {
                connectedCallback() {
                  const root = this.attachShadow({ mode: '{{(mode == "closed" ? "closed" : "open")}}' });
                  setTimeout(() => {
                    root.innerHTML = `<style>@keyframes in { from { opacity: 0; transform: translateY(40px) } to { opacity: 1; transform: none } }
                      div { position: fixed; bottom: 0; left: 0; right: 0; padding: 1em; background: #fff; animation: in .4s }</style>
                      <div role="dialog" aria-label="Cookies"><p>We use cookies.</p><button id="r">Reject all</button> <button id="a">Accept all</button></div>`;
                      if ({{(inert == 1 ? "false" : "true")}}) {
                        const choose = v => { document.cookie = 'cmp_choice=' + v + '; Path=/'; root.innerHTML = ''; };
                        root.getElementById('r').onclick = () => choose('reject');
                        root.getElementById('a').onclick = () => choose('accept');
                      }
                  }, {{delay}});
                }
              });
            </script></body></html>
            """, "text/html; charset=utf-8"));
        // A banner drawn inside a frame of the page.
        app.MapGet("/framed", () => Results.Content("""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Framed shop</title></head>
            <body><main><h1>Framed shop</h1></main><iframe title="Cookies" src="/frame-banner" style="position:fixed;bottom:0;width:100%;height:120px;border:0"></iframe></body></html>
            """, "text/html; charset=utf-8"));
        app.MapGet("/frame-banner", () => Results.Content("""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Cookies</title></head>
            <body><div id="box"><p>We use cookies.</p><button id="r">Reject all</button> <button id="a">Accept all</button></div>
            <script>
              const choose = v => { document.cookie = 'cmp_choice=' + v + '; Path=/'; document.getElementById('box').remove(); };
              document.getElementById('r').onclick = () => choose('reject');
              document.getElementById('a').onclick = () => choose('accept');
            </script></body></html>
            """, "text/html; charset=utf-8"));
        await app.StartAsync();
        return app;
    }

    /// <summary>Busy processes (<c>yes</c> into /dev/null) for as long as the test runs: the machine is as loaded as the shared CI box at its worst.</summary>
    private sealed class CpuHogs : IDisposable
    {
        private readonly List<Process> _hogs;

        public CpuHogs(int count) =>
            _hogs = [.. Enumerable.Range(0, count).Select(_ => Process.Start(new ProcessStartInfo("sh", ["-c", "exec yes > /dev/null"]))!)];

        public void Dispose()
        {
            foreach (var hog in _hogs)
            {
                hog.Kill();
                hog.WaitForExit();
                hog.Dispose();
            }
        }
    }
}
