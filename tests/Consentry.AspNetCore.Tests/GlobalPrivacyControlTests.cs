namespace Consentry.AspNetCore.Tests;

public sealed class GlobalPrivacyControlTests
{
    private static string Manifest(string gpc)
    {
        var path = Path.Combine(Path.GetTempPath(), $"consentry-gpc-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, $$"""
            site: { name: Shop, contact: { email: privacy@shop.example } }
            items:
              - { name: shop_consent, category: necessary, purpose: Stores your choice., duration: 6mo }
              - { name: ad_id, category: marketing, purpose: Targeted advertising., duration: 90d }
            consent: { cookie: shop_consent, global_privacy_control: {{gpc}} }
            history: [{ date: 2026-11-01, summary: First. }]
            """);
        return path;
    }

    private static async Task<string[]> SetAdCookieAsync(string manifest, bool gpcHeader)
    {
        await using var site = await TestSite.StartAsync(manifest);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/set?names=ad_id");
        request.Headers.Add("Cookie", "shop_consent=" + TestSite.ConsentCookie(1, ["necessary", "marketing"], []));
        if (gpcHeader)
        {
            request.Headers.Add("Sec-GPC", "1");
        }

        using var response = await site.Client.SendAsync(request, TestContext.Current.CancellationToken);
        return response.Headers.TryGetValues("Set-Cookie", out var v) ? [.. v] : [];
    }

    [Fact]
    public async Task SecGpcHeaderRefusesMarketingEvenWhenTheCookieGrantsIt()
    {
        var path = Manifest("honour");
        try
        {
            Assert.Empty(await SetAdCookieAsync(path, gpcHeader: true));
            Assert.Single(await SetAdCookieAsync(path, gpcHeader: false));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task SecGpcHeaderChangesNothingWhenTheManifestIgnoresIt()
    {
        var path = Manifest("ignore");
        try
        {
            Assert.Single(await SetAdCookieAsync(path, gpcHeader: true));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
