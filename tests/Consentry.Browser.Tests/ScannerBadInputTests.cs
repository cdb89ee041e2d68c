using Consentry.Scanner;

namespace Consentry.Browser.Tests;

/// <summary>Slow, busy, huge, non-HTML and off-site pages, a time limit and a TLS error: bounded, clear, and a partial report rather than nothing.</summary>
public sealed class ScannerBadInputTests(BrowserFixture fixture)
{
    [Fact]
    public async Task TroublesomePagesAreReportedAndTheRestIsStillScanned()
    {
        var options = new ScanOptions
        {
            Url = new Uri(fixture.ScanShop, "/trouble"),
            MaxPages = 8,
            MaxDepth = 1,
            // Generous for the pages that do answer (a huge page on a busy machine); the stalling ones never do.
            PageTimeout = TimeSpan.FromSeconds(20),
            QuietTimeout = TimeSpan.FromSeconds(2),
        };
        var result = await Scan.RunAsync(options, fixture.ScanManifest, TestContext.Current.CancellationToken);
        var untouched = result.Visits.Single(v => v.Kind == VisitKind.Untouched);
        Assert.Contains(untouched.Errors, e => e.Contains("/slow", StringComparison.Ordinal) && e.Contains("Timeout", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(untouched.Errors, e => e.Contains("/file.pdf: not an HTML page (application/pdf)", StringComparison.Ordinal));
        Assert.Contains(untouched.Errors, e => e.Contains("/offsite: redirected off-site", StringComparison.Ordinal));
        Assert.Contains(untouched.Cookies, c => c.Name == "busy_c");
        Assert.Contains(untouched.Cookies, c => c.Name == "huge_c");
        Assert.Contains(untouched.Pages, p => p.EndsWith("/huge", StringComparison.Ordinal));
        Assert.DoesNotContain(untouched.Pages, p => p.EndsWith("/slow", StringComparison.Ordinal));

        // Answered at once, never finished loading: scanned as far as it had loaded, and said so.
        Assert.Contains(untouched.Pages, p => p.EndsWith("/stalled", StringComparison.Ordinal));
        Assert.Contains(untouched.Cookies, c => c.Name == "stalled_c");
        Assert.Contains(untouched.Storage, s => s.Name == "stalled_ls");
        Assert.Contains(untouched.Errors, e => e.Contains("/stalled: still loading after 20 s (--page-timeout); scanned as far as it had loaded", StringComparison.Ordinal));
        Assert.Contains(result.Findings, f => f.Code == "SC030" && f.Message.Contains("/slow", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ATlsErrorIsAClearErrorNamingIt()
    {
        // https to a plain-http port: the handshake fails.
        var url = new UriBuilder(fixture.ScanShop) { Scheme = "https", Host = "127.0.0.1" }.Uri;
        var e = await Assert.ThrowsAsync<ScanException>(() => Scan.RunAsync(new ScanOptions { Url = url, MaxPages = 1 }, null, TestContext.Current.CancellationToken));
        Assert.Contains("could not be loaded", e.Message, StringComparison.Ordinal);
        Assert.Contains("ERR_SSL", e.Message, StringComparison.Ordinal);
        Assert.Contains("TLS", e.Message, StringComparison.Ordinal);
    }
}
