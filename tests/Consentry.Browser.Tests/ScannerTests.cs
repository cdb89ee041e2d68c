using Consentry.Manifests;
using Consentry.Scanner;

namespace Consentry.Browser.Tests;

/// <summary>The scanner against the real demo sites and a fixture page that misbehaves.</summary>
public sealed class ScannerTests(BrowserFixture fixture)
{
    private static ScanOptions Options(Uri url) => new()
    {
        Url = url,
        MaxPages = 10,
        BrowserArgs = ["--host-resolver-rules=MAP *.localhost 127.0.0.1"],
    };

    [Theory]
    [InlineData("casemgmt")]
    [InlineData("claimcmr")]
    [InlineData("clinixai")]
    [InlineData("connectwyze")]
    public async Task ScanningEachReferenceSiteWithItsOwnManifestReportsNoError(string site)
    {
        var manifest = ManifestLoader.Load(RepoPaths.Example(site)).GetValidManifest();
        var result = await Scan.RunAsync(Options(fixture.Demo(site)), manifest, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(result.Findings, f => f.Severity == FindingSeverity.Error);
        // A visit with a choice to make crawls like the untouched one; without a banner it stops after its first page.
        Assert.All(result.Visits, v => Assert.True(v.Kind == VisitKind.Untouched || v.BannerOperated ? v.Pages.Count >= 3 : v.Pages.Count == 1, $"{v.Kind} visited {v.Pages.Count} pages"));
        Assert.Equal(manifest.BannerRequired, result.Visits.Single(v => v.Kind == VisitKind.AcceptAll).BannerOperated);
        Assert.NotEqual("unknown", result.BrowserVersion);
    }

    [Fact]
    public async Task AcceptAllOnClaimCmrShowsThePostHogCookieThatRejectAllDoesNot()
    {
        var manifest = ManifestLoader.Load(RepoPaths.Example("claimcmr")).GetValidManifest();
        var result = await Scan.RunAsync(Options(fixture.Demo("claimcmr")), manifest, TestContext.Current.CancellationToken);
        Assert.Contains(result.Visits.Single(v => v.Kind == VisitKind.AcceptAll).Cookies, c => c.Name.StartsWith("ph_", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Visits.Single(v => v.Kind == VisitKind.RejectAll).Cookies, c => c.Name.StartsWith("ph_", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Visits.Single(v => v.Kind == VisitKind.Untouched).Cookies, c => c.Name.StartsWith("ph_", StringComparison.Ordinal));
        Assert.Contains(result.Visits.Single(v => v.Kind == VisitKind.Untouched).Cookies, c => c.Name == "session_token" && c.HttpOnly && c.Secure);
    }

    [Fact]
    public async Task AnalyticsSetBeforeConsentAndUndeclaredItemsOnADeeperPageAreReported()
    {
        var result = await Scan.RunAsync(Options(new Uri(fixture.CustomSite, "/leaky")), fixture.CustomManifest, TestContext.Current.CancellationToken);
        Assert.Contains(result.Findings, f => f is { Code: "SC003", Item: "st_early", Visit: VisitKind.Untouched, Severity: FindingSeverity.Error });
        // The page sets it on every view, so the view after Reject all (the scanner reloads the start page) sets it again.
        Assert.Contains(result.Findings, f => f is { Code: "SC004", Item: "st_early", Visit: VisitKind.RejectAll });
        Assert.Contains(result.Findings, f => f is { Code: "SC004", Item: "_ga", Visit: VisitKind.RejectAll });
        Assert.Contains(result.Findings, f => f is { Code: "SC001", Item: "tracker_id" });
        var ga = Assert.Single(result.Findings, f => f is { Code: "SC001", Item: "_ga", Visit: VisitKind.Untouched });
        Assert.Contains("Google Analytics", ga.Message, StringComparison.Ordinal);
        Assert.EndsWith("/leaky/deeper", ga.Page, StringComparison.Ordinal);
        Assert.Contains(result.Findings, f => f is { Code: "SC003", Item: "_ga" });
    }

    [Fact]
    public async Task AnUnreachableSiteIsAClearErrorNotAnEmptyReport()
    {
        var e = await Assert.ThrowsAsync<ScanException>(() => Scan.RunAsync(Options(new Uri("http://127.0.0.1:1/")), null, TestContext.Current.CancellationToken));
        Assert.Contains("could not be loaded", e.Message, StringComparison.Ordinal);
    }
}
