using Consentry.Manifests;

namespace Consentry.Core.Tests.Manifests;

/// <summary>The one rule of which consent-needing domains the blocker may hold, shared with the manifest's CN0128 warning.</summary>
public sealed class BlockingOverlapTests
{
    private static readonly CookieManifest Manifest = ManifestText.Valid(ManifestText.With(
        """
          - name: ads_id
            category: marketing
            provider: ads
            purpose: Ads.
            duration: 1y
          - name: pay_id
            category: necessary
            provider: pay
            purpose: Payments.
            duration: session
        """,
        """
        providers:
          ads: { name: AdsCo, domains: [ads.example] }
          pay: { name: PayCo, domains: [cdn.pay.example] }
        consent: { cookie: session }
        """).Replace("  name: Test\n", "  name: Test\n  domains: [test.example]\n", StringComparison.Ordinal));

    [Theory]
    [InlineData("ads.example", null, null)]
    [InlineData("test.example", "test.example", null)]
    [InlineData("tracker.test.example", "test.example", null)]
    [InlineData("example", "test.example", null)]
    [InlineData(".Cdn.Pay.Example.", "cdn.pay.example", "pay")]
    [InlineData("img.cdn.pay.example", "cdn.pay.example", "pay")]
    [InlineData("pay.example", "cdn.pay.example", "pay")]
    public void ADomainIsHeldOnlyWhenItOverlapsNeitherTheSiteNorAProviderThatNeedsNoConsent(string domain, string? overlaps, string? provider)
    {
        var overlap = BlockingOverlap.Of(Manifest, domain);
        Assert.Equal(overlaps, overlap?.Domain);
        Assert.Equal(provider, overlap?.ProviderId);
    }
}
