using Consentry.Scanner;
using Consentry.Scanner.Report;

namespace Consentry.Browser.Tests.Hostile;

/// <summary>
/// Sites that try to hold the scanner forever, flood it, or lead it elsewhere. Each scan must end by itself,
/// report what it saw with a clear note, and never request what is outside its scope. The outer limit on each
/// scan only catches a hang; no test asserts how fast a scan is.
/// </summary>
public sealed class HostileScanTests(HostileSiteFixture fixture) : IClassFixture<HostileSiteFixture>
{
    private static readonly TimeSpan Hang = TimeSpan.FromMinutes(15);

    /// <summary>Limits for a test that is not about a stall: reached only by a hang, not by a busy machine (the 30 s page limit was, under two CPU hogs).</summary>
    private static readonly TimeSpan Patient = TimeSpan.FromMinutes(5);

    private HostileSite Site => fixture.Site;

    private static Task<ScanResult> ScanAsync(Uri url, int maxPages = 3, TimeSpan? maxTime = null, TimeSpan? pageTimeout = null, IProgress<ScanProgress>? progress = null) =>
        Scan.RunAsync(new ScanOptions
        {
            Url = url,
            MaxPages = maxPages,
            MaxDepth = 1,
            PageTimeout = pageTimeout ?? TimeSpan.FromSeconds(30),
            QuietTimeout = TimeSpan.FromSeconds(2),
            MaxTime = maxTime ?? TimeSpan.FromMinutes(4),
        }, null, progress, TestContext.Current.CancellationToken).WaitAsync(Hang, TestContext.Current.CancellationToken);

    private static VisitResult Untouched(ScanResult r) => r.Visits.Single(v => v.Kind == VisitKind.Untouched);

    [Fact]
    public async Task AnEndlessLoopInATimerDoesNotHoldTheScan()
    {
        var result = await ScanAsync(Site.Url("/loop"));
        var visit = Untouched(result);
        Assert.Contains(visit.Pages, p => p.EndsWith("/loop", StringComparison.Ordinal));
        Assert.Contains(visit.Cookies, c => c.Name == "loop_c");
        Assert.Contains(visit.Errors, e => e.Contains("/loop: the page stopped answering", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FramesTheBrowserWillNotLoadDoNotHoldTheScan()
    {
        var result = await ScanAsync(Site.Url("/frames"));
        Assert.All(result.Visits, v => Assert.Contains(v.Cookies, c => c.Name == "frames_c"));
        Assert.Contains(Untouched(result).Pages, p => p.EndsWith("/calm", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASitemapThatNeverAnswersDoesNotHoldTheScan()
    {
        var result = await ScanAsync(Site.Url("/", "stall"));
        Assert.Contains(Untouched(result).Cookies, c => c.Name == "start_c");
        Assert.Contains(Untouched(result).Errors, e => e.Contains("never.xml did not arrive within 10 s; not read", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnEndlessSitemapIsCutOffWhileItDownloads()
    {
        var result = await ScanAsync(Site.Url("/", "flood"), maxPages: 1, maxTime: Patient * 2, pageTimeout: Patient);
        // Cut off at 5 MB, or (on a machine too busy to read 5 MB in 10 s) at the fetch's time limit: never read whole.
        Assert.All(result.Visits, v => Assert.Contains(v.Errors, e => e.Contains("flood.xml is larger than 5 MB (after decompression); not read", StringComparison.Ordinal)
            || e.Contains("flood.xml did not arrive within 10 s; not read", StringComparison.Ordinal)));
        // Read whole and measured afterwards, every request would run to the server's 1 GB end; read as a stream,
        // the scanner hangs up early. (Chromium's network service may, under heavy load, drain a cancelled answer
        // further; the page never holds more than 5 MB of it.)
        Assert.Contains(Site.FloodRequests, r => r.ClientStopped);
    }

    [Fact]
    public async Task SitemapsOnOtherSitesAreNotFetched()
    {
        var result = await ScanAsync(Site.Url("/", "far"), maxPages: 1);
        Assert.DoesNotContain(Site.OutsideRequests, p => p.StartsWith("/sitemap.xml", StringComparison.Ordinal));
        Assert.Contains(Untouched(result).Errors, e => e.Contains("on another site; not fetched", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PopupsThatOpenPopupsAreBlockedAndThePageIsRead()
    {
        var result = await ScanAsync(Site.Url("/popups"), maxTime: Patient * 2, pageTimeout: Patient);
        var visit = Untouched(result);
        Assert.True(visit.Cookies.Any(c => c.Name == "popups_c"), "popups_c not seen; the visit's notes: " + string.Join(" | ", visit.Errors));
        Assert.DoesNotContain(visit.Pages, p => p.Contains("/popups?", StringComparison.Ordinal));

        // window.open answers null, as for a blocked popup: none opened, so none had to be closed.
        Assert.DoesNotContain(visit.Errors, e => e.Contains("popups the site opened were closed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ThousandsOfStorageKeysAreTruncatedWithANote()
    {
        var result = await ScanAsync(Site.Url("/storage"), maxPages: 1, maxTime: Patient * 2, pageTimeout: Patient);
        foreach (var visit in result.Visits)
        {
            Assert.Equal(1000, visit.Storage.Count);
            Assert.Contains(visit.Errors, e => e.StartsWith("truncated: more than 1000 storage keys", StringComparison.Ordinal));
        }

        Assert.True(JsonReport.Write(result).Length < 5_000_000, "the JSON report stays small");
    }

    [Fact]
    public async Task TheTimeLimitIsAHardWallThatStillReports()
    {
        // The start page links to a page that never answers, and the page timeout is longer than the test: only --max-time ends it.
        ScanResult result;
        var progress = new List<ScanProgress>();
        try
        {
            result = await ScanAsync(Site.Url("/hang-start"), maxPages: 2, maxTime: TimeSpan.FromSeconds(20), pageTimeout: TimeSpan.FromHours(1), progress: new Recorder(progress));
        }
        catch (ScanException e)
        {
            // A machine so busy that not even the start page loaded before the wall: still the wall that ended it.
            Assert.Contains("the scan's time was up", e.Message, StringComparison.Ordinal);
            return;
        }

        // The visits that crawl end at the wall; a visit with no banner to operate ends after its first page, before it
        // (unless the wall came first on a busy machine).
        static bool Walled(VisitResult v) => v.Errors.Any(e => e.Contains("time", StringComparison.Ordinal) && (e.Contains("--max-time", StringComparison.Ordinal) || e.Contains("the scan's time was up", StringComparison.Ordinal)));
        Assert.True(Walled(result.Visits.Single(v => v.Kind == VisitKind.Untouched)));
        Assert.All(result.Visits, v => Assert.True(Walled(v) || (!v.BannerOperated && v.BannerNote.Contains("only its first page was read", StringComparison.Ordinal)), $"{v.Kind}: {v.BannerNote}"));
        Assert.All(result.Visits, v => Assert.DoesNotContain(v.Pages, p => p.EndsWith("/never", StringComparison.Ordinal)));
        lock (progress)
        {
            // Progress was reported for each visit's pages as they were done.
            Assert.All(result.Visits.Where(v => v.Pages.Count > 0), v => Assert.Contains(progress, p => p.Visit == v.Kind && p.PagesDone == 1 && p.Page.EndsWith("/hang-start", StringComparison.Ordinal)));
        }
    }

    private sealed class Recorder(List<ScanProgress> list) : IProgress<ScanProgress>
    {
        public void Report(ScanProgress value)
        {
            lock (list)
            {
                list.Add(value);
            }
        }
    }

    [Theory]
    [InlineData("/to-outside", "/redirected")]
    [InlineData("/to-other-port", "/redirected-port")]
    public async Task ARedirectToAnotherSiteIsNeverRequested(string start, string target)
    {
        var e = await Assert.ThrowsAsync<ScanException>(() => ScanAsync(Site.Url(start), maxPages: 1));
        Assert.Contains($"{start}: redirected off-site to ", e.Message, StringComparison.Ordinal);
        Assert.Contains($"{target}; not requested", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Site.OutsideRequests, p => p == target);
    }

    [Fact]
    public async Task OtherPortsAndSchemesOfTheSameHostAreOtherSites()
    {
        var result = await ScanAsync(Site.Url("/ports"), maxPages: 5);
        Assert.DoesNotContain(Site.OutsideRequests, p => p == "/linked");
        Assert.All(Untouched(result).Pages, p => Assert.StartsWith($"http://hostile.localhost:{Site.Port}/", p, StringComparison.Ordinal));
    }

    [Fact]
    public async Task APageThatNavigatesItselfOffSiteStaysAndIsReported()
    {
        var result = await ScanAsync(Site.Url("/wander"), maxPages: 1);
        Assert.DoesNotContain(Site.OutsideRequests, p => p == "/wandered");
        Assert.Contains(Untouched(result).Errors, e => e.Contains("tried to navigate to", StringComparison.Ordinal) && e.Contains("not followed", StringComparison.Ordinal));
        Assert.All(result.Visits, v => Assert.DoesNotContain(v.Cookies, c => c.Name == "outside_c"));
    }
}
