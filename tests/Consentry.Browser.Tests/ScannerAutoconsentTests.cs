using Consentry.Scanner;

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
}
