using Consentry.Scanner;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Consentry.Browser.Tests;

/// <summary>A banner platform the scanner has no buttons of its own for is operated through autoconsent's rules.</summary>
public sealed class ScannerAutoconsentTests(BrowserFixture fixture)
{
    [Fact]
    public async Task AnIubendaBannerWithGermanLabelsIsOperatedInBothChoiceVisits()
    {
        var options = new ScanOptions { Url = new Uri(fixture.ScanShop, "/iub"), MaxPages = 1 };
        var result = await Scan.RunAsync(options, null, TestContext.Current.CancellationToken);
        var reject = result.Visits.Single(v => v.Kind == VisitKind.RejectAll);
        var accept = result.Visits.Single(v => v.Kind == VisitKind.AcceptAll);
        Assert.True(reject.BannerOperated, reject.BannerNote);
        Assert.True(accept.BannerOperated, accept.BannerNote);
        Assert.Contains("autoconsent", reject.BannerNote, StringComparison.Ordinal);
        Assert.Contains("iubenda", reject.BannerNote, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(reject.Cookies, c => c.Name == "iub_choice");
        Assert.DoesNotContain(reject.Cookies, c => c.Name == "iub_stats");
        Assert.Contains(accept.Cookies, c => c.Name == "iub_stats");
        Assert.DoesNotContain(result.Findings, f => f.Code == "SC020");
    }

    [Fact]
    public async Task APageWithNoBannerAtAllSaysSoClearly()
    {
        var options = new ScanOptions { Url = new Uri(fixture.CustomSite, "/video"), MaxPages = 1 };
        var result = await Scan.RunAsync(options, null, TestContext.Current.CancellationToken);
        var accept = result.Visits.Single(v => v.Kind == VisitKind.AcceptAll);
        Assert.False(accept.BannerOperated);
        Assert.Contains("no consent banner could be operated", accept.BannerNote, StringComparison.Ordinal);
        Assert.Contains(result.Findings, f => f.Code == "SC020");

        // The verdict came from autoconsent having looked twice at a page that then stayed still, not from its detection window running out.
        Assert.Contains("the page stayed still after", accept.BannerNote, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VisitsWithNoChoiceToMakeReadOnlyTheirFirstPage()
    {
        // Without a banner the Reject and Accept visits would repeat the untouched visit page for page.
        static IResult Page(string title, string body) => Results.Content($"<!DOCTYPE html><html lang=\"en\"><title>{title}</title><body>{body}</body></html>", "text/html");
        await using var site = await LoopbackApp.StartAsync(app =>
        {
            app.MapGet("/", () => Page("Home", "<a href=\"/a\">A</a> <a href=\"/b\">B</a>"));
            app.MapGet("/a", () => Page("A", "<script>document.cookie = 'on_a=1; Path=/';</script>"));
            app.MapGet("/b", () => Page("B", "<p>B</p>"));
        });
        var options = new ScanOptions { Url = new Uri(site.Urls.First() + "/"), MaxPages = 5 };
        var progress = new Reports();
        var result = await Scan.RunAsync(options, null, progress, TestContext.Current.CancellationToken);
        var untouched = result.Visits.Single(v => v.Kind == VisitKind.Untouched);
        Assert.Equal(3, untouched.Pages.Count);
        Assert.Contains(untouched.Cookies, c => c.Name == "on_a");
        foreach (var visit in result.Visits.Where(v => v.Kind != VisitKind.Untouched))
        {
            Assert.False(visit.BannerOperated);
            Assert.Single(visit.Pages);
            Assert.Contains("only its first page was read", visit.BannerNote, StringComparison.Ordinal);
        }

        Assert.Contains(result.Findings, f => f.Code == "SC020" && f.Message.Contains("only its first page was read", StringComparison.Ordinal));

        // A progress display learns that those visits ended, instead of showing them stalled at 1 of 5.
        Assert.Equal([VisitKind.RejectAll, VisitKind.AcceptAll], progress.All.Where(p => p.Ended).Select(p => p.Visit).Order());
        Assert.DoesNotContain(progress.All, p => p.Ended && p.Visit == VisitKind.Untouched);
    }

    private sealed class Reports : IProgress<ScanProgress>
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<ScanProgress> _all = new();

        public IReadOnlyCollection<ScanProgress> All => _all;

        public void Report(ScanProgress value) => _all.Enqueue(value);
    }
}
