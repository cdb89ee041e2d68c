using Consentry.Manifests;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Consentry.AspNetCore.Tests;

/// <summary>
/// Enforcement runs on every request: once a visitor's consent cookie and the policy for their choice are known, deciding
/// a cookie and finding the Content-Security-Policy header allocate nothing (counted in bytes on this thread, not timed).
/// </summary>
public sealed class HotPathAllocationTests
{
    private const string Yaml = """
        site: { name: Bench, domains: [example.com], contact: { email: privacy@example.com } }
        providers:
          stats: { name: StatsCo, domains: [stats.example] }
        items:
          - { name: bench_consent, category: necessary, purpose: Stores your choice., duration: 6mo }
          - { name: st_visit, category: analytics, provider: stats, purpose: Visit statistics., duration: 13mo }
          - { name: 'ab_*', category: analytics, provider: stats, purpose: Experiments., duration: 1mo }
        consent: { cookie: bench_consent }
        history: [{ date: 2026-11-01, summary: First. }]
        """;

    private static (ConsentrySite Site, ConsentryOptions Options, DefaultHttpContext Context) Request()
    {
        var site = new ConsentrySite(ManifestLoader.Parse(Yaml, "cookies.yaml").GetValidManifest(), "/consentry");
        var options = new ConsentryOptions { ConsentCsp = ConsentCspMode.Enforce };
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = "other=1; bench_consent=" + TestSite.ConsentCookie(site.Manifest.Revision, ["necessary", "analytics"], ["stats"]);
        context.Features.Set<ITrackingConsentFeature>(new ConsentryTrackingConsentFeature(site, context, options));
        return (site, options, context);
    }

    [Fact]
    public void ReadingAKnownConsentCookieAllocatesNothing()
    {
        var (site, _, context) = Request();
        var first = context.GetConsent();
        Assert.True(first.IsGranted("analytics", "stats"));
        var request = (ConsentryTrackingConsentFeature)context.Features.Get<ITrackingConsentFeature>()!;

        request.Consent = null; // the next request of the same visitor: its value is in the site's cache
        var before = GC.GetAllocatedBytesForCurrentThread();
        var again = context.GetConsent();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Same(first, again);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void FindingADeclaredCookieAllocatesNothing()
    {
        var (site, _, _) = Request();
        Assert.NotNull(site.FindCookie("ab_test"));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var exact = site.FindCookie("st_visit");
        var prefixed = site.FindCookie("ab_test");
        var undeclared = site.FindCookie("nobody");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("st_visit", exact?.Name);
        Assert.Equal("ab_", prefixed?.Name);
        Assert.Null(undeclared);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void TheCspHeaderOfAKnownChoiceIsFoundWithoutAllocating()
    {
        var (site, options, context) = Request();
        var consent = context.GetConsent();
        var first = ConsentCsp.Header(site, consent, options, PathString.Empty);
        Assert.Contains("stats.example", first, StringComparison.Ordinal);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var again = ConsentCsp.Header(site, consent, options, PathString.Empty);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Same(first, again);
        Assert.Equal(0, allocated);
    }
}
