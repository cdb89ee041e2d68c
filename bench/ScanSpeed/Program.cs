// Scan speed: a 20-page local site (served here on loopback; every page sets a cookie 300 ms after load,
// one sets analytics before consent) scanned by Consentry in three visits, without a banner and again with one
// (the Reject/Accept visits then crawl every page after their choice), against a baseline measured in
// the same run: one sequential visit of the same pages in the same Chromium, each page loaded and held
// for the peer's default dwell, which is what a one-visit scanner such as website-evidence-collector does.
using System.Diagnostics;
using System.Net;
using System.Text;
using Consentry.Scanner;
using Microsoft.Playwright;

const int Pages = 20;

// A banner the scanner's own "Reject all" / "Accept all" buttons match; a choice sets a cookie and removes it.
const string Banner = """
    <div role="dialog" aria-label="Cookies" style="position:fixed;bottom:0;left:0;right:0;background:#eee;padding:1em">
      <p>We use cookies.</p>
      <button onclick="document.cookie='choice=reject; Path=/'; this.parentNode.remove()">Reject all</button>
      <button onclick="document.cookie='choice=accept; Path=/'; this.parentNode.remove()">Accept all</button>
    </div>
    """;
var dwell = TimeSpan.FromMilliseconds(args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 500);
using var listener = new HttpListener();
var port = Random.Shared.Next(20000, 40000);
listener.Prefixes.Add($"http://127.0.0.1:{port}/");
listener.Start();
_ = Task.Run(async () =>
{
    while (listener.IsListening)
    {
        var ctx = await listener.GetContextAsync();
        // /p<n>: the site without a banner; /b/p<n>: the same pages with a banner (Reject all / Accept all) until a choice.
        var path = ctx.Request.Url!.AbsolutePath;
        var prefix = path.StartsWith("/b/", StringComparison.Ordinal) ? "/b" : "";
        var n = int.TryParse(path[prefix.Length..].Trim('/').Replace("p", "", StringComparison.Ordinal), out var i) ? i : 0;
        var links = string.Concat(Enumerable.Range(0, Pages).Select(k => $"<a href=\"{prefix}/p{k}\">page {k}</a> "));
        var late = $"<script>setTimeout(() => {{ document.cookie = 'late_{n}=1; Path=/'; }}, 300);</script>";
        var leak = n == 7 ? "<script>document.cookie = '_ga=GA1.1.1.1; Path=/';</script>" : "";
        var banner = prefix.Length == 0 || (ctx.Request.Cookies["choice"] is not null) ? "" : Banner;
        var html = Encoding.UTF8.GetBytes($"<!DOCTYPE html><html lang=\"en\"><title>Page {n}</title><body><h1>Page {n}</h1>{links}{late}{leak}{banner}</body></html>");
        ctx.Response.ContentType = "text/html; charset=utf-8";
        await ctx.Response.OutputStream.WriteAsync(html);
        ctx.Response.Close();
    }
});
var start = new Uri($"http://127.0.0.1:{port}/p0");
var withBanner = new Uri($"http://127.0.0.1:{port}/b/p0");

// Baseline: one visit, sequential, fixed dwell per page.
var sw = Stopwatch.StartNew();
var baselineMemory = new ChromiumMemory();
using (var pw = await Playwright.CreateAsync())
{
    await using var browser = await pw.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
    var page = await browser.NewPageAsync();
    for (var k = 0; k < Pages; k++)
    {
        await page.GotoAsync($"http://127.0.0.1:{port}/p{k}", new() { WaitUntil = WaitUntilState.Load });
        await Task.Delay(dwell);
    }
}

var baseline = sw.Elapsed;
await baselineMemory.DisposeAsync();
Console.WriteLine($"baseline: one visit, {Pages} pages, {dwell.TotalMilliseconds:F0} ms dwell   {baseline.TotalSeconds,6:F2} s   {baseline.TotalSeconds / Pages:F3} s/page   Chromium peak PSS {baselineMemory.PeakMiB:F0} MiB");
await ScanAsync("no banner", start);
await ScanAsync("with a banner", withBanner);
listener.Stop();

// Consentry's three visits of the site, against the baseline: time and memory (peak PSS summed over the Chromium processes).
async Task ScanAsync(string label, Uri url)
{
    var clock = Stopwatch.StartNew();
    var memory = new ChromiumMemory();
    var result = await Scan.RunAsync(new ScanOptions { Url = url, MaxPages = Pages, MaxDepth = 2 }, null);
    var ours = clock.Elapsed;
    await memory.DisposeAsync();
    var visits = result.Visits.Sum(v => v.Pages.Count);
    var late = result.Visits.Single(v => v.Kind == VisitKind.Untouched).Cookies.Count(c => c.Name.StartsWith("late_", StringComparison.Ordinal));
    var operated = result.Visits.Count(v => v.BannerOperated);
    Console.WriteLine($"consentry, {label}: three visits, {visits} page visits, banner operated in {operated} of 2   {ours.TotalSeconds,6:F2} s   {visits / ours.TotalSeconds:F1} page visits/s");
    Console.WriteLine($"  ratio to the baseline's one visit: {ours.TotalSeconds / baseline.TotalSeconds:F3} (aim <= 0.5); Chromium peak PSS {memory.PeakMiB:F0} MiB, ratio {memory.PeakMiB / Math.Max(1, baselineMemory.PeakMiB):F2}");
    Console.WriteLine($"  late cookies seen in the untouched visit: {late} of {Pages}; analytics before consent found: {result.Findings.Any(f => f.Code == "SC003" && f.Item == "_ga")}");
}
