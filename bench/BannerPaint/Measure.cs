using Microsoft.Playwright;

/// <summary>One first visit: when "Reject all" is first visible, by the page's own clock (0 = navigation start).</summary>
internal static class Measure
{
    // Checked on every animation frame from the document's start: the first frame in which a "Reject all" button
    // has a box, is in the viewport, and is neither hidden nor transparent (itself or an ancestor).
    private const string Watch = """
        (() => {
          const visible = (b) => {
            const r = b.getBoundingClientRect();
            return r.width > 0 && r.height > 0 && r.top < innerHeight && r.bottom > 0
              && b.checkVisibility({ opacityProperty: true, visibilityProperty: true });
          };
          const tick = () => {
            const b = [...document.querySelectorAll('button')].find((x) => x.textContent.trim() === 'Reject all');
            if (b && visible(b)) window.__shown = performance.now();
            else requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
          // When the button entered the DOM: what is left after it is the browser's style, layout and frame.
          new MutationObserver(() => { if (window.__inserted === undefined && [...document.querySelectorAll('button')].some((x) => x.textContent.trim() === 'Reject all')) window.__inserted = performance.now(); }).observe(document, { childList: true, subtree: true });
        })();
        """;

    /// <summary>Milestones of the visit, ms from navigation start: when the button entered the DOM, the page's response, DOMContentLoaded, first contentful paint (-1: not yet reported, the banner was in the first frame), and each loaded file.</summary>
    public const string Milestones = """
        () => {
          const n = performance.getEntriesByType('navigation')[0];
          const fcp = performance.getEntriesByName('first-contentful-paint')[0];
          const out = { shown: window.__shown, inserted: window.__inserted, document: n.responseEnd, domContentLoaded: n.domContentLoadedEventStart, firstContentfulPaint: fcp ? fcp.startTime : -1 };
          for (const r of performance.getEntriesByType('resource')) out[new URL(r.name).pathname.split('/').pop()] = r.responseEnd;
          return JSON.stringify(out);
        }
        """;

    public static async Task<Dictionary<string, double>> ShownAsync(IBrowser browser, string url)
    {
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1000, Height = 700 } });
        context.SetDefaultTimeout(20_000);
        await context.AddInitScriptAsync(Watch);
        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, m) => console.Add(m.Text);
        page.PageError += (_, e) => console.Add(e);
        await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.Commit });
        try
        {
            await page.WaitForFunctionAsync("() => window.__shown !== undefined");
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"No visible \"Reject all\" on {url} in 2 minutes. Console: {string.Join(" | ", console)}. Body: {await page.EvaluateAsync<string>("() => document.body.outerHTML.slice(0, 800)")}");
        }

        return System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, double>>(await page.EvaluateAsync<string>(Milestones))!;
    }
}
